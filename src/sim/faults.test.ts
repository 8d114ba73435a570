// Each injected fault over HTTP, the venue's own request-weight limit and ban, and the control
// interface as another process (a Playwright test) drives it.
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest';
import { manualTimers, type ManualTimers } from '../shared/manual-timers';
import { createControlToken } from './control-token';
import { HOLD_LIMIT_MS, startSimulator, type Simulator } from './simulator';
import { venueClient, type VenueClient } from './testing';
import { MINUTE_MS } from '../shared/time';

let sim: Simulator;
let client: VenueClient;

beforeAll(async () => {
  const controlToken = createControlToken();
  sim = await startSimulator({ seed: 5, marketTime: Date.UTC(2025, 0, 2), speed: 0, controlToken });
  client = venueClient(sim.url, sim.credentials, controlToken);
});

afterEach(() => {
  sim.control.clearFaults();
  sim.control.setWeightLimits({ spot: 6_000, futures: 2_400 });
});

afterAll(() => sim.close());

/** Runs `test` against a simulator of its own whose timers move only when the test advances them. */
async function onTimers(
  test: (timed: Simulator, clock: ManualTimers) => Promise<void>,
): Promise<void> {
  const clock = manualTimers();
  const timed = await startSimulator({
    seed: 5,
    marketTime: Date.UTC(2025, 0, 2),
    speed: 0,
    timers: clock.timers,
  });
  try {
    await test(timed, clock);
  } finally {
    await timed.close();
  }
}

describe('injected faults', () => {
  it('answer 429 with Retry-After and binance’s -1003', async () => {
    sim.control.setFaults({ rate429: 1, retryAfterSeconds: 7 });
    const res = await client.get('/fapi/v1/premiumIndex');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.body).toMatchObject({ code: -1003 });
  });

  it('refuse every request with 451 and binance’s restricted-location answer', async () => {
    sim.control.setFaults({ refuseRegion: true });
    for (const path of ['/api/v3/exchangeInfo', '/fapi/v1/premiumIndex']) {
      const res = await client.get(path);
      expect(res.status).toBe(451);
      expect(res.body).toMatchObject({
        code: 0,
        msg: expect.stringContaining('restricted location'),
      });
    }
    sim.control.clearFaults();
    expect((await client.get('/api/v3/time')).status).toBe(200);
  });

  it('answer a 5xx with an HTML error page, as a CDN does', async () => {
    sim.control.setFaults({ rate5xx: 1 });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const res = await client.get('/api/v3/ticker/bookTicker');
      statuses.add(res.status);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    expect([...statuses].every((s) => s >= 500 && s < 600)).toBe(true);
  });

  it('leave a request hanging until the client gives up', async () => {
    await onTimers(async (timed, clock) => {
      timed.control.setFaults({ rateTimeout: 1 });
      const giveUp = new AbortController();
      let settled = false;
      const request = fetch(`${timed.url}/api/v3/time`, { signal: giveUp.signal }).finally(
        () => (settled = true),
      );
      // The simulator holds the request: its only way out is the two-minute limit.
      await clock.whenWaiting(HOLD_LIMIT_MS);
      expect(settled).toBe(false);
      giveUp.abort();
      await expect(request).rejects.toThrow();
    });
  });

  it('drop a request held past the hold limit, for a client that never gives up', async () => {
    await onTimers(async (timed, clock) => {
      timed.control.setFaults({ rateTimeout: 1 });
      const request = fetch(`${timed.url}/api/v3/time`);
      await clock.whenWaiting(HOLD_LIMIT_MS);
      clock.advance(HOLD_LIMIT_MS);
      await expect(request).rejects.toThrow();
    });
  });

  it('answer an HTML page with status 200, as a captive portal does', async () => {
    sim.control.setFaults({ rateHtml: 1 });
    const res = await client.get('/fapi/v1/premiumIndex');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('delay every answer by the configured latency', async () => {
    await onTimers(async (timed, clock) => {
      timed.control.setFaults({ latencyMs: 150 });
      let answered = false;
      const answer = venueClient(timed.url, timed.credentials)
        .get('/api/v3/time')
        .finally(() => (answered = true));
      await clock.whenWaiting(150);
      expect(answered).toBe(false);
      clock.advance(149);
      expect(answered).toBe(false);
      clock.advance(1);
      expect((await answer).status).toBe(200);
    });
  });

  it('reject new orders while asked to, and only orders', async () => {
    sim.control.setFaults({ rejectOrders: true });
    const order = await client.signed('POST', '/api/v3/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: 0.001,
    });
    expect(order.status).toBe(400);
    expect(order.body).toMatchObject({ code: -2010 });
    expect((await client.signed('GET', '/api/v3/account')).status).toBe(200);
  });

  it('hit about the requested fraction of requests, the same ones for the same seed', async () => {
    const pattern = async (target: Simulator) => {
      target.control.setFaults({ rate5xx: 0.25 });
      let marks = '';
      for (let i = 0; i < 200; i++)
        marks += (await fetch(`${target.url}/api/v3/ping`)).status >= 500 ? 'x' : '.';
      target.control.clearFaults();
      return marks;
    };
    const first = await pattern(sim);
    const failed = first.split('x').length - 1;
    expect(failed).toBeGreaterThan(25);
    expect(failed).toBeLessThan(75);
    const twin = await startSimulator({ seed: 5, marketTime: Date.UTC(2025, 0, 2), speed: 0 });
    try {
      expect(await pattern(twin)).toBe(first);
    } finally {
      await twin.close();
    }
  });

  it('refuse fault rates outside [0, 1] or summing past 1', () => {
    expect(() => sim.control.setFaults({ rate429: 1.5 })).toThrow(RangeError);
    expect(() => sim.control.setFaults({ rate429: 0.6, rateHtml: 0.6 })).toThrow(RangeError);
  });
});

describe('request weight', () => {
  // Weight is counted per minute of wall time: on a clock the test holds, every request of a test
  // falls in the minute it chose, whenever the test runs.
  let wall = Date.UTC(2025, 0, 2, 0, 0, 30);
  let weighed: Simulator;
  let weighedClient: VenueClient;

  beforeAll(async () => {
    weighed = await startSimulator({
      seed: 5,
      marketTime: Date.UTC(2025, 0, 2),
      speed: 0,
      now: () => wall,
    });
    weighedClient = venueClient(weighed.url, weighed.credentials);
  });

  afterEach(() => {
    weighed.control.setWeightLimits({ spot: 6_000, futures: 2_400 });
  });

  afterAll(() => weighed.close());

  it('answers 429 with Retry-After past the per-minute weight, then bans a client that keeps going', async () => {
    wall = Date.UTC(2025, 0, 2, 0, 0, 30);
    weighed.control.setWeightLimits({ spot: 45 });
    expect((await weighedClient.get('/api/v3/exchangeInfo')).status).toBe(200);
    expect((await weighedClient.get('/api/v3/exchangeInfo')).status).toBe(200);
    const limited = await weighedClient.get('/api/v3/exchangeInfo');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    let last = limited;
    for (let i = 0; i < 12; i++) last = await weighedClient.get('/api/v3/exchangeInfo');
    expect(last.status).toBe(418);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('gives a fresh weight budget when the wall clock enters the next minute', async () => {
    wall = Date.UTC(2025, 0, 3, 0, 0, 59, 999);
    weighed.control.setWeightLimits({ spot: 45 });
    expect((await weighedClient.get('/api/v3/exchangeInfo')).status).toBe(200);
    expect((await weighedClient.get('/api/v3/exchangeInfo')).status).toBe(200);
    wall += 1;
    expect((await weighedClient.get('/api/v3/exchangeInfo')).status).toBe(200);
    wall += MINUTE_MS - 1;
    expect((await weighedClient.get('/api/v3/exchangeInfo')).status).toBe(200);
    expect((await weighedClient.get('/api/v3/exchangeInfo')).status).toBe(429);
  });

  it('reports the weight used in the minute', async () => {
    wall = Date.UTC(2025, 0, 4, 0, 0, 30);
    const first = await weighedClient.get('/fapi/v1/ticker/24hr');
    expect(Number(first.headers.get('x-mbx-used-weight-1m'))).toBe(40);
    const second = await weighedClient.get('/fapi/v1/ticker/24hr');
    expect(Number(second.headers.get('x-mbx-used-weight-1m'))).toBe(80);
  });
});

describe('faults aimed at orders', () => {
  const order = (symbol: string, clientId: string) => ({
    symbol,
    side: 'BUY',
    type: 'MARKET',
    quantity: 0.001,
    newClientOrderId: clientId,
  });
  const logged = (clientId: string) =>
    sim.control.orders().filter((o) => o.clientOrderId === clientId);

  it('refuse orders on the named markets only', async () => {
    sim.control.setFaults({ rejectOrdersOn: ['futures:BTCUSDT'] });
    const perp = await client.signed('POST', '/fapi/v1/order', order('BTCUSDT', 'rej-perp'));
    expect(perp.status).toBe(400);
    expect(perp.body).toMatchObject({ code: -2010 });
    const spot = await client.signed('POST', '/api/v3/order', order('BTCUSDT', 'rej-spot'));
    expect(spot.status).toBe(200);
    expect(logged('rej-perp').map((o) => o.outcome)).toEqual(['refused']);
  });

  it('refuse a market named in another shape than venue:SYMBOL', () => {
    expect(() => sim.control.setFaults({ rejectOrdersOn: ['BTC/USDT'] })).toThrow(/spot:SYMBOL/);
  });

  it('answer the next orders 429 before the venue sees them, then take orders again', async () => {
    sim.control.setFaults({ throttleOrders: 1, retryAfterSeconds: 3 });
    const first = await client.signed('POST', '/api/v3/order', order('BTCUSDT', 'thr-1'));
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(logged('thr-1')).toEqual([]);
    const second = await client.signed('POST', '/api/v3/order', order('BTCUSDT', 'thr-2'));
    expect(second.status).toBe(200);
    expect(sim.control.state().faults.throttleOrders).toBe(0);
  });

  it('carry out an order and lose its answer, once per order asked for', async () => {
    await client.control('faults', { loseOrderAnswers: 1 });
    const lost = await client.signed('POST', '/api/v3/order', order('BTCUSDT', 'lost-1'));
    expect(lost.status).toBe(502);
    expect(lost.text).toContain('502 Bad Gateway');
    expect(logged('lost-1')).toMatchObject([{ outcome: 'accepted', status: 'FILLED' }]);
    const found = await client.signed('GET', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'lost-1',
    });
    expect(found.body).toMatchObject({ clientOrderId: 'lost-1', status: 'FILLED' });
    const next = await client.signed('POST', '/api/v3/order', order('BTCUSDT', 'lost-2'));
    expect(next.status).toBe(200);
  });
});

describe('control over HTTP', () => {
  it('sets a premium, advances time, injects and clears faults, and reports state', async () => {
    const premium = await client.control<{ carry: number; regime: string }>('premium', {
      asset: 'BTC',
      annualized: 0.5,
    });
    expect(premium.status).toBe(200);
    expect(premium.body).toMatchObject({ carry: 0.5, regime: 'euphoria' });
    const before = (await client.control<{ marketTime: number }>('state')).body.marketTime;
    const advanced = await client.control<{ marketTime: number }>('advance', { ms: 3_600_000 });
    expect(advanced.body.marketTime).toBe(before + 3_600_000);
    await client.control('faults', { rateHtml: 1 });
    expect((await client.get('/api/v3/time')).headers.get('content-type')).toContain('text/html');
    await client.control('faults/clear', {});
    expect((await client.get('/api/v3/time')).status).toBe(200);
    const bad = await client.control<{ error: string }>('regime', {
      asset: 'BTC',
      regime: 'sideways',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/unknown regime/);
    const added = await client.control<{ added: string[] }>('assets', { names: ['DOT'] });
    expect(added.body.added).toEqual(['DOT']);
    expect((await client.get('/api/v3/depth', { symbol: 'DOTUSDT' })).status).toBe(200);
  });

  it('refuses to list more than 150 assets', async () => {
    const count = sim.control.state().assets.length;
    expect(() => sim.control.addAssets(151 - count)).toThrow(/at most 150/);
    expect(sim.control.addAssets(150 - count)).toHaveLength(150 - count);
  });
});
