// Listings that change while the market runs: a funding interval changed from a settlement on, a
// delisted spot pair, and a dated future announced in the quotes before it is listed and trades.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { venueClient, type VenueClient } from './testing';
import { HOUR_MS, DAY_MS } from '../shared/time';

/** Five minutes before a midnight, so the next settlement of every interval is at the midnight. */
const START = Date.UTC(2025, 0, 6, 23, 55);
const MIDNIGHT = Date.UTC(2025, 0, 7);

let sim: Simulator;
let client: VenueClient;

beforeEach(async () => {
  sim = await startSimulator({ seed: 8, marketTime: START, speed: 0 });
  client = venueClient(sim.url, sim.credentials);
});

afterEach(() => sim.close());

interface FundingRow {
  fundingTime: number;
  fundingRate: string;
}

describe('a funding interval change', () => {
  it('takes effect from the next settlement, leaving earlier settlements at the old interval', async () => {
    const view = sim.control.setFundingInterval('XRP', 4);
    expect(view).toMatchObject({ fundingIntervalHours: 8, nextFundingTime: MIDNIGHT });
    sim.control.advance(10 * 60_000);
    const after = sim.control.state().assets.find((a) => a.asset === 'XRP')!;
    expect(after).toMatchObject({
      fundingIntervalHours: 4,
      nextFundingTime: MIDNIGHT + 4 * HOUR_MS,
    });
    sim.control.advance(DAY_MS);

    const history = await client.get<FundingRow[]>('/fapi/v1/fundingRate', {
      symbol: 'XRPUSDT',
      startTime: MIDNIGHT - DAY_MS + 1,
      limit: 1000,
    });
    const times = history.body.map((r) => r.fundingTime);
    const spacing = times.slice(1).map((t, i) => (t - times[i]!) / HOUR_MS);
    expect(times.filter((t) => t <= MIDNIGHT)).toHaveLength(3);
    expect(spacing).toEqual([8, 8, 4, 4, 4, 4, 4, 4]);

    const info =
      await client.get<{ symbol: string; fundingIntervalHours: number }[]>('/fapi/v1/fundingInfo');
    expect(info.body).toContainEqual(
      expect.objectContaining({ symbol: 'XRPUSDT', fundingIntervalHours: 4 }),
    );
    const index = await client.get<{ nextFundingTime: number }>('/fapi/v1/premiumIndex', {
      symbol: 'XRPUSDT',
    });
    expect(index.body.nextFundingTime).toBe(MIDNIGHT + DAY_MS + 4 * HOUR_MS);
  });
});

describe('a delisted spot pair', () => {
  it('leaves the listing and is refused by name with -1121, its perpetual still trading', async () => {
    sim.control.delist('XRP', 'spot');
    const spot = await client.get<{ symbols: { symbol: string }[] }>('/api/v3/exchangeInfo');
    expect(spot.body.symbols.map((s) => s.symbol)).not.toContain('XRPUSDT');
    expect(spot.body.symbols.map((s) => s.symbol)).toContain('BTCUSDT');
    const refused = await client.get('/api/v3/ticker/bookTicker', {
      symbols: JSON.stringify(['BTCUSDT', 'XRPUSDT']),
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: -1121 });
    const perp = await client.get('/fapi/v1/premiumIndex', { symbol: 'XRPUSDT' });
    expect(perp.status).toBe(200);
  });
});

describe('a dated future listed by hand', () => {
  it('is quoted first, then listed as pending trading, then trades', async () => {
    const expiry = Date.UTC(2025, 8, 26, 8);
    sim.control.listFuture('BTC', {
      expiry,
      listedFrom: START + HOUR_MS,
      tradingFrom: START + 2 * HOUR_MS,
    });
    const listing = async () => {
      const info = await client.get<{ symbols: { symbol: string; status: string }[] }>(
        '/fapi/v1/exchangeInfo',
      );
      return info.body.symbols.find((s) => s.symbol === 'BTCUSDT_250926')?.status ?? null;
    };
    const quoted = await client.get<{ symbol: string }[]>('/fapi/v1/premiumIndex');
    expect(quoted.body.map((q) => q.symbol)).toContain('BTCUSDT_250926');
    expect(await listing()).toBeNull();
    sim.control.advance(HOUR_MS);
    expect(await listing()).toBe('PENDING_TRADING');
    sim.control.advance(HOUR_MS);
    expect(await listing()).toBe('TRADING');
  });
});
