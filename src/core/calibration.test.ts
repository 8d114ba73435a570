import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thresholdOrderProblem } from '../shared/strategy';
import {
  DEFAULT_HISTORY_K,
  premiumStats,
  thresholdsFromHistory,
  trailingWindow,
  trailingYear,
} from './calibration';
import { classifyRegime } from './regime';
import { YEAR_MS } from '../shared/time';

/** 15 premiums of 10% and 15 of 30%: mean 20%, population standard deviation 10%. */
const twoLevels = [...Array<number>(15).fill(0.1), ...Array<number>(15).fill(0.3)];

describe('premiumStats', () => {
  it('gives the population mean and standard deviation', () => {
    const stats = premiumStats(twoLevels);
    expect(stats.mean).toBeCloseTo(0.2, 14);
    expect(stats.std).toBeCloseTo(0.1, 14);
    expect(stats.count).toBe(30);
  });

  it('finds no spread at all in a flat history', () => {
    expect(premiumStats(Array<number>(40).fill(0.1095))).toEqual({
      mean: 0.1095,
      std: 0,
      count: 40,
    });
  });

  it('stays accurate for premiums far from zero', () => {
    const shifted = twoLevels.map((p) => p + 1e6);
    expect(premiumStats(shifted).std).toBeCloseTo(0.1, 8);
  });
});

describe('thresholdsFromHistory', () => {
  it('sets the levels at the mean plus or minus the default multiples of the standard deviation', () => {
    const t = thresholdsFromHistory(twoLevels);
    expect(t.deepBelow).toBeCloseTo(0.2 - 1.5 * 0.1, 12);
    expect(t.moderateFrom).toBeCloseTo(0.2 + 0.5 * 0.1, 12);
    expect(t.extremeAbove).toBeCloseTo(0.2 + 1.5 * 0.1, 12);
    expect(t.extremeExit).toBe(t.moderateFrom);
    expect(Object.keys(t).sort()).toEqual([
      'deepBelow',
      'extremeAbove',
      'extremeExit',
      'moderateFrom',
    ]);
  });

  it('uses the default multiples 1.5, 0.5 and 1.5', () => {
    expect(DEFAULT_HISTORY_K).toEqual({ deep: 1.5, moderate: 0.5, extreme: 1.5 });
    expect(thresholdsFromHistory(twoLevels)).toEqual(
      thresholdsFromHistory(twoLevels, DEFAULT_HISTORY_K),
    );
  });

  it('follows the multiples it is given', () => {
    const t = thresholdsFromHistory(twoLevels, { deep: 2, moderate: 0, extreme: 3 });
    expect(t.deepBelow).toBeCloseTo(0, 12);
    expect(t.moderateFrom).toBeCloseTo(0.2, 12);
    expect(t.extremeAbove).toBeCloseTo(0.5, 12);
  });

  it('needs at least 30 premiums', () => {
    expect(() => thresholdsFromHistory(twoLevels.slice(1))).toThrow(RangeError);
    expect(() => thresholdsFromHistory([])).toThrow(/at least 30/);
    expect(() => thresholdsFromHistory([...twoLevels.slice(1), 0.2])).not.toThrow();
  });

  it.each([NaN, Infinity, -Infinity])('refuses a history holding %s', (bad) => {
    expect(() => thresholdsFromHistory([...twoLevels, bad])).toThrow(RangeError);
  });

  it('refuses a history that never varies', () => {
    expect(() => thresholdsFromHistory(Array<number>(40).fill(0.1095))).toThrow(/never varies/);
  });

  it.each([
    { deep: 0, moderate: 0.5, extreme: 1.5 },
    { deep: 1.5, moderate: -0.1, extreme: 1.5 },
    { deep: 1.5, moderate: 1.5, extreme: 1.5 },
    { deep: 1.5, moderate: 0.5, extreme: NaN },
  ])('refuses multiples out of order: %o', (k) => {
    expect(() => thresholdsFromHistory(twoLevels, k)).toThrow(RangeError);
  });

  it('gives thresholds the regime engine accepts for any varied history', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2, max: 5, noNaN: true }), { minLength: 30, maxLength: 300 }),
        (premiums) => {
          fc.pre(Math.max(...premiums) - Math.min(...premiums) > 1e-9);
          const t = thresholdsFromHistory(premiums);
          expect(thresholdOrderProblem(t)).toBeNull();
          expect(() => classifyRegime(premiums[0] ?? 0, null, t)).not.toThrow();
          const mean = premiums.reduce((s, p) => s + p, 0) / premiums.length;
          expect(t.deepBelow).toBeLessThan(mean);
          expect(t.moderateFrom).toBeGreaterThanOrEqual(mean);
        },
      ),
    );
  });
});

describe('trailingYear', () => {
  const now = 1_790_000_000_000;

  it('keeps the points of the last 365 days up to and including now', () => {
    const points = [
      { at: now - YEAR_MS - 1, v: 'too old' },
      { at: now - YEAR_MS, v: 'a full year ago' },
      { at: now - YEAR_MS + 1, v: 'first' },
      { at: now - 1000, v: 'recent' },
      { at: now, v: 'now' },
      { at: now + 1, v: 'future' },
    ];
    expect(trailingYear(points, now).map((p) => p.v)).toEqual(['first', 'recent', 'now']);
  });

  it('is 365 days long', () => {
    expect(YEAR_MS).toBe(365 * 86_400_000);
  });

  it('keeps a shorter window when asked, and refuses a nonsense one', () => {
    const points = [{ at: now - 2000 }, { at: now - 500 }];
    expect(trailingWindow(points, now, 1000)).toEqual([{ at: now - 500 }]);
    expect(() => trailingWindow(points, now, 0)).toThrow(RangeError);
    expect(() => trailingYear(points, NaN)).toThrow(RangeError);
  });
});
