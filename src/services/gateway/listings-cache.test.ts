// Integration: the market list kept on disk between starts, with the real ccxt binance class over HTTP
// against the simulator. The venue's market-list requests are held by the test, so what is served
// before the fresh list arrives is shown by order, not by timing.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { MARKET_TIME, useGatewaySimulator } from './gateway-testing';
import {
  createListingCache,
  listingCachePath,
  type ListingCache,
  type SavedListing,
} from './listings-cache';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 11, marketTime: MARKET_TIME, speed: 0 }),
);

const MARKET_LIST = /\/exchangeInfo$/;

let dataDir: string;
let file: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'premia-listings-'));
  file = listingCachePath(dataDir, 'binance', 'simulator');
});

afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** The cache on `file`, with a promise for each list it has finished writing. */
function watchedCache(version = '4.5.84') {
  const cache = createListingCache({ file, ccxtVersion: async () => version });
  const written: SavedListing[] = [];
  const waiting: Array<{ count: number; done: () => void }> = [];
  const watched: ListingCache = {
    read: () => cache.read(),
    async write(listing) {
      await cache.write(listing);
      written.push(listing);
      for (const w of waiting.filter((w) => written.length >= w.count)) w.done();
    },
  };
  return {
    cache: watched,
    written,
    /** Resolves once `count` lists have been written. */
    writes: (count: number) =>
      written.length >= count
        ? Promise.resolve()
        : new Promise<void>((done) => waiting.push({ count, done })),
  };
}

/**
 * A fetch that holds the venue's market-list requests until `release` (or, once `fail` is called,
 * fails them as a dropped connection would); `held` resolves once one is held, `failed` once one
 * has failed.
 */
function holdingMarketList() {
  const waiting: Array<() => void> = [];
  let mode: 'hold' | 'fail' | 'pass' = 'hold';
  let heldOne: () => void = () => undefined;
  let failedOne: () => void = () => undefined;
  const held = new Promise<void>((done) => (heldOne = done));
  const failed = new Promise<void>((done) => (failedOne = done));
  const heldFetch: typeof fetch = async (input, init) => {
    const path = new URL(String(input)).pathname;
    if (MARKET_LIST.test(path) && mode === 'fail') {
      failedOne();
      throw new TypeError('fetch failed');
    }
    if (MARKET_LIST.test(path) && mode === 'hold') {
      const released = new Promise<void>((done) => waiting.push(done));
      heldOne();
      await released;
    }
    return fetch(input, init);
  };
  return {
    fetch: heldFetch,
    held,
    failed,
    heldCount: () => waiting.length,
    release() {
      mode = 'pass';
      for (const done of waiting.splice(0)) done();
    },
    fail() {
      mode = 'fail';
    },
  };
}

/** Saves the venue's list with a gateway that loads it the usual way. */
async function saveListing(version?: string): Promise<void> {
  const saved = watchedCache(version);
  const { g } = venue.gateway({ listingCache: saved.cache });
  await g.ready();
  await saved.writes(1);
}

/** Rewrites the saved list without the markets of `asset`. */
async function dropFromSaved(asset: string): Promise<void> {
  const saved = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as {
    markets: Array<{ base: string }>;
  };
  saved.markets = saved.markets.filter((m) => m.base !== asset);
  await writeFile(file, gzipSync(JSON.stringify(saved)));
}

describe('a start with a saved market list', () => {
  it('quotes from the saved list while the fresh list is still loading', async () => {
    await saveListing();
    const market = holdingMarketList();
    const watched = watchedCache();
    const { g } = venue.gateway({ listingCache: watched.cache, fetch: market.fetch });
    const [cycle] = await Promise.all([g.fetchMarketData(['BTC', 'ETH']), market.held]);
    expect(cycle.assets.map((a) => a.asset)).toEqual(['BTC', 'ETH']);
    expect(cycle.assets[0]!.spot?.bid).toBeGreaterThan(0);
    expect(cycle.assets[0]!.perp?.mark).toBeGreaterThan(0);
    // The fresh list was asked for and is still held: the quotes did not wait for it.
    expect(market.heldCount()).toBeGreaterThan(0);
    expect(watched.written).toHaveLength(0);
    market.release();
    await watched.writes(1);
  });

  it('finds the same instruments in the saved list as in a fresh load', async () => {
    const { g: fresh } = venue.gateway();
    const loaded = await fresh.discover(['BTC', 'DOGE', 'ADA']);
    await saveListing();
    const market = holdingMarketList();
    const watched = watchedCache();
    const { g } = venue.gateway({ listingCache: watched.cache, fetch: market.fetch });
    const [restored] = await Promise.all([g.discover(['BTC', 'DOGE', 'ADA']), market.held]);
    expect(market.heldCount()).toBeGreaterThan(0);
    expect(restored).toEqual(loaded);
    market.release();
    await watched.writes(1);
  });

  it('changes over to the fresh list once it has loaded, and saves it for the next start', async () => {
    await saveListing();
    await dropFromSaved('ETH');
    const market = holdingMarketList();
    const watched = watchedCache();
    const { g } = venue.gateway({ listingCache: watched.cache, fetch: market.fetch });
    const [btc] = await g.discover(['BTC']);
    expect(btc!.perp).not.toBeNull();
    // ETH is missing from the saved list: its instruments come from the fresh list once released.
    let ethFound = false;
    const eth = g.discover(['ETH']).then((found) => {
      ethFound = true;
      return found;
    });
    await g.discover(['BTC']);
    expect(ethFound).toBe(false);
    market.release();
    expect((await eth)[0]!.perp?.symbol).toBe('ETH/USDT:USDT');
    await watched.writes(1);
    const saved = await watched.cache.read();
    expect(saved?.markets.some((m) => m.base === 'ETH')).toBe(true);
  });

  it('keeps the saved list in use when the fresh load fails, and loads it again when asked', async () => {
    await saveListing();
    await dropFromSaved('ETH');
    const market = holdingMarketList();
    market.fail();
    const watched = watchedCache();
    const { g, requests } = venue.gateway({
      listingCache: watched.cache,
      fetch: market.fetch,
      retry: { retries: 0 },
    });
    const cycle = await g.fetchMarketData(['BTC']);
    expect(cycle.assets[0]!.perp?.mark).toBeGreaterThan(0);
    await market.failed;
    expect((await g.discover(['ETH']))[0]!.perp).toBeNull();
    // A newly tracked asset has the list reloaded: it goes out again, and this time it answers.
    const asked = requests.filter((r) => MARKET_LIST.test(r.path)).length;
    market.release();
    await g.reloadMarkets();
    expect(requests.filter((r) => MARKET_LIST.test(r.path)).length).toBeGreaterThan(asked);
    expect((await g.discover(['ETH']))[0]!.perp?.symbol).toBe('ETH/USDT:USDT');
    await watched.writes(1);
  });

  it('ignores a list saved by another ccxt version and loads the list before quoting', async () => {
    await saveListing('4.0.0');
    const market = holdingMarketList();
    const watched = watchedCache();
    const { g } = venue.gateway({ listingCache: watched.cache, fetch: market.fetch });
    let quoted = false;
    const cycle = g.fetchMarketData(['BTC']).then((c) => {
      quoted = true;
      return c;
    });
    await market.held;
    expect(quoted).toBe(false);
    market.release();
    expect((await cycle).assets[0]!.perp?.mark).toBeGreaterThan(0);
    await watched.writes(1);
    expect((await watched.cache.read())?.markets.length).toBeGreaterThan(0);
  });
});

describe('a damaged saved market list', () => {
  it.each([
    ['not gzip at all', () => Buffer.from('{"format":1')],
    ['a truncated file', () => gzipSync(JSON.stringify({ format: 1 })).subarray(0, 12)],
    ['JSON of another shape', () => gzipSync(JSON.stringify({ format: 1, markets: 'none' }))],
    ['a stale format', () => gzipSync(JSON.stringify({ format: 0, markets: [] }))],
  ])('is ignored when it is %s, and rewritten after the load', async (_, content) => {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content());
    const watched = watchedCache();
    expect(await watched.cache.read()).toBeNull();
    const { g } = venue.gateway({ listingCache: watched.cache });
    const cycle = await g.fetchMarketData(['BTC']);
    expect(cycle.assets[0]!.perp?.mark).toBeGreaterThan(0);
    await watched.writes(1);
    const saved = await watched.cache.read();
    expect(saved?.markets.some((m) => m.symbol === 'BTC/USDT')).toBe(true);
  });
});
