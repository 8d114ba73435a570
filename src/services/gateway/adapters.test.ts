import { describe, expect, it } from 'vitest';
import { EXCHANGE_NAMES, EXCHANGES } from '../../shared/settings';
import type { AdapterRegistry } from './adapters';
import { ADAPTERS, adapterOf } from './adapters';
import { binanceAdapter } from './binance';

describe('the venue adapters', () => {
  it('are exactly one for each exchange the settings offer, each under its own id and name', () => {
    expect(Object.keys(ADAPTERS).sort()).toEqual([...EXCHANGES].sort());
    for (const id of EXCHANGES) {
      expect(ADAPTERS[id].id).toBe(id);
      expect(ADAPTERS[id].displayName).toBe(EXCHANGE_NAMES[id]);
    }
  });

  it('fail the type check when an offered exchange has no adapter or an adapter is not offered', () => {
    // @ts-expect-error binance is offered by the settings and must have an adapter
    const missing: AdapterRegistry = {};
    // @ts-expect-error bybit is not an exchange the settings offer
    const extra: AdapterRegistry = { binance: binanceAdapter, bybit: binanceAdapter };
    // The registries above exist only for the type check; the real one is what the gateway uses.
    expect(missing).not.toBe(ADAPTERS);
    expect(extra).not.toBe(ADAPTERS);
  });

  it('answer to an unchecked name only when it is an offered exchange', () => {
    expect(adapterOf('binance')).toBe(binanceAdapter);
    for (const name of ['bybit', 'okx', 'toString', '__proto__', ''])
      expect(adapterOf(name)).toBeNull();
  });
});
