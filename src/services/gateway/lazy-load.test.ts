// ccxt is heavy: the gateway must not load it until a gateway is made ready, and then only the
// venue's own class through the loader.
import { expect, it, vi } from 'vitest';
import type { ExchangeId } from '../../shared/settings';
import type * as CcxtLoader from './ccxt-loader';

const loader = vi.hoisted(() => ({
  loadVenueCcxt: vi.fn(() => Promise.reject(new Error('ccxt was loaded'))),
}));

// Any value import of the package itself fails the import of the module that makes it.
vi.mock('ccxt', () => {
  throw new Error('ccxt was imported');
});

vi.mock('./ccxt-loader', async (importOriginal) => ({
  ...(await importOriginal<typeof CcxtLoader>()),
  loadVenueCcxt: loader.loadVenueCcxt,
}));

it('imports and builds a gateway without loading ccxt, and loads the venue class on first use', async () => {
  const { createExchangeGateway } = await import('./index');
  const { gateway, diagnostics } = createExchangeGateway({ exchange: 'binance' });
  expect(diagnostics.ccxtImportMs()).toBeNull();
  expect(diagnostics.ccxtSource()).toBeNull();
  expect(loader.loadVenueCcxt).not.toHaveBeenCalled();

  await expect(gateway.ready()).rejects.toThrow(/ccxt was loaded/);
  expect(loader.loadVenueCcxt).toHaveBeenCalledWith('binance');
});

it('refuses an exchange it has no adapter for, naming the supported ones', async () => {
  const { createExchangeGateway } = await import('./index');
  // A name that reached it unchecked: the type allows none but the venues with an adapter.
  const unchecked = 'okx' as ExchangeId;
  expect(() => createExchangeGateway({ exchange: unchecked })).toThrow(
    /okx is not supported yet; supported: binance/,
  );
});
