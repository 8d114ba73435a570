import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ceilToStep,
  floorToStep,
  meetsMinimum,
  pairQuantity,
  priceOrder,
  roundBase,
  tidy,
} from './planner-sizing';
import { perpOf, spotOf } from './planner-testing';
import type { InstrumentRules } from './planner-types';

const rules = (change: Partial<InstrumentRules>): InstrumentRules => ({
  minAmount: null,
  minCost: null,
  amountStep: null,
  priceStep: null,
  ...change,
});

describe('floorToStep and ceilToStep', () => {
  it('round down and up to the step, without the float noise of the division', () => {
    // 0.3 / 0.1 is 2.9999999999999996 in floats: still three steps.
    expect(floorToStep(0.3, 0.1)).toBe(0.3);
    expect(floorToStep(0.12345, 0.001)).toBe(0.123);
    expect(ceilToStep(0.1201, 0.01)).toBe(0.13);
    expect(ceilToStep(0.3, 0.1)).toBe(0.3);
  });

  it('leave a value alone without a step and give 0 for nothing', () => {
    expect(floorToStep(0.123456789, null)).toBe(0.123456789);
    expect(ceilToStep(1.5, 0)).toBe(1.5);
    expect(floorToStep(-1, 0.1)).toBe(0);
    expect(ceilToStep(0, 0.1)).toBe(0);
  });
});

describe('tidy', () => {
  const reference = (v: number): number => Number(v.toPrecision(12));

  it('keeps 12 significant digits: 0.1 + 0.2 is 0.3', () => {
    expect(tidy(0.1 + 0.2)).toBe(0.3);
    expect(tidy(3 * 0.1)).toBe(0.3);
    expect(tidy(123_456.789_012_345)).toBe(123_456.789_012);
  });

  it('rounds a value lying half-way at the 13th digit the way decimal formatting does', () => {
    for (const v of [5.993290874855e-8, 866.9865494305, 65_910_284_912.049995, 0.09049086211825]) {
      expect(tidy(v)).toBe(reference(v));
    }
  });

  it('agrees with decimal formatting on any positive number', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-15, max: 1e15, noNaN: true }), (v) => {
        expect(tidy(v)).toBe(reference(v));
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with decimal formatting on counts of a step', () => {
    const steps = [1e-8, 1e-5, 0.001, 0.003, 0.01, 0.1, 0.25, 1, 10];
    fc.assert(
      fc.property(fc.nat(1e9), fc.constantFrom(...steps), (n, step) => {
        expect(tidy(n * step)).toBe(reference(n * step));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('roundBase', () => {
  it('rounds spot down to its amount step', () => {
    const spot = spotOf('BTC', 50_000, { rules: rules({ amountStep: 0.00001 }) });
    expect(roundBase(spot, 0.123456789)).toEqual({ amount: 0.12345, contracts: null });
  });

  it('rounds a contract market down to whole steps of contracts and gives both units', () => {
    // 0.01 BTC a contract, whole contracts: 0.257 BTC is 25 contracts, 0.25 BTC.
    const perp = perpOf('BTC', 50_000, { contractSize: 0.01, rules: rules({ amountStep: 1 }) });
    expect(roundBase(perp, 0.257)).toEqual({ amount: 0.25, contracts: 25 });
  });
});

describe('pairQuantity', () => {
  it('finds the largest quantity both legs can trade: spot in 0.001, the short in contracts of 0.1', () => {
    const spot = spotOf('ETH', 2_500, { rules: rules({ amountStep: 0.001 }) });
    const perp = perpOf('ETH', 2_500, { contractSize: 0.1, rules: rules({ amountStep: 1 }) });
    expect(pairQuantity(spot, perp, 0.379)).toBe(0.3);
  });

  it('walks down to the shared grid of two steps that only meet every 1.2', () => {
    const spot = spotOf('X', 1, { rules: rules({ amountStep: 0.4 }) });
    const perp = perpOf('X', 1, { rules: rules({ amountStep: 0.3 }) });
    expect(pairQuantity(spot, perp, 1.3)).toBe(1.2);
    // Below 1.2 the grids never meet: 0.8 → 0.6 → 0.4 → 0.3 → 0.
    expect(pairQuantity(spot, perp, 1)).toBe(0);
  });
});

describe('meetsMinimum', () => {
  const perp = perpOf('BTC', 50_000, {
    contractSize: 0.01,
    rules: rules({ minAmount: 1, minCost: 100 }),
  });

  it('counts the minimum amount in contracts on a contract market and the minimum value in USDT', () => {
    expect(meetsMinimum(perp, { amount: 0.01, contracts: 1 }, 50_000)).toBe(true);
    expect(meetsMinimum(perp, { amount: 0.005, contracts: 0.5 }, 50_000)).toBe(false);
    // One contract worth 90 USDT at a price of 9,000: under the 100 USDT minimum.
    expect(meetsMinimum(perp, { amount: 0.01, contracts: 1 }, 9_000)).toBe(false);
  });

  it('holds a reduce-only order to the minimum value only where the venue does not waive it, and always to the minimum amount', () => {
    const small = { amount: 0.01, contracts: 1 };
    expect(meetsMinimum(perp, small, 9_000, true)).toBe(false);
    const waived = perpOf('BTC', 50_000, {
      contractSize: 0.01,
      rules: rules({ minAmount: 1, minCost: 100, minCostForReduceOnly: false }),
    });
    expect(meetsMinimum(waived, small, 9_000, true)).toBe(true);
    expect(meetsMinimum(waived, small, 9_000)).toBe(false);
    expect(meetsMinimum(waived, { amount: 0.005, contracts: 0.5 }, 50_000, true)).toBe(false);
  });

  it('refuses an empty order whatever the rules', () => {
    expect(meetsMinimum(spotOf('BTC', 50_000), { amount: 0, contracts: null }, 50_000)).toBe(false);
  });
});

describe('priceOrder', () => {
  const spot = spotOf('SOL', 100, { rules: rules({ priceStep: 0.01 }) });
  const book = {
    asks: [
      [100, 1],
      [101, 1],
    ] as [number, number][],
    bids: [
      [99, 1],
      [98, 1],
    ] as [number, number][],
  };

  it('walks the asks for a buy and protects it at average × 1.003, rounded down to the tick', () => {
    const p = priceOrder(spot, book, 'buy', { amount: 1.5, contracts: null }, 0.003);
    // 1 at 100 and 0.5 at 101: 150.5 / 1.5.
    expect(p.price).toBeCloseTo(100.333_333_333, 9);
    expect(p.best).toBe(100);
    // 100.3333… × 1.003 = 100.6343…, down to 100.63: never a worse fill than the limit allows.
    expect(p.limitPrice).toBe(100.63);
    expect(p.notional).toBeCloseTo(150.5, 9);
    expect(p.fee).toBeCloseTo(0.1505, 9);
    expect(p.slippage).toBeCloseTo(0.003_333_333, 9);
    expect(p.slippageCost).toBeCloseTo(0.5, 9);
    expect([p.hasBook, p.filled]).toEqual([true, true]);
  });

  it('walks the bids for a sell and protects it at average × 0.997, rounded up to the tick', () => {
    const p = priceOrder(spot, book, 'sell', { amount: 1.5, contracts: null }, 0.003);
    // 1 at 99 and 0.5 at 98: 148 / 1.5 = 98.6666…; × 0.997 = 98.3706…, up to 98.38.
    expect(p.price).toBeCloseTo(98.666_666_667, 9);
    expect(p.limitPrice).toBe(98.38);
  });

  it('walks a contract book in contracts and values the order in base units', () => {
    const perp = perpOf('SOL', 100, { contractSize: 0.1 });
    const contracts = {
      asks: [
        [100, 3],
        [110, 10],
      ] as [number, number][],
      bids: [],
    };
    const p = priceOrder(perp, contracts, 'buy', { amount: 0.5, contracts: 5 }, 0.003);
    // 3 contracts at 100 and 2 at 110: 104 a unit, on 0.5 SOL.
    expect(p.price).toBeCloseTo(104, 9);
    expect(p.notional).toBeCloseTo(52, 9);
  });

  it('falls back to the reference price without a book and says the book was thin when it was', () => {
    const none = priceOrder(spot, undefined, 'buy', { amount: 1, contracts: null }, 0.003);
    expect([none.price, none.slippage, none.hasBook]).toEqual([100, 0, false]);
    const thin = priceOrder(spot, book, 'buy', { amount: 5, contracts: null }, 0.003);
    expect(thin.filled).toBe(false);
  });
});
