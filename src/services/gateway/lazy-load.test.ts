// ccxt is heavy: the gateway must not load it until a gateway is made ready.
import { expect, it, vi } from 'vitest';

vi.mock('ccxt', () => {
  throw new Error('ccxt was imported');
});

it('imports and builds a gateway without loading ccxt, and loads it on first use', async () => {
  const { createExchangeGateway } = await import('./index');
  const gateway = createExchangeGateway({ exchange: 'binance' });
  expect(gateway.ccxtImportMs()).toBeNull();
  await expect(gateway.ready()).rejects.toThrow(/error when mocking a module/);
});

it('refuses an exchange it has no adapter for, naming the supported ones', async () => {
  const { createExchangeGateway } = await import('./index');
  expect(() => createExchangeGateway({ exchange: 'okx' })).toThrow(
    /okx is not supported yet; supported: binance/,
  );
});
