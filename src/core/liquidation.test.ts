import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liquidationPrice } from './liquidation';

describe('liquidationPrice', () => {
  it('puts a 2× isolated short half the entry above, less the maintenance margin', () => {
    const price = liquidationPrice({
      side: 'short',
      entryPrice: 50_000,
      leverage: 2,
      maintenanceMarginRate: 0.004,
    });
    expect(price).toBeCloseTo((50_000 * 1.5) / 1.004, 9);
  });

  it('puts a 2× isolated long half the entry below, less the maintenance margin', () => {
    const price = liquidationPrice({
      side: 'long',
      entryPrice: 50_000,
      leverage: 2,
      maintenanceMarginRate: 0.004,
    });
    expect(price).toBeCloseTo((50_000 * 0.5) / 0.996, 9);
  });

  it('adds the bracket’s maintenance amount per unit of the position', () => {
    const price = liquidationPrice({
      side: 'short',
      entryPrice: 50_000,
      leverage: 2,
      maintenanceMarginRate: 0.004,
      maintenanceAmount: 50,
      quantity: 0.5,
    });
    expect(price).toBeCloseTo((75_000 + 100) / 1.004, 9);
  });

  it('refuses leverage below 1, a rate outside [0, 1), and a maintenance amount without a quantity', () => {
    const base = {
      side: 'short' as const,
      entryPrice: 100,
      leverage: 2,
      maintenanceMarginRate: 0.01,
    };
    expect(() => liquidationPrice({ ...base, leverage: 0.5 })).toThrow(RangeError);
    expect(() => liquidationPrice({ ...base, maintenanceMarginRate: 1 })).toThrow(RangeError);
    expect(() => liquidationPrice({ ...base, maintenanceMarginRate: -0.1 })).toThrow(RangeError);
    expect(() => liquidationPrice({ ...base, entryPrice: Number.NaN })).toThrow(RangeError);
    expect(() => liquidationPrice({ ...base, maintenanceAmount: 10 })).toThrow(RangeError);
    expect(() => liquidationPrice({ ...base, quantity: 0 })).toThrow(RangeError);
  });

  it('liquidates a short above its entry and a long below it, nearer the higher the leverage', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1.01, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 0.005, noNaN: true }),
        (entryPrice, leverage, maintenanceMarginRate) => {
          const at = (side: 'long' | 'short', lev: number) =>
            liquidationPrice({ side, entryPrice, leverage: lev, maintenanceMarginRate });
          expect(at('short', leverage)).toBeGreaterThan(entryPrice);
          expect(at('long', leverage)).toBeLessThan(entryPrice);
          expect(at('short', leverage * 2)).toBeLessThanOrEqual(at('short', leverage));
          expect(at('long', leverage * 2)).toBeGreaterThanOrEqual(at('long', leverage));
        },
      ),
    );
  });
});
