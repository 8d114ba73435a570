import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookLevel } from './book-walk';
import { walkBook } from './book-walk';

const ASKS: BookLevel[] = [
  [100, 1],
  [101, 2],
  [103, 5],
];

describe('walkBook', () => {
  it('fills level by level, best first, and says how far the average is from the best price', () => {
    const walk = walkBook(ASKS, 2.5);
    expect(walk.filled).toBeCloseTo(2.5, 12);
    expect(walk.notional).toBeCloseTo(100 + 1.5 * 101, 9);
    expect(walk.averagePrice).toBeCloseTo(251.5 / 2.5, 12);
    expect(walk.worstPrice).toBe(101);
    expect(walk.slippage).toBeCloseTo(0.006, 12);
  });

  it('fills less than asked when the book is too thin', () => {
    const walk = walkBook(ASKS, 10);
    expect(walk.filled).toBe(8);
    expect(walk.notional).toBe(100 + 202 + 515);
    expect(walk.worstPrice).toBe(103);
  });

  it('walks bids the same way for a sell, the slippage still a distance', () => {
    const walk = walkBook(
      [
        [99, 1],
        [98, 1],
      ],
      2,
    );
    expect(walk.averagePrice).toBe(98.5);
    expect(walk.slippage).toBeCloseTo(0.5 / 99, 12);
  });

  it('refuses an empty book, a price not above 0 and an amount that is negative or not finite', () => {
    expect(() => walkBook([], 1)).toThrow(RangeError);
    expect(() => walkBook([[0, 1]], 1)).toThrow(RangeError);
    expect(() => walkBook(ASKS, -1)).toThrow(RangeError);
    expect(() => walkBook(ASKS, Number.NaN)).toThrow(RangeError);
    expect(() => walkBook([[100, -1]], 1)).toThrow(RangeError);
  });

  it('never fills more than asked or than the book holds, at an average between best and worst', () => {
    // Sizes of no less than a millionth (or none at all): venues trade nothing finer.
    const size = (max: number) =>
      fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max, noNaN: true }));
    const level = fc.tuple(fc.double({ min: 0.01, max: 1e6, noNaN: true }), size(1e3));
    fc.assert(
      fc.property(fc.array(level, { minLength: 1, maxLength: 20 }), size(1e4), (levels, amount) => {
        const asks = [...levels].sort((a, b) => a[0] - b[0]);
        const walk = walkBook(asks, amount);
        const depth = asks.reduce((s, [, size]) => s + size, 0);
        expect(walk.filled).toBeLessThanOrEqual(amount * (1 + 1e-12));
        expect(walk.filled).toBeLessThanOrEqual(depth * (1 + 1e-12));
        if (walk.filled > 0) {
          expect(walk.averagePrice).toBeGreaterThanOrEqual(asks[0]![0] * (1 - 1e-12));
          expect(walk.averagePrice).toBeLessThanOrEqual(walk.worstPrice * (1 + 1e-12));
        }
      }),
    );
  });
});
