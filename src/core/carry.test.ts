import { describe, expect, it } from 'vitest';
import { basisCarry, perpCarry } from './carry';

/** $10,000 of spot at 50,000 against the 3-month future at 51,500, at binance's usual fees. */
const TRADE = {
  spot: 50_000,
  futures: 51_500,
  daysToExpiry: 90,
  notional: 10_000,
  spotFee: 0.001,
  futuresFee: 0.0004,
};

describe('basisCarry', () => {
  it('earns $300 on $10,000 with spot at 50,000 and the 3-month future at 51,500, before fees', () => {
    const carry = basisCarry({ ...TRADE, spotFee: 0, futuresFee: 0 });
    expect(carry.gross).toBeCloseTo(300, 9);
    expect(carry.fees).toBe(0);
    expect(carry.net).toBeCloseTo(300, 9);
    expect(carry.netAnnualized).toBeCloseTo(0.03 * (365 / 90), 12);
    expect(carry.breakevenDays).toBe(0);
  });

  it('counts entry and exit fees on both legs, the short on its own notional', () => {
    const carry = basisCarry(TRADE);
    // 2 × 10,000 × 0.1% + 2 × 0.2 BTC × 51,500 × 0.04%
    expect(carry.fees).toBeCloseTo(28.24, 9);
    expect(carry.net).toBeCloseTo(271.76, 9);
    expect(carry.breakevenDays).toBeCloseTo(28.24 / (300 / 90), 9);
  });

  it('never breaks even in backwardation', () => {
    const carry = basisCarry({ ...TRADE, futures: 49_000, daysToExpiry: 30 });
    expect(carry.gross).toBeLessThan(0);
    expect(carry.breakevenDays).toBe(Infinity);
  });

  it('refuses input that is not finite, negative or out of range', () => {
    expect(() => basisCarry({ ...TRADE, spot: 0 })).toThrow(RangeError);
    expect(() => basisCarry({ ...TRADE, futures: Number.NaN })).toThrow(RangeError);
    expect(() => basisCarry({ ...TRADE, daysToExpiry: -1 })).toThrow(RangeError);
    expect(() => basisCarry({ ...TRADE, notional: Infinity })).toThrow(RangeError);
    expect(() => basisCarry({ ...TRADE, spotFee: -0.001 })).toThrow(RangeError);
    expect(() => basisCarry({ ...TRADE, futuresFee: 1 })).toThrow(RangeError);
  });
});

describe('perpCarry', () => {
  const input = {
    notional: 10_000,
    annualizedFunding: 0.1095,
    holdingDays: 30,
    spotFee: 0.001,
    perpFee: 0.0004,
  };

  it('earns the annualized funding on the notional over the holding days, less both legs’ fees', () => {
    const carry = perpCarry(input);
    expect(carry.gross).toBeCloseTo(90, 9);
    expect(carry.fees).toBeCloseTo(28, 9);
    expect(carry.net).toBeCloseTo(62, 9);
    expect(carry.netAnnualized).toBeCloseTo(0.0062 * (365 / 30), 12);
    expect(carry.breakevenDays).toBeCloseTo(28 / 3, 9);
  });

  it('pays negative funding, and then never breaks even', () => {
    const carry = perpCarry({ ...input, annualizedFunding: -0.05 });
    expect(carry.gross).toBeLessThan(0);
    expect(carry.net).toBeLessThan(-carry.fees + 1e-9);
    expect(carry.breakevenDays).toBe(Infinity);
  });

  it('refuses input that is not finite, negative or out of range', () => {
    expect(() => perpCarry({ ...input, notional: -1 })).toThrow(RangeError);
    expect(() => perpCarry({ ...input, annualizedFunding: Number.NaN })).toThrow(RangeError);
    expect(() => perpCarry({ ...input, holdingDays: 0 })).toThrow(RangeError);
    expect(() => perpCarry({ ...input, perpFee: 2 })).toThrow(RangeError);
  });
});
