import { describe, expect, it } from 'vitest';
import type { PlanShort } from '../shared/plan';
import { position } from './buckets-testing';
import type { ShortOpened } from './planner-risk';
import {
  bestShortInstrument,
  bracketFor,
  carryOf,
  DEFAULT_BRACKET,
  planCarry,
  planShort,
  shortCandidates,
  shortTerms,
} from './planner-risk';
import { futureOf, markets, perpOf, PLAN_NOW, spotOf } from './planner-testing';

const BTC = 50_000;
const BRACKETS = [
  { notionalCap: 50_000, rate: 0.004, amount: 0 },
  { notionalCap: 250_000, rate: 0.005, amount: 50 },
  { notionalCap: 1_000_000, rate: 0.01, amount: 1_300 },
];
const NEW_SHORT = shortTerms(null, 2);

/** A short of `quantity` BTC at 50,000 on the perpetual, new unless `terms` say otherwise. */
const opened = (quantity: number, change: Partial<ShortOpened> = {}): PlanShort =>
  planShort({
    account: 'acc-1',
    pair: 'p1',
    asset: 'BTC',
    instrument: perpOf('BTC', BTC),
    quantity,
    price: BTC,
    terms: NEW_SHORT,
    ...change,
  });

describe('planShort', () => {
  it('puts a new isolated short without brackets at 0.5% maintenance: entry × 1.5 / 1.005 at 2×', () => {
    const s = opened(0.3);
    expect(s).toMatchObject({ marginMode: 'isolated', leverage: 2, quantity: 0.3, margin: 7_500 });
    // 50,000 × (1 + 1/2) / (1 + 0.005) = 74,626.87: 49.25% above the price.
    expect(s.liquidationPrice).toBeCloseTo(74_626.865_671_64, 6);
    expect(s.liquidationDistance).toBeCloseTo(0.492_537_313, 9);
  });

  it("uses the bracket the short's notional falls in, with its maintenance amount", () => {
    const instrument = perpOf('BTC', BTC, { brackets: BRACKETS });
    const small = opened(0.3, { instrument });
    // 15,000 of notional: the first bracket, 0.4% and nothing more.
    expect(small.liquidationPrice).toBeCloseTo(75_000 / 1.004, 6);
    const large = opened(2, { instrument });
    // 100,000 of notional: 0.5% and 50 USDT, 25 a unit on 2 BTC.
    expect(large.liquidationPrice).toBeCloseTo((75_000 + 25) / 1.005, 6);
  });

  it("adds to an open short at its own terms: averaged entry, margins summed, the venue's liquidation price kept", () => {
    const open = {
      ...position({
        asset: 'BTC',
        side: 'short',
        contracts: 0.1,
        markPrice: BTC,
        isolatedMargin: 1_000,
      }),
      entryPrice: 40_000,
      leverage: 5,
      liquidationPrice: 60_000,
    };
    const s = opened(0.3, { terms: shortTerms(open, 2) });
    expect(s).toMatchObject({ marginMode: 'isolated', leverage: 5, quantity: 0.4 });
    // (40,000 × 0.1 + 50,000 × 0.3) / 0.4; 1,000 held plus 15,000 / 5.
    expect(s.entryPrice).toBeCloseTo(47_500, 9);
    expect(s.margin).toBeCloseTo(4_000, 9);
    expect(s.liquidationPrice).toBe(60_000);
    expect(s.liquidationDistance).toBeCloseTo(0.2, 12);
  });
});

describe('bracketFor', () => {
  it('falls back to 0.5% without brackets and to the last bracket past every cap', () => {
    expect(bracketFor([], 1e9)).toBe(DEFAULT_BRACKET);
    expect(bracketFor(BRACKETS, 50_000)).toBe(BRACKETS[0]);
    expect(bracketFor(BRACKETS, 5_000_000)).toBe(BRACKETS[2]);
  });
});

describe('shortTerms', () => {
  it('opens a new short isolated at the cap and keeps an open one as it is, unless its leverage is unknown', () => {
    expect(NEW_SHORT).toMatchObject({ marginMode: 'isolated', leverage: 2, keepable: true });
    const cross = { ...position({ asset: 'BTC', side: 'short', contracts: 1, markPrice: BTC }) };
    expect(shortTerms({ ...cross, leverage: 10 }, 2)).toMatchObject({
      marginMode: 'cross',
      leverage: 10,
      keepable: true,
    });
    expect(shortTerms({ ...cross, leverage: null }, 2)).toMatchObject({
      marginMode: 'cross',
      leverage: 2,
      keepable: false,
    });
  });
});

describe('carryOf', () => {
  it('counts a dated short to its expiry with basis, both legs in and out', () => {
    const f = carryOf({
      instrument: futureOf('BTC', 51_000, 90),
      spotPrice: BTC,
      shortPrice: 51_000,
      quantity: 0.3,
      spotFee: 0.001,
      now: PLAN_NOW,
      holdingDays: 30,
    });
    // gross 0.3 × 1,000 = 300; fees 2 × 15,000 × 0.1% + 2 × 15,300 × 0.04% = 30 + 12.24.
    expect(f).toMatchObject({ kind: 'dated', days: 90 });
    expect(f.gross).toBeCloseTo(300, 9);
    expect(f.fees).toBeCloseTo(42.24, 9);
    expect(f.net).toBeCloseTo(257.76, 9);
    expect(f.netAnnualized).toBeCloseTo((257.76 / 15_000) * (365 / 90), 12);
  });

  it('counts a perpetual over the holding days at its funding, with no spot fee when the spot is already held', () => {
    const f = carryOf({
      instrument: perpOf('BTC', BTC, { annualizedFunding: 0.1 }),
      spotPrice: BTC,
      shortPrice: BTC,
      quantity: 0.3,
      spotFee: 0,
      now: PLAN_NOW,
      holdingDays: 30,
    });
    // gross 15,000 × 10% × 30 / 365 = 123.29; fees 2 × 15,000 × 0.04% = 12.
    expect(f).toMatchObject({ kind: 'perp', days: 30 });
    expect(f.gross).toBeCloseTo((15_000 * 0.1 * 30) / 365, 9);
    expect(f.fees).toBeCloseTo(12, 9);
  });
});

describe('planCarry', () => {
  const figures = {
    kind: 'perp' as const,
    days: 30,
    gross: 120,
    fees: 20,
    net: 100,
    netAnnualized: 0.08,
    breakevenDays: 5,
  };
  const leg = {
    pair: 'p1',
    asset: 'BTC',
    instrument: perpOf('BTC', BTC),
    figures,
    notional: 15_000,
    slippage: 10,
  };

  it('returns on capital what the leg nets after slippage, annualized: (100 − 10) / 22,500 × 365 / 30', () => {
    const c = planCarry({ ...leg, capital: 22_500 });
    expect(c).toMatchObject({ pair: 'p1', symbol: 'BTC/USDT:USDT', kind: 'perp', net: 100 });
    expect(c.returnOnCapital).toBeCloseTo((90 / 22_500) * (365 / 30), 12);
  });

  it('gives no return on capital when the leg ties up none', () => {
    expect(planCarry({ ...leg, capital: 0 }).returnOnCapital).toBeNull();
  });
});

describe('shortCandidates and bestShortInstrument', () => {
  const perp = perpOf('BTC', BTC, { annualizedFunding: 0.05 });
  const soon = futureOf('BTC', 50_100, 5);
  const later = futureOf('BTC', 51_000, 90);
  const m = markets('BTC', { spot: spotOf('BTC', BTC), perp, futures: [soon, later] });

  it('offers the perpetual and the dated futures with enough days left', () => {
    expect(shortCandidates(m, PLAN_NOW, 7)).toEqual([perp, later]);
  });

  it('picks the dated future when its basis to expiry beats the funding over the holding days', () => {
    const question = { spotPrice: BTC, quantity: 0.3, spotFee: 0.001, now: PLAN_NOW };
    // 2% basis over 90 days against 5% a year for 30 days.
    expect(bestShortInstrument([perp, later], { ...question, holdingDays: 30 })).toBe(later);
    expect(bestShortInstrument([], { ...question, holdingDays: 30 })).toBeNull();
  });
});
