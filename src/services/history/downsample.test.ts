import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SeriesData } from './series-data';
import { aggregateBuckets, downsampleMinMax } from './downsample';

const series = (t: number[], v: number[]): SeriesData => ({
  t: Float64Array.from(t),
  v: Float64Array.from(v),
});

describe('aggregateBuckets', () => {
  it('keeps the last observation of each bucket at its own time', () => {
    const out = aggregateBuckets(series([0, 10, 25, 31, 59, 60], [1, 2, 3, 4, 5, 6]), 30, 'last');
    expect(Array.from(out.t)).toEqual([25, 59, 60]);
    expect(Array.from(out.v)).toEqual([3, 5, 6]);
  });

  it('averages each bucket and stamps it at the bucket start', () => {
    const out = aggregateBuckets(series([0, 10, 25, 31, 59, 95], [1, 2, 3, 4, 6, 7]), 30, 'mean');
    expect(Array.from(out.t)).toEqual([0, 30, 90]);
    expect(Array.from(out.v)).toEqual([2, 5, 7]);
  });

  it('is idempotent: thinning thinned data changes nothing', () => {
    const data = series([1, 2, 40, 41, 42, 100], [5, 6, 7, 8, 9, 10]);
    for (const rule of ['last', 'mean'] as const) {
      const once = aggregateBuckets(data, 30, rule);
      const twice = aggregateBuckets(once, 30, rule);
      expect(Array.from(twice.t)).toEqual(Array.from(once.t));
      expect(Array.from(twice.v)).toEqual(Array.from(once.v));
    }
  });

  it('refuses a bucket that is not a positive width', () => {
    expect(() => aggregateBuckets(series([1], [1]), 0, 'last')).toThrow(RangeError);
  });
});

describe('downsampleMinMax', () => {
  it('returns a series that already fits as it is', () => {
    const data = series([1, 2, 3], [3, 1, 2]);
    expect(downsampleMinMax(data, 3)).toBe(data);
  });

  it('keeps at most maxPoints points in time order, the extremes included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 400 }),
        fc.integer({ min: 2, max: 50 }),
        fc.integer({ min: 1, max: 1000 }),
        (values, maxPoints, step) => {
          const t = values.map((_, i) => 1_700_000_000_000 + i * step);
          const out = downsampleMinMax(series(t, values), maxPoints);
          expect(out.t.length).toBeLessThanOrEqual(Math.max(maxPoints, 0));
          for (let i = 1; i < out.t.length; i++)
            expect(out.t[i]).toBeGreaterThan(out.t[i - 1] as number);
          if (values.length > maxPoints) {
            expect(Math.max(...out.v)).toBe(Math.max(...values));
            expect(Math.min(...out.v)).toBe(Math.min(...values));
          }
          for (let i = 0; i < out.t.length; i++) {
            const at = t.indexOf(out.t[i] as number);
            expect(values[at]).toBe(out.v[i]);
          }
        },
      ),
    );
  });

  it('refuses fewer than two points', () => {
    expect(() => downsampleMinMax(series([1, 2, 3], [1, 2, 3]), 1)).toThrow(RangeError);
  });
});
