// Integration: listings that change while the gateway runs — funding intervals, a refused spot pair,
// a contract the listing does not know yet, a quarterly pending trading — with the real ccxt binance
// class over HTTP against the simulator, and the gateway's clock moved by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim';
import { createExchangeGateway } from './exchange-gateway';
import type { MarketDataCycle, RequestEvent } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Five minutes before a midnight: the next settlement of every interval is at the midnight. */
const START = Date.UTC(2025, 0, 6, 23, 55);
const MIDNIGHT = Date.UTC(2025, 0, 7);
/** A quarterly beyond the two the calendar lists in January 2025. */
const SEPTEMBER = Date.UTC(2025, 8, 26, 8);

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ seed: 17, marketTime: START, speed: 0 });
});

afterEach(() => sim.close());

/** A gateway on the simulator whose clock moves only when the test says, recording its requests. */
function gateway() {
  const requests: RequestEvent[] = [];
  let wall = Date.UTC(2030, 0, 1);
  const { gateway: g, diagnostics } = createExchangeGateway({
    exchange: 'binance',
    redirectTo: sim.url,
    rateLimitMs: 1,
    retry: { retries: 0 },
    now: () => wall,
  });
  diagnostics.onRequest((e) => requests.push(e));
  return {
    g,
    requests,
    /** Requests to a path since `from` (an index into `requests`). */
    count: (path: string, from = 0) => requests.slice(from).filter((r) => r.path === path).length,
    pass: (ms: number) => {
      wall += ms;
    },
  };
}

function asset(cycle: MarketDataCycle, name: string) {
  const found = cycle.assets.find((a) => a.asset === name);
  if (!found) throw new Error(`${name} is not in the cycle`);
  return found;
}

describe('funding intervals', () => {
  it('re-reads them at once when a settlement comes off the known schedule', async () => {
    const { g, count, requests, pass } = gateway();
    const first = await g.fetchMarketData(['BTC']);
    expect(asset(first, 'BTC').perp).toMatchObject({
      fundingIntervalHours: 8,
      nextFundingAt: MIDNIGHT,
    });
    // Binance moves BTC to hourly funding from the midnight settlement on.
    sim.control.setFundingInterval('BTC', 1);
    sim.control.advance(10 * MINUTE);
    pass(15_000);

    const before = requests.length;
    const next = await g.fetchMarketData(['BTC']);
    expect(asset(next, 'BTC').perp).toMatchObject({
      fundingIntervalHours: 1,
      intervalFromVenue: true,
      nextFundingAt: MIDNIGHT + HOUR,
    });
    expect(count('/fapi/v1/fundingInfo', before)).toBe(1);

    pass(15_000);
    const after = requests.length;
    await g.fetchMarketData(['BTC']);
    expect(count('/fapi/v1/fundingInfo', after)).toBe(0);
  });

  it('re-reads them every ten minutes, and no more often, when nothing else tells of a change', async () => {
    const { g, count, pass } = gateway();
    await g.ready();
    // XRP goes to 4 h from the midnight settlement; no cycle saw the settlement before it.
    sim.control.setFundingInterval('XRP', 4);
    sim.control.advance(10 * MINUTE);
    const seen: number[] = [];
    for (let minute = 1; minute <= 30; minute++) {
      pass(MINUTE);
      seen.push(asset(await g.fetchMarketData(['XRP']), 'XRP').perp!.fundingIntervalHours);
    }
    expect(seen.slice(0, 9).every((h) => h === 8)).toBe(true);
    expect(seen.slice(9).every((h) => h === 4)).toBe(true);
    // The first read with the markets, then one at 10, 20 and 30 minutes.
    expect(count('/fapi/v1/fundingInfo')).toBe(4);
  });
});

describe('a spot pair the venue refuses', () => {
  it('keeps quoting the other assets, says why on the refused one, and reloads to find it delisted', async () => {
    const { g, count, requests, pass } = gateway();
    await g.fetchMarketData(['BTC', 'XRP']);
    sim.control.delist('XRP', 'spot');
    pass(15_000);

    const refused = await g.fetchMarketData(['BTC', 'XRP']);
    expect(asset(refused, 'BTC').spot?.price).toBeGreaterThan(0);
    expect(asset(refused, 'BTC').problem).toBeUndefined();
    const xrp = asset(refused, 'XRP');
    expect(xrp.spot).toBeNull();
    expect(xrp.perp?.mark).toBeGreaterThan(0);
    expect(xrp.problem).toBe(
      'Binance refused the XRP/USDT spot pair (Invalid symbol); Premia is checking whether it was delisted.',
    );

    // Until the reload, the pair is left out of the request, which the venue then answers.
    pass(15_000);
    const before = requests.length;
    const held = await g.fetchMarketData(['BTC', 'XRP']);
    expect(requests.slice(before).map((r) => [r.path, r.status])).toEqual([
      ['/api/v3/ticker/bookTicker', 200],
      ['/fapi/v1/premiumIndex', 200],
    ]);
    expect(asset(held, 'XRP').problem).toMatch(/refused the XRP\/USDT spot pair/);

    pass(3 * MINUTE);
    const reloadAt = requests.length;
    const delisted = await g.fetchMarketData(['BTC', 'XRP']);
    expect(count('/api/v3/exchangeInfo', reloadAt)).toBe(1);
    expect(asset(delisted, 'XRP')).toMatchObject({
      spot: null,
      problem: 'Binance has delisted the XRP/USDT spot pair: XRP is shown from its futures alone.',
    });
    expect(asset(delisted, 'XRP').perp?.mark).toBeGreaterThan(0);
    expect(asset(delisted, 'BTC').spot?.price).toBeGreaterThan(0);
  });
});

describe('contracts the listing does not know yet', () => {
  it('reloads the markets at most once per three minutes while the quotes hold an unlisted contract', async () => {
    const { g, count, pass } = gateway();
    await g.ready();
    // Quoted from now, in the listing only tomorrow.
    sim.control.listFuture('BTC', { expiry: SEPTEMBER, listedFrom: START + 24 * HOUR });
    for (let i = 0; i < 24; i++) {
      pass(15_000);
      await g.fetchMarketData(['BTC']);
    }
    // Six minutes of cycles: the load at the start, then a reload at three and at six minutes.
    expect(count('/fapi/v1/exchangeInfo')).toBe(3);
  });

  it('picks up a new quarterly listed as pending trading once it trades, without waiting for a delivery', async () => {
    const { g, pass } = gateway();
    await g.ready();
    sim.control.listFuture('BTC', { expiry: SEPTEMBER, tradingFrom: START + HOUR });
    const expiries = async () => {
      pass(3 * MINUTE);
      return asset(await g.fetchMarketData(['BTC']), 'BTC').futures.map((f) => f.expiry);
    };
    const calendar = [Date.UTC(2025, 2, 28, 8), Date.UTC(2025, 5, 27, 8)];
    // Seen in the quotes, reloaded, listed as pending: not offered yet.
    expect(await expiries()).toEqual(calendar);
    expect(await expiries()).toEqual(calendar);
    sim.control.advance(HOUR);
    await expiries();
    expect(await expiries()).toEqual([...calendar, SEPTEMBER]);
  });
});
