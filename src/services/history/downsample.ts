// Thinning a series: fixed buckets for storage and calibration, min/max buckets for charts.
import { minMaxBucketIndices } from '../../core';
import type { SeriesData } from './series-data';

/** How a bucket's points become one: the last observation, or the plain mean. */
export type BucketRule = 'last' | 'mean';

/**
 * One point per non-empty bucket of `bucketMs`, buckets aligned to multiples of `bucketMs` since the
 * epoch. `last` keeps the bucket's last observation at its own time; `mean` gives the plain mean of
 * the bucket's values at the bucket's start.
 */
export function aggregateBuckets(data: SeriesData, bucketMs: number, rule: BucketRule): SeriesData {
  if (!(Number.isFinite(bucketMs) && bucketMs > 0)) {
    throw new RangeError(`a bucket is a positive number of milliseconds (got ${bucketMs})`);
  }
  const { t, v } = data;
  const n = t.length;
  const outT = new Float64Array(n);
  const outV = new Float64Array(n);
  let out = 0;
  let i = 0;
  while (i < n) {
    const bucket = Math.floor((t[i] as number) / bucketMs);
    let j = i;
    let sum = 0;
    while (j < n && Math.floor((t[j] as number) / bucketMs) === bucket) {
      sum += v[j] as number;
      j++;
    }
    if (rule === 'last') {
      outT[out] = t[j - 1] as number;
      outV[out] = v[j - 1] as number;
    } else {
      outT[out] = bucket * bucketMs;
      outV[out] = sum / (j - i);
    }
    out++;
    i = j;
  }
  return { t: outT.slice(0, out), v: outV.slice(0, out) };
}

/**
 * At most `maxPoints` points for a chart: the time span is cut into `floor(maxPoints / 2)` equal
 * buckets and each non-empty bucket keeps its lowest and highest point, in time order (one point when
 * they are the same). Spikes survive, which a mean or a last-per-bucket would flatten. A series that
 * already fits is returned as it is.
 */
export function downsampleMinMax(data: SeriesData, maxPoints: number): SeriesData {
  if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) {
    throw new RangeError(`maxPoints is a whole number of at least 2 (got ${maxPoints})`);
  }
  const { t, v } = data;
  const n = t.length;
  if (n <= maxPoints) return data;
  const kept = minMaxBucketIndices(
    t,
    v,
    0,
    n,
    t[0] as number,
    t[n - 1] as number,
    Math.floor(maxPoints / 2),
  );
  const outT = new Float64Array(kept.length);
  const outV = new Float64Array(kept.length);
  kept.forEach((index, k) => {
    outT[k] = t[index] as number;
    outV[k] = v[index] as number;
  });
  return { t: outT, v: outV };
}
