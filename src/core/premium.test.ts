import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BasisMethod } from '../shared/strategy';
import {
  annualizeBasis,
  annualizeFunding,
  annualizeSettledFunding,
  deannualizeBasis,
  deannualizeFunding,
} from './premium';
import { DAY_MS } from '../shared/time';

const days = (n: number) => n * DAY_MS;

describe('annualizeBasis', () => {
  it('annualizes a 1% basis over 36.5 days to 10% a year by the simple method', () => {
    expect(annualizeBasis(100, 101, days(36.5))).toBeCloseTo(0.1, 12);
    expect(annualizeBasis(100, 101, days(36.5), 'simple')).toBeCloseTo(0.1, 12);
  });

  it('compounds a 21% basis over two years to 10% a year', () => {
    expect(annualizeBasis(100, 121, days(730), 'compound')).toBeCloseTo(0.1, 12);
  });

  it('gives the same figure by both methods at exactly one year', () => {
    expect(annualizeBasis(50_000, 55_000, days(365), 'compound')).toBeCloseTo(
      annualizeBasis(50_000, 55_000, days(365), 'simple'),
      12,
    );
  });

  it('reads backwardation as a negative premium', () => {
    expect(annualizeBasis(3000, 2950, days(90))).toBeCloseTo((2950 / 3000 - 1) * (365 / 90), 12);
    expect(annualizeBasis(3000, 2950, days(90))).toBeLessThan(0);
  });

  it('uses the exact time to expiry in milliseconds, not whole days', () => {
    const ms = days(30) + 6 * 3_600_000;
    expect(annualizeBasis(100, 101, ms)).toBeCloseTo(0.01 * (365 / 30.25), 12);
  });

  it('gives zero when the future trades at spot', () => {
    expect(annualizeBasis(100, 100, days(10))).toBe(0);
    expect(annualizeBasis(100, 100, days(10), 'compound')).toBe(0);
  });

  it.each([
    ['a NaN spot', NaN, 100, days(30)],
    ['an infinite spot', Infinity, 100, days(30)],
    ['a zero spot', 0, 100, days(30)],
    ['a negative spot', -1, 100, days(30)],
    ['a NaN futures price', 100, NaN, days(30)],
    ['an infinite futures price', 100, Infinity, days(30)],
    ['a zero futures price', 100, 0, days(30)],
    ['a negative futures price', 100, -5, days(30)],
    ['a NaN time to expiry', 100, 101, NaN],
    ['an infinite time to expiry', 100, 101, Infinity],
    ['a zero time to expiry', 100, 101, 0],
    ['a past expiry', 100, 101, -days(1)],
  ])('refuses %s with a RangeError', (_label, spot, futures, ms) => {
    expect(() => annualizeBasis(spot, futures, ms)).toThrow(RangeError);
    expect(() => annualizeBasis(spot, futures, ms, 'compound')).toThrow(RangeError);
  });

  it('refuses an unknown method with a RangeError', () => {
    expect(() => annualizeBasis(100, 101, days(30), 'continuous' as BasisMethod)).toThrow(
      /unknown basis method/,
    );
  });

  it('refuses a compound premium that overflows instead of returning Infinity', () => {
    expect(() => annualizeBasis(100, 150, 1000, 'compound')).toThrow(RangeError);
  });
});

describe('deannualizeBasis', () => {
  it('prices a future from spot and a simple annualized premium', () => {
    expect(deannualizeBasis(100, 0.1, days(36.5))).toBeCloseTo(101, 10);
  });

  it('prices a future from spot and a compound annualized premium', () => {
    expect(deannualizeBasis(100, 0.1, days(730), 'compound')).toBeCloseTo(121, 10);
  });

  it('refuses a premium so negative that no positive futures price has it', () => {
    expect(() => deannualizeBasis(100, -2, days(365))).toThrow(RangeError);
    expect(() => deannualizeBasis(100, -1, days(30), 'compound')).toThrow(RangeError);
  });

  it('refuses non-finite inputs and an unknown method', () => {
    expect(() => deannualizeBasis(NaN, 0.1, days(30))).toThrow(RangeError);
    expect(() => deannualizeBasis(100, Infinity, days(30))).toThrow(RangeError);
    expect(() => deannualizeBasis(100, 0.1, 0)).toThrow(RangeError);
    expect(() => deannualizeBasis(100, 0.1, days(30), 'log' as BasisMethod)).toThrow(RangeError);
  });
});

describe('annualizeFunding', () => {
  it('annualizes the common 0.01% per 8 h to 10.95% a year', () => {
    expect(annualizeFunding(0.0001, 8)).toBeCloseTo(0.1095, 12);
  });

  it('scales by the number of intervals in a day', () => {
    expect(annualizeFunding(0.0001, 1)).toBeCloseTo(0.876, 12);
    expect(annualizeFunding(0.0001, 4)).toBeCloseTo(0.219, 12);
  });

  it('keeps the sign of negative funding (shorts pay longs)', () => {
    expect(annualizeFunding(-0.0003, 8)).toBeCloseTo(-0.3285, 12);
  });

  it.each([
    ['a NaN rate', NaN, 8],
    ['an infinite rate', -Infinity, 8],
    ['a NaN interval', 0.0001, NaN],
    ['an infinite interval', 0.0001, Infinity],
    ['a zero interval', 0.0001, 0],
    ['a negative interval', 0.0001, -8],
  ])('refuses %s with a RangeError', (_label, rate, interval) => {
    expect(() => annualizeFunding(rate, interval)).toThrow(RangeError);
  });
});

describe('annualizeSettledFunding', () => {
  /** 4 days at 8 h, then 3 days at 4 h, 0.01% a settlement. */
  const week = [
    ...Array.from({ length: 12 }, () => ({ rate: 0.0001, intervalHours: 8 })),
    ...Array.from({ length: 18 }, () => ({ rate: 0.0001, intervalHours: 4 })),
  ];

  it('annualizes a week of 4 days at 8 h and 3 days at 4 h as what it paid: 15.64%', () => {
    expect(annualizeSettledFunding(week)).toBeCloseTo((0.003 * 365) / 7, 12);
    expect(annualizeSettledFunding(week).toFixed(4)).toBe('0.1564');
  });

  it('differs from giving every settlement the current interval (21.90%) or averaging annualized settlements (17.52%)', () => {
    const todaysInterval = annualizeSettledFunding(week.map((s) => ({ ...s, intervalHours: 4 })));
    expect(todaysInterval.toFixed(4)).toBe('0.2190');
    const meanOfAnnualized =
      week.reduce((sum, s) => sum + annualizeFunding(s.rate, s.intervalHours), 0) / week.length;
    expect(meanOfAnnualized.toFixed(4)).toBe('0.1752');
    expect(annualizeSettledFunding(week)).not.toBeCloseTo(todaysInterval, 3);
    expect(annualizeSettledFunding(week)).not.toBeCloseTo(meanOfAnnualized, 3);
  });

  it('annualizes history that covers only part of a window over the time it covers', () => {
    // Two days of 4 h settlements at 0.01% pay 0.12% over 2 days, whatever the window.
    const twoDays = Array.from({ length: 12 }, () => ({ rate: 0.0001, intervalHours: 4 }));
    expect(annualizeSettledFunding(twoDays)).toBeCloseTo((0.0012 * 365) / 2, 12);
  });

  it('is annualizeFunding for a single settlement', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.01, max: 0.01, noNaN: true }),
        fc.constantFrom(1, 2, 4, 8),
        (rate, intervalHours) => {
          expect(annualizeSettledFunding([{ rate, intervalHours }])).toBeCloseTo(
            annualizeFunding(rate, intervalHours),
            12,
          );
        },
      ),
    );
  });

  it('refuses no settlements, a non-finite rate and a non-positive interval', () => {
    expect(() => annualizeSettledFunding([])).toThrow(RangeError);
    expect(() => annualizeSettledFunding([{ rate: NaN, intervalHours: 8 }])).toThrow(RangeError);
    expect(() => annualizeSettledFunding([{ rate: 0.0001, intervalHours: 0 }])).toThrow(RangeError);
  });
});

describe('deannualizeFunding', () => {
  it('turns 10.95% a year back into 0.01% per 8 h', () => {
    expect(deannualizeFunding(0.1095, 8)).toBeCloseTo(0.0001, 15);
  });

  it('refuses a non-finite premium or a non-positive interval', () => {
    expect(() => deannualizeFunding(NaN, 8)).toThrow(RangeError);
    expect(() => deannualizeFunding(0.1, 0)).toThrow(RangeError);
  });
});

describe('annualize and deannualize round-trips', () => {
  const method = fc.constantFrom<BasisMethod>('simple', 'compound');
  const spot = fc.double({ min: 0.01, max: 1e6, noNaN: true });
  const ms = fc.double({ min: DAY_MS, max: 2 * 365 * DAY_MS, noNaN: true });

  it('recovers the annualized premium from the futures price it sets, by either method', () => {
    fc.assert(
      fc.property(
        method,
        spot,
        fc.double({ min: -0.45, max: 3, noNaN: true }),
        ms,
        (m, s, a, t) => {
          const futures = deannualizeBasis(s, a, t, m);
          expect(annualizeBasis(s, futures, t, m)).toBeCloseTo(a, 9);
        },
      ),
    );
  });

  // Far below spot and close to expiry a compound premium sits at −100% to machine precision,
  // where no inverse can tell prices apart; the band here is −3%…+10% with a week or more left.
  it('recovers a futures price near spot from the annualized premium it has, by either method', () => {
    const weekOrMore = fc.double({ min: 7 * DAY_MS, max: 2 * 365 * DAY_MS, noNaN: true });
    fc.assert(
      fc.property(
        method,
        spot,
        fc.double({ min: 0.97, max: 1.1, noNaN: true }),
        weekOrMore,
        (m, s, ratio, t) => {
          const futures = s * ratio;
          const back = deannualizeBasis(s, annualizeBasis(s, futures, t, m), t, m);
          expect(Math.abs(back - futures) / futures).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('recovers a funding rate from its annualized figure for any interval', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.oneof(fc.constantFrom(1, 2, 4, 8), fc.double({ min: 0.25, max: 24, noNaN: true })),
        (rate, interval) => {
          expect(deannualizeFunding(annualizeFunding(rate, interval), interval)).toBeCloseTo(
            rate,
            14,
          );
          expect(annualizeFunding(deannualizeFunding(rate, interval), interval)).toBeCloseTo(
            rate,
            12,
          );
        },
      ),
    );
  });
});
