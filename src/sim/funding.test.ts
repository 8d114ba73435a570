// Funding computed the venue's way: the formula itself, then the demo market seen through
// /fapi/v1/fundingRate and /fapi/v1/premiumIndex in calm markets and in a capitulation.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ASSETS } from './asset-catalog';
import { interestRate, premiumIndexForCarry, venueFundingRate, weightedAverage } from './funding';
import { startSimulator, type Simulator } from './simulator';
import { venueClient } from './testing';
import { HOUR_MS } from '../shared/time';
const DAY = 24 * HOUR_MS;
const open: Simulator[] = [];

async function sim(seed: number, marketTime: number) {
  const s = await startSimulator({ seed, marketTime, speed: 0 });
  open.push(s);
  return { sim: s, client: venueClient(s.url, s.credentials) };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

type FundingRow = { symbol: string; fundingTime: number; fundingRate: string };
type PremiumIndex = { symbol: string; lastFundingRate: string; interestRate: string };

describe('the venue’s funding formula', () => {
  it('pays exactly the interest while the premium stays within 0.05% of it', () => {
    expect(venueFundingRate(0, 8, 0.0075)).toBe(0.0001);
    expect(venueFundingRate(0.00059, 8, 0.0075)).toBe(0.0001);
    expect(venueFundingRate(-0.00039, 8, 0.0075)).toBe(0.0001);
    expect(venueFundingRate(0.0002, 4, 0.02)).toBe(0.00005);
    expect(venueFundingRate(-0.0003, 1, 0.02)).toBe(0.0000125);
  });

  it('follows the premium beyond the band, less the clamp, up to the symbol’s cap and floor', () => {
    expect(venueFundingRate(0.0016, 8, 0.0075)).toBeCloseTo(0.0011, 12);
    expect(venueFundingRate(-0.0016, 8, 0.0075)).toBeCloseTo(-0.0011, 12);
    expect(venueFundingRate(0.02, 8, 0.0075)).toBe(0.0075);
    expect(venueFundingRate(-0.05, 1, 0.02)).toBe(-0.02);
  });

  it('scales the interest with the interval: 0.01% per 8 h, 0.005% per 4 h, 0.00125% per hour', () => {
    expect([8, 4, 1].map(interestRate)).toEqual([0.0001, 0.00005, 0.0000125]);
  });

  it('weighs later premium samples more, as the venue averages them', () => {
    expect(weightedAverage([0, 0, 3])).toBe(1.5);
    expect(weightedAverage([2, 2, 2, 2])).toBe(2);
  });

  it('pays the carry where it is far from the interest and the interest where it is near', () => {
    const annualized = (carry: number, hours: number) =>
      (venueFundingRate(premiumIndexForCarry(carry, hours), hours, 1) * 8760) / hours;
    for (const hours of [8, 4, 1]) {
      expect(annualized(0.5, hours)).toBeCloseTo(0.5, 9);
      expect(annualized(-0.3, hours)).toBeCloseTo(-0.3, 9);
      expect(annualized(0.08, hours)).toBeCloseTo(0.1095, 9);
    }
  });
});

describe('demo funding', () => {
  it('settles most perpetuals at exactly the interest, 0.01% per 8 h, through a calm market', async () => {
    const start = Date.UTC(2025, 2, 3, 0, 20);
    const { sim: s, client } = await sim(11, start);
    for (const asset of DEFAULT_ASSETS) s.control.setRegime(asset, 'moderate-contango');
    s.control.advance(10 * DAY);
    const indexes = await client.get<PremiumIndex[]>('/fapi/v1/premiumIndex');
    const interest = new Map(indexes.body.map((i) => [i.symbol, i.interestRate]));
    let settled = 0;
    let atInterest = 0;
    for (const asset of DEFAULT_ASSETS) {
      const rows = await client.get<FundingRow[]>('/fapi/v1/fundingRate', {
        symbol: `${asset}USDT`,
        startTime: start + 8 * HOUR_MS,
        limit: 1000,
      });
      settled += rows.body.length;
      atInterest += rows.body.filter((r) => r.fundingRate === interest.get(r.symbol)).length;
    }
    expect(interest.get('BTCUSDT')).toBe('0.00010000');
    expect(settled).toBeGreaterThan(8 * 27);
    expect(atInterest / settled).toBeGreaterThan(0.5);
  });

  it('still pays deep negative funding when the premium collapses', async () => {
    const start = Date.UTC(2025, 2, 3, 0, 20);
    const { sim: s, client } = await sim(11, start);
    for (const asset of DEFAULT_ASSETS) s.control.setRegime(asset, 'deep-backwardation');
    s.control.advance(3 * DAY);
    for (const asset of ['BTC', 'SOL', 'DOGE']) {
      const rows = await client.get<FundingRow[]>('/fapi/v1/fundingRate', {
        symbol: `${asset}USDT`,
        startTime: start + 8 * HOUR_MS,
        endTime: start + 2 * DAY,
        limit: 1000,
      });
      const hours = s.control.state().assets.find((a) => a.asset === asset)!.fundingIntervalHours;
      const yearly = rows.body.map((r) => (Number(r.fundingRate) * 8760) / hours);
      const mean = yearly.reduce((a, b) => a + b, 0) / yearly.length;
      expect(mean, asset).toBeLessThan(-0.1);
      expect(yearly.filter((r) => r < 0).length / yearly.length, asset).toBeGreaterThan(0.8);
    }
  });

  it('predicts the next settlement from the premium averaged over the interval so far', async () => {
    const start = Date.UTC(2025, 2, 3, 0, 30);
    const { sim: s, client } = await sim(5, start);
    // A premium collapsing early in the interval pulls the prediction down as it comes to dominate.
    s.control.setPremium('SOL', -0.6);
    const early = await client.get<PremiumIndex>('/fapi/v1/premiumIndex', { symbol: 'SOLUSDT' });
    s.control.advance(7 * HOUR_MS + 29 * 60_000);
    const late = await client.get<PremiumIndex>('/fapi/v1/premiumIndex', { symbol: 'SOLUSDT' });
    expect(Number(late.body.lastFundingRate)).toBeLessThan(0);
    expect(Number(late.body.lastFundingRate)).toBeLessThan(Number(early.body.lastFundingRate));
    s.control.advance(2 * 60_000);
    const settled = await client.get<FundingRow[]>('/fapi/v1/fundingRate', {
      symbol: 'SOLUSDT',
      limit: 1,
    });
    expect(settled.body[0]!.fundingTime).toBe(Date.UTC(2025, 2, 3, 8));
    expect(settled.body[0]!.fundingRate).toBe(late.body.lastFundingRate);
  });
});
