// Integration: the venue's ccxt class loaded from its own module, working over HTTP against the
// simulator, and the same classes as the package's; the whole package when the module is missing.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim';
import { binanceAdapter } from './binance';
import { ccxtPackageDir, importVenueCcxt, loadCcxt, loadVenueCcxt } from './ccxt-loader';
import { classifyError } from './errors';
import { createFetchHook } from './fetch-redirect';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, marketTime: Date.UTC(2025, 0, 10, 12), speed: 0 });
});

afterAll(async () => {
  await sim.close();
});

describe('the venue class loader', () => {
  it('finds the installed ccxt package and its binance class module', async () => {
    const dir = await ccxtPackageDir();
    expect(dir).not.toBeNull();
    const pkg = JSON.parse(await readFile(join(dir!, 'package.json'), 'utf8')) as { name: string };
    expect(pkg.name).toBe('ccxt');
    expect(existsSync(join(dir!, 'js', 'src', 'binance.js'))).toBe(true);
  });

  it("loads binance's class module alone, once, with the package's own classes", async () => {
    const loaded = await loadVenueCcxt('binance');
    expect(loaded.source).toBe('venue-module');
    expect(loaded.importMs).toBeGreaterThan(0);
    expect(await loadVenueCcxt('binance')).toBe(loaded);

    // The package entry re-exports these very modules: one class, one error hierarchy.
    const { ccxt } = await loadCcxt();
    expect(loaded.ccxt.binance).toBe(ccxt.binance);
    expect(loaded.ccxt.BadResponse).toBe(ccxt.BadResponse);
    expect(loaded.ccxt.AuthenticationError).toBe(ccxt.AuthenticationError);
  });

  it('builds a binance instance that loads the markets and quotes them from the simulator', async () => {
    const { ccxt } = await loadVenueCcxt('binance');
    const exchange = binanceAdapter.create(ccxt, {
      enableRateLimit: true,
      rateLimit: 1,
      fetchImplementation: createFetchHook({
        venueHosts: binanceAdapter.hosts,
        redirectTo: sim.url,
        badResponse: (message) => new ccxt.BadResponse(message),
        regionRefused: (message) => new ccxt.RestrictedLocation(message),
      }),
    });
    expect(exchange.id).toBe('binance');
    const markets = await exchange.loadMarkets();
    expect(markets['BTC/USDT']?.spot).toBe(true);
    expect(markets['BTC/USDT:USDT']?.swap).toBe(true);

    const quotes = await binanceAdapter.fetchQuotes(exchange, {
      spotSymbols: ['BTC/USDT'],
      contractSymbols: ['BTC/USDT:USDT'],
    });
    const spot = quotes.spot.get('BTC/USDT');
    expect(spot?.bid).toBeGreaterThan(0);
    expect(spot!.ask!).toBeGreaterThanOrEqual(spot!.bid!);
    expect(quotes.contracts.get('BTC/USDT:USDT')?.mark).toBeGreaterThan(0);
  });

  it("throws ccxt's error classes, which the gateway tells apart by name", async () => {
    const { ccxt } = await loadVenueCcxt('binance');
    const exchange = binanceAdapter.create(ccxt, {
      enableRateLimit: false,
      // Credentials the simulator never issued.
      apiKey: randomBytes(16).toString('hex'),
      secret: randomBytes(32).toString('hex'),
      fetchImplementation: createFetchHook({
        venueHosts: binanceAdapter.hosts,
        redirectTo: sim.url,
        badResponse: (message) => new ccxt.BadResponse(message),
        regionRefused: (message) => new ccxt.RestrictedLocation(message),
      }),
    });
    const error = await exchange.fetchBalance().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    const classified = classifyError(error, { venue: 'Binance', retryAfterMs: null, secrets: [] });
    expect(classified.kind).toBe('auth');
  });

  it('loads all of ccxt when the class module is not where this ccxt keeps it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'premia-no-ccxt-'));
    try {
      const loaded = await importVenueCcxt('binance', empty);
      expect(loaded.source).toBe('package');
      expect(loaded.ccxt.binance).toBe((await loadCcxt()).ccxt.binance);
      expect(typeof loaded.ccxt.BadResponse).toBe('function');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('refuses a name that is not a ccxt exchange name', async () => {
    await expect(importVenueCcxt('../base/errors' as 'binance', null)).rejects.toThrow(
      /not a ccxt exchange name/,
    );
  });
});
