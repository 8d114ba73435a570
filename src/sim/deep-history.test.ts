// Years of demo history for backtests: daily spot klines back to binance's first trading day and
// funding back to its first perpetual, paged as binance pages them, seeded, and joined to the hourly
// path without a seam.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNDING_HISTORY_START, SPOT_HISTORY_START } from './deep-history';
import { Market } from './market';
import { startSimulator, type Simulator } from './simulator';
import { venueClient } from './testing';
import { DAY_MS, HOUR_MS } from '../shared/time';

const MARKET_TIME = Date.UTC(2025, 0, 10, 12);
type Kline = [number, string, string, string, string, string, number];
type FundingRow = { symbol: string; fundingTime: number; fundingRate: string };

let sim: Simulator;
let client: ReturnType<typeof venueClient>;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, marketTime: MARKET_TIME, speed: 0 });
  client = venueClient(sim.url, sim.credentials);
});
afterAll(async () => {
  await sim.close();
});

/** Every page of a route from `start`, as a client pages: from just after the last row it got. */
async function allPages<T>(
  path: string,
  params: Record<string, string | number>,
  timeOf: (row: T) => number,
): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let pages = 0;
  let startTime = SPOT_HISTORY_START - 30 * DAY_MS;
  for (;;) {
    const answer = await client.get<T[]>(path, { ...params, startTime, limit: 1000 });
    expect(answer.status).toBe(200);
    pages++;
    if (answer.body.length === 0) break;
    rows.push(...answer.body);
    startTime = timeOf(answer.body[answer.body.length - 1]!) + 1;
    if (answer.body.length < 1000) break;
  }
  return { rows, pages };
}

describe('the demo market’s long history', () => {
  it('serves daily spot klines from binance’s first trading day to now, a thousand a page, without gaps', async () => {
    const { rows, pages } = await allPages<Kline>(
      '/api/v3/klines',
      { symbol: 'BTCUSDT', interval: '1d' },
      (k) => k[0],
    );
    expect(rows[0]![0]).toBe(SPOT_HISTORY_START);
    const days = Math.floor((MARKET_TIME - SPOT_HISTORY_START) / DAY_MS) + 1;
    expect(rows).toHaveLength(days);
    expect(pages).toBe(Math.ceil(days / 1000));
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]![0] - rows[i - 1]![0]).toBe(DAY_MS);
      expect(Number(rows[i]![2])).toBeGreaterThanOrEqual(Number(rows[i]![4]));
      expect(Number(rows[i]![3])).toBeLessThanOrEqual(Number(rows[i]![4]));
    }
  });

  it('joins the years before the hourly path to it: each day opens near where the one before closed', async () => {
    const answer = await client.get<Kline[]>('/api/v3/klines', {
      symbol: 'ETHUSDT',
      interval: '1d',
      startTime: MARKET_TIME - 400 * DAY_MS,
      endTime: MARKET_TIME - 330 * DAY_MS,
    });
    const rows = answer.body;
    expect(rows).toHaveLength(70);
    for (let i = 1; i < rows.length; i++) {
      const gap = Math.abs(Number(rows[i]![1]) / Number(rows[i - 1]![4]) - 1);
      expect(gap).toBeLessThan(0.001);
    }
  });

  it('serves every 8-hourly funding settlement since binance’s first perpetual, in pages of a thousand', async () => {
    const { rows } = await allPages<FundingRow>(
      '/fapi/v1/fundingRate',
      { symbol: 'BTCUSDT' },
      (r) => r.fundingTime,
    );
    expect(rows[0]!.fundingTime).toBe(FUNDING_HISTORY_START);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.fundingTime - rows[i - 1]!.fundingTime).toBe(8 * HOUR_MS);
    }
    expect(rows[rows.length - 1]!.fundingTime).toBeGreaterThan(MARKET_TIME - 8 * HOUR_MS);
  });

  it('moves between regimes over the years: quiet interest, rich carry and negative funding all occur', () => {
    const market = new Market(5);
    market.list({ name: 'BTC', listedAt: MARKET_TIME });
    const deep = market.deepHistory('BTC');
    const regimes = new Set<string>();
    for (let at = FUNDING_HISTORY_START; at < deep.span.to; at += DAY_MS) {
      regimes.add(deep.regimeAt(at));
    }
    expect([...regimes].sort()).toEqual(['calm', 'capitulation', 'euphoria', 'quiet']);
    const rates = market
      .fundingHistory('BTC', FUNDING_HISTORY_START, deep.span.to)
      .map((r) => r.rate);
    expect(rates.filter((r) => r === 0.0001).length).toBeGreaterThan(100);
    expect(rates.some((r) => r > 0.0003)).toBe(true);
    expect(rates.some((r) => r < 0)).toBe(true);
  });

  it('is the same history for the same seed and another for another seed', () => {
    const closes = (seed: number) => {
      const market = new Market(seed);
      market.list({ name: 'SOL', listedAt: MARKET_TIME });
      const spot = market.instrument('SOLUSDT', MARKET_TIME, 'spot')!;
      return market
        .candles(spot, DAY_MS, SPOT_HISTORY_START, SPOT_HISTORY_START + 50 * DAY_MS, MARKET_TIME)
        .map((c) => c.close);
    };
    expect(closes(9)).toEqual(closes(9));
    expect(closes(9)).not.toEqual(closes(10));
  });
});
