// Integration: the real ccxt binance class over HTTP against the simulator on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateCredentials, startSimulator, type Simulator } from '../../sim';
import { GatewayError } from './errors';
import { createExchangeGateway, type ExchangeGatewayOptions } from './exchange-gateway';
import type { RequestEvent } from './types';

const MARKET_TIME = Date.UTC(2025, 0, 10, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, marketTime: MARKET_TIME, speed: 0 });
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.control.clearFaults();
});

/** A gateway on the simulator whose requests are recorded at the fetch hook. */
function gateway(extra: Partial<ExchangeGatewayOptions> = {}) {
  const requests: RequestEvent[] = [];
  const { gateway: g, diagnostics } = createExchangeGateway({
    exchange: 'binance',
    redirectTo: sim.url,
    rateLimitMs: 1,
    timeoutMs: 2_000,
    retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5_000 },
    ...extra,
  });
  diagnostics.onRequest((e) => requests.push(e));
  return { g, requests };
}

/** A clock that moves only when the gateway sleeps, so backoff is observed without waiting. */
function fakeTime(onSleep: (ms: number, count: number) => void = () => {}) {
  let t = Date.now();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
      onSleep(ms, sleeps.length);
    },
  };
}

describe('discovery', () => {
  it('finds the spot pair, the perpetual and both quarterlies with their delivery dates', async () => {
    const { g } = gateway();
    const [btc] = await g.discover(['BTC']);
    expect(btc!.spot?.symbol).toBe('BTC/USDT');
    expect(btc!.spot?.id).toBe('BTCUSDT');
    expect(btc!.perp?.symbol).toBe('BTC/USDT:USDT');
    expect(btc!.perp?.contractSize).toBe(1);
    // Last Friday of March and of June 2025, 08:00 UTC.
    expect(btc!.futures.map((f) => f.expiry)).toEqual([
      Date.UTC(2025, 2, 28, 8),
      Date.UTC(2025, 5, 27, 8),
    ]);
    expect(btc!.futures.map((f) => f.id)).toEqual(['BTCUSDT_250328', 'BTCUSDT_250627']);
    expect(btc!.perp?.limits.minAmount).toBeGreaterThan(0);
    expect(btc!.perp?.limits.amountStep).toBeGreaterThan(0);
    expect(btc!.spot?.limits.minCost).toBe(5);
  });

  it('flags the funding intervals the venue states and defaults the rest to 8 h', async () => {
    const { g } = gateway();
    const found = await g.discover(['BTC', 'DOGE', 'ADA']);
    const perp = (asset: string) => found.find((a) => a.asset === asset)!.perp!;
    expect(perp('DOGE')).toMatchObject({ fundingIntervalHours: 4, intervalFromVenue: true });
    expect(perp('ADA')).toMatchObject({ fundingIntervalHours: 1, intervalFromVenue: true });
    expect(perp('BTC')).toMatchObject({ fundingIntervalHours: 8, intervalFromVenue: false });
  });

  it('reports an asset the venue does not list as having no instruments', async () => {
    const { g } = gateway();
    const [none] = await g.discover(['NOPE']);
    expect(none).toEqual({ asset: 'NOPE', spot: null, perp: null, futures: [] });
  });

  it('loads only spot and USDⓈ-M markets, once, without currency or margin discovery', async () => {
    const { g, requests } = gateway();
    await g.ready();
    await g.discover(['BTC']);
    await g.discover(['ETH']);
    expect(requests.map((r) => r.path).sort()).toEqual([
      '/api/v3/exchangeInfo',
      '/fapi/v1/exchangeInfo',
      '/fapi/v1/fundingInfo',
    ]);
    expect(requests.every((r) => r.redirected && r.host.endsWith('binance.com'))).toBe(true);
  });
});

describe('market data', () => {
  it('costs the same number of requests for 2 assets as for 50', async () => {
    const extra = sim.control.addAssets(50 - sim.control.state().assets.length);
    const all = sim.control.state().assets.map((a) => a.asset);
    expect(all).toHaveLength(50);
    const { g, requests } = gateway();
    await g.ready();
    const before = requests.length;
    const two = await g.fetchMarketData(['BTC', 'ETH']);
    const afterTwo = requests.length;
    const fifty = await g.fetchMarketData(all);
    expect(afterTwo - before).toBe(two.requests);
    expect(requests.length - afterTwo).toBe(fifty.requests);
    expect(two.requests).toBe(2);
    expect(fifty.requests).toBe(two.requests);
    expect(fifty.assets).toHaveLength(50);
    for (const a of fifty.assets) {
      expect(a.spot?.price, a.asset).toBeGreaterThan(0);
      expect(a.perp?.mark, a.asset).toBeGreaterThan(0);
      expect(Number.isFinite(a.perp?.fundingRate), a.asset).toBe(true);
      expect(a.perp?.nextFundingAt, a.asset).toBeGreaterThan(MARKET_TIME);
    }
    expect(extra.length).toBeGreaterThan(0);
  });

  it('quotes spot between bid and ask and each quarterly close to spot', async () => {
    const { g } = gateway();
    const cycle = await g.fetchMarketData(['BTC']);
    const btc = cycle.assets[0]!;
    expect(btc.spot!.bid!).toBeLessThan(btc.spot!.ask!);
    expect(btc.spot!.price).toBeGreaterThan(btc.spot!.bid!);
    expect(btc.spot!.price).toBeLessThan(btc.spot!.ask!);
    expect(btc.futures).toHaveLength(2);
    for (const f of btc.futures) expect(Math.abs(f.price / btc.spot!.price - 1)).toBeLessThan(0.2);
    expect(cycle.receivedAt).toBeGreaterThan(0);
  });

  it('shows a premium set on the simulator in the next cycle', async () => {
    const { g } = gateway();
    sim.control.setPremium('ETH', 0.45);
    const cycle = await g.fetchMarketData(['ETH']);
    const eth = cycle.assets[0]!;
    const near = eth.futures[0]!;
    const days = (near.expiry - MARKET_TIME) / DAY;
    const basis = ((near.price / eth.spot!.price - 1) * 365) / days;
    expect(basis).toBeGreaterThan(0.35);
    expect(basis).toBeLessThan(0.55);
    sim.control.setPremium('ETH', null);
  });

  it('returns funding history at the venue interval and hourly candles', async () => {
    const { g } = gateway();
    const funding = await g.fetchFundingHistory('BTC', {
      since: MARKET_TIME - 10 * DAY,
      limit: 1000,
    });
    expect(funding.length).toBe(30);
    for (let i = 1; i < funding.length; i++)
      expect(funding[i]!.at - funding[i - 1]!.at).toBe(8 * HOUR);
    const ada = await g.fetchFundingHistory('ADA', { since: MARKET_TIME - DAY, limit: 1000 });
    expect(ada[1]!.at - ada[0]!.at).toBe(HOUR);
    const candles = await g.fetchPriceHistory('ETH', '1h', { limit: 48 });
    expect(candles).toHaveLength(48);
    for (let i = 1; i < candles.length; i++) expect(candles[i]!.at - candles[i - 1]!.at).toBe(HOUR);
    for (const c of candles) {
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
    }
    const perpCandles = await g.fetchPriceHistory('BTC', '1d', {
      since: MARKET_TIME - 30 * DAY,
      instrument: 'perp',
    });
    expect(perpCandles.length).toBe(30);
  });

  it('reads an order book with depth on both sides', async () => {
    const { g } = gateway();
    const book = await g.fetchOrderBook('BTC/USDT:USDT', 20);
    expect(book.bids).toHaveLength(20);
    expect(book.asks).toHaveLength(20);
    expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
  });
});

describe('faults', () => {
  it('waits out Retry-After on a 429 and then succeeds', async () => {
    const time = fakeTime(() => sim.control.clearFaults());
    const { g, requests } = gateway({ now: time.now, sleep: time.sleep, random: () => 0.5 });
    await g.ready();
    sim.control.setFaults({ rate429: 1, retryAfterSeconds: 2 });
    const cycle = await g.fetchMarketData(['BTC']);
    expect(cycle.assets[0]!.spot).not.toBeNull();
    expect(Math.max(...time.sleeps)).toBeGreaterThanOrEqual(2_000);
    expect(requests.some((r) => r.status === 429)).toBe(true);
  });

  it('loads the markets on a later call when the first load failed', async () => {
    const time = fakeTime();
    const { g } = gateway({ now: time.now, sleep: time.sleep, retry: { retries: 0 } });
    sim.control.setFaults({ rate5xx: 1 });
    await expect(g.ready()).rejects.toMatchObject({ kind: 'unavailable' });
    sim.control.clearFaults();
    const [btc] = await g.discover(['BTC']);
    expect(btc!.perp).not.toBeNull();
  });

  it('refuses at once when Retry-After asks for longer than it will wait', async () => {
    const time = fakeTime();
    const { g } = gateway({ now: time.now, sleep: time.sleep });
    await g.ready();
    sim.control.setFaults({ rate429: 1, retryAfterSeconds: 60 });
    const error = await g.fetchMarketData(['BTC']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      kind: 'rate-limited',
      code: 'rate-limited',
      retryAfterMs: 60_000,
    });
    expect(time.sleeps).toEqual([]);
  });

  it('retries 5xx answers with growing backoff until the venue answers', async () => {
    const time = fakeTime((_, count) => {
      if (count === 2) sim.control.clearFaults();
    });
    const { g } = gateway({
      now: time.now,
      sleep: time.sleep,
      random: () => 0.5,
      retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 10_000, maxRetryAfterMs: 5_000 },
    });
    await g.ready();
    sim.control.setFaults({ rate5xx: 1 });
    const cycle = await g.fetchMarketData(['ETH']);
    expect(cycle.assets[0]!.perp).not.toBeNull();
    expect(time.sleeps).toHaveLength(2);
    expect(time.sleeps[1]!).toBeGreaterThan(time.sleeps[0]!);
  });

  it('gives up on persistent 5xx answers as unavailable', async () => {
    const time = fakeTime();
    const { g } = gateway({ now: time.now, sleep: time.sleep });
    await g.ready();
    sim.control.setFaults({ rate5xx: 1 });
    const error = await g.fetchMarketData(['ETH']).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', code: 'unavailable', retryable: true });
    expect(time.sleeps).toHaveLength(2);
  });

  it('retries none of a call’s reads when its caller retries on its own', async () => {
    const time = fakeTime();
    const { g, requests } = gateway({ now: time.now, sleep: time.sleep });
    await g.ready();
    sim.control.setFaults({ rate5xx: 1 });
    const before = requests.length;
    const error = await g.fetchMarketData(['ETH'], { retries: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(time.sleeps).toEqual([]);
    // One attempt: at most the two bulk requests of a refresh (the first refusal ends it), each once.
    expect(requests.length - before).toBeGreaterThanOrEqual(1);
    expect(requests.length - before).toBeLessThanOrEqual(2);
    // The gateway's own policy still holds for the calls that do not say otherwise.
    await g.fetchMarketData(['ETH']).catch(() => undefined);
    expect(time.sleeps).toHaveLength(2);
  });

  it('names the demo market as such in what it tells people', async () => {
    const time = fakeTime();
    const { g } = gateway({ now: time.now, sleep: time.sleep, venueName: 'the demo market' });
    await g.ready();
    sim.control.setFaults({ rateHtml: 1 });
    const error = await g.fetchMarketData(['BTC'], { retries: 0 }).catch((e: unknown) => e);
    expect((error as GatewayError).message).toMatch(/^The demo market answered with something/);
  });

  it('treats an HTML page with status 200 as an error, never as an empty market', async () => {
    const time = fakeTime();
    const { g } = gateway({ now: time.now, sleep: time.sleep });
    await g.ready();
    sim.control.setFaults({ rateHtml: 1 });
    const error = await g.fetchMarketData(['BTC']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'bad-response', code: 'unavailable' });
    expect((error as GatewayError).message).toMatch(/captive portal/);
  });

  it('turns a request left hanging into a timeout', async () => {
    const time = fakeTime();
    const { g } = gateway({
      now: time.now,
      sleep: time.sleep,
      timeoutMs: 300,
      retry: { retries: 0 },
    });
    await g.ready();
    sim.control.setFaults({ rateTimeout: 1 });
    const error = await g.fetchMarketData(['BTC']).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', code: 'unavailable' });
  });

  it('calls a 451 a refusal of this region, asked once, not an outage retried', async () => {
    sim.control.setFaults({ refuseRegion: true });
    const { g, requests } = gateway();
    const refused = await g.ready().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GatewayError);
    expect(refused).toMatchObject({ kind: 'region-refused', retryable: false });
    expect((refused as GatewayError).message).toMatch(
      /Binance refuses connections from this region/,
    );
    expect(requests.every((r) => r.status === 451)).toBe(true);
    // Spot and futures markets load side by side: one request each, neither sent again.
    expect(requests.length).toBeLessThanOrEqual(2);
  });

  it('calls a closed port unreachable rather than an empty market', async () => {
    const dead = await startSimulator({ seed: 3, speed: 0, marketTime: MARKET_TIME });
    const url = dead.url;
    await dead.close();
    const time = fakeTime();
    const { gateway: g } = createExchangeGateway({
      exchange: 'binance',
      redirectTo: url,
      now: time.now,
      sleep: time.sleep,
      retry: { retries: 1 },
    });
    const error = await g.fetchMarketData(['BTC']).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', retryable: true });
  });
});

describe('a perpetual on a multiple of its asset', () => {
  // PEPE's perpetual is 1000PEPEUSDT: one contract is 1000 PEPE, priced per 1000 PEPE.
  beforeAll(() => {
    sim.control.addAssets(['PEPE']);
  });

  it('is found when PEPE is tracked, with its multiplier and the contract size in PEPE', async () => {
    const { g } = gateway();
    const [pepe] = await g.discover(['PEPE']);
    expect(pepe!.spot).toMatchObject({ symbol: 'PEPE/USDT', id: 'PEPEUSDT' });
    expect(pepe!.perp).toMatchObject({
      symbol: '1000PEPE/USDT:USDT',
      id: '1000PEPEUSDT',
      base: '1000PEPE',
      multiplier: 1000,
      contractSize: 1000,
    });
    const venueTick = (await g.discover(['PEPE']))[0]!.perp!.limits.priceStep! * 1000;
    expect(venueTick).toBeCloseTo(1e-7, 15);
    // The contract is not an asset of its own.
    const [alone] = await g.discover(['1000PEPE']);
    expect(alone).toMatchObject({ spot: null, perp: null, futures: [] });
  });

  it('quotes its mark, its history and its book per PEPE, never 1000 times the spot price', async () => {
    const { g } = gateway();
    const cycle = await g.fetchMarketData(['PEPE']);
    const pepe = cycle.assets[0]!;
    const ratio = pepe.perp!.mark / pepe.spot!.price;
    expect(ratio).toBeGreaterThan(0.98);
    expect(ratio).toBeLessThan(1.02);
    expect(pepe.perp!.index! / pepe.spot!.price).toBeCloseTo(1, 2);

    const since = MARKET_TIME - 6 * HOUR;
    const [spotCandles, perpCandles] = await Promise.all([
      g.fetchPriceHistory('PEPE', '1h', { since, limit: 5 }),
      g.fetchPriceHistory('PEPE', '1h', { since, limit: 5, instrument: 'perp' }),
    ]);
    expect(perpCandles.map((c) => c.at)).toEqual(spotCandles.map((c) => c.at));
    for (const [i, candle] of perpCandles.entries()) {
      expect(candle.close / spotCandles[i]!.close).toBeGreaterThan(0.98);
      expect(candle.close / spotCandles[i]!.close).toBeLessThan(1.02);
    }

    const book = await g.fetchOrderBook('1000PEPE/USDT:USDT', 5);
    expect(book.bids[0]![0] / pepe.spot!.price).toBeGreaterThan(0.98);
    expect(book.asks[0]![0] / pepe.spot!.price).toBeLessThan(1.02);
  });

  it('hedges a million PEPE with a thousand contracts, worth a million PEPE at the spot price', async () => {
    const { g } = gateway({ credentials: sim.credentials });
    const [pepe] = await g.discover(['PEPE']);
    const spot = (await g.fetchMarketData(['PEPE'])).assets[0]!.spot!.price;
    const hedged = 1_000_000;
    const order = await g.placeOrder({
      symbol: pepe!.perp!.symbol,
      side: 'sell',
      type: 'market',
      amount: hedged / pepe!.perp!.contractSize,
      clientOrderId: 'premia-pepe-hedge',
    });
    expect(order).toMatchObject({ status: 'closed', filled: 1_000 });
    // What the short is worth: a million PEPE, not a thousand times that.
    expect(order.cost! / (hedged * spot)).toBeGreaterThan(0.98);
    expect(order.cost! / (hedged * spot)).toBeLessThan(1.02);
    expect(order.average! / spot).toBeGreaterThan(0.98);
    expect(order.average! / spot).toBeLessThan(1.02);
  });
});

describe('account', () => {
  it('stops with an authentication error on a key the venue does not know, without leaking it', async () => {
    const wrong = generateCredentials();
    const { g } = gateway({ credentials: wrong });
    const error = await g.fetchBalances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'auth', code: 'auth', retryable: false });
    const text = `${(error as GatewayError).message} ${(error as GatewayError).detail}`;
    expect(text).not.toContain(wrong.apiKey);
    expect(text).not.toContain(wrong.secret);
    expect(text).not.toMatch(/signature=[0-9a-f]/);
  });

  it('stops with an authentication error when the secret is wrong', async () => {
    const { g } = gateway({
      credentials: { apiKey: sim.credentials.apiKey, secret: generateCredentials().secret },
    });
    await expect(g.fetchBalances()).rejects.toMatchObject({ kind: 'auth' });
  });

  it('reads both wallets with the right key, and no currency list even with a key', async () => {
    const { g, requests } = gateway({ credentials: sim.credentials });
    const balances = await g.fetchBalances();
    expect(balances.spot.USDT!.total).toBeGreaterThan(0);
    expect(balances.futures.USDT!.total).toBeGreaterThan(0);
    const paths = requests.map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/sapi'))).toEqual([]);
    expect(paths.filter((p) => p.includes('account')).sort()).toEqual([
      '/api/v3/account',
      '/fapi/v3/account',
    ]);
  });

  it('places an order with a client id, finds it by that id, and the venue refuses the id twice', async () => {
    const { g, requests } = gateway({ credentials: sim.credentials });
    const before = await g.fetchBalances();
    const order = await g.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: 0.01,
      clientOrderId: 'premia-rt-1',
    });
    expect(order).toMatchObject({ clientOrderId: 'premia-rt-1', status: 'closed', filled: 0.01 });
    expect(order.average).toBeGreaterThan(0);
    const found = await g.fetchOrderByClientId('BTC/USDT', 'premia-rt-1');
    expect(found?.id).toBe(order.id);
    const after = await g.fetchBalances();
    expect(after.spot.BTC!.total - before.spot.BTC!.total).toBeCloseTo(0.01 * (1 - 0.001), 8);
    const posts = () =>
      requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order').length;
    const sent = posts();
    const duplicate = await g
      .placeOrder({
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        amount: 0.01,
        clientOrderId: 'premia-rt-1',
      })
      .catch((e: unknown) => e);
    expect(duplicate).toMatchObject({
      kind: 'invalid-order',
      code: 'invalid-input',
      venueCode: -2010,
    });
    expect(posts()).toBe(sent + 1);
    expect(await g.fetchOrderByClientId('BTC/USDT', 'premia-never-sent')).toBeNull();
  });

  it('refuses a duplicate client id on futures too', async () => {
    const { g } = gateway({ credentials: sim.credentials });
    const order = {
      symbol: 'ETH/USDT:USDT',
      side: 'sell' as const,
      type: 'market' as const,
      amount: 0.1,
      clientOrderId: 'premia-rt-f1',
    };
    await expect(g.placeOrder(order)).resolves.toMatchObject({ status: 'closed' });
    await expect(g.placeOrder(order)).rejects.toMatchObject({
      kind: 'invalid-order',
      venueCode: -4116,
    });
  });

  it('never retries an order: a 5xx is sent once and reported as an unknown outcome', async () => {
    const { g, requests } = gateway({ credentials: sim.credentials });
    await g.ready();
    sim.control.setFaults({ rate5xx: 1 });
    const error = await g
      .placeOrder({
        symbol: 'ETH/USDT',
        side: 'buy',
        type: 'market',
        amount: 0.01,
        clientOrderId: 'premia-rt-5xx',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', outcomeUnknown: true });
    expect(requests.filter((r) => r.method === 'POST').length).toBe(1);
  });

  it('refuses account calls when no key is set', async () => {
    const { g, requests } = gateway();
    await expect(g.fetchBalances()).rejects.toMatchObject({ kind: 'auth' });
    expect(requests.filter((r) => r.path.includes('account'))).toHaveLength(0);
  });
});

describe('listings', () => {
  it('picks up the next quarterly after the nearest one is delivered', async () => {
    const own = await startSimulator({ seed: 5, marketTime: Date.UTC(2025, 2, 27, 12), speed: 0 });
    try {
      // Reloads the quotes prompt wait a few minutes of the gateway's clock, moved with the venue's.
      let wall = Date.now();
      const { gateway: g } = createExchangeGateway({
        exchange: 'binance',
        redirectTo: own.url,
        rateLimitMs: 1,
        now: () => wall,
      });
      const [before] = await g.discover(['BTC']);
      expect(before!.futures.map((f) => f.id)).toEqual(['BTCUSDT_250328', 'BTCUSDT_250627']);
      own.control.advance(2 * DAY);
      wall += 2 * DAY;
      await g.fetchMarketData(['BTC']);
      const cycle = await g.fetchMarketData(['BTC']);
      expect(cycle.assets[0]!.futures.map((f) => f.symbol)).toEqual([
        'BTC/USDT:USDT-250627',
        'BTC/USDT:USDT-250926',
      ]);
    } finally {
      await own.close();
    }
  });
});
