// Points of one series in memory: parallel typed arrays, and the few operations the store needs on them.

/** Points of one series, oldest first, times strictly increasing. */
export interface SeriesData {
  t: Float64Array;
  v: Float64Array;
}

export interface SeriesPoint {
  /** Milliseconds since the epoch, a whole non-negative number. */
  t: number;
  v: number;
}

export function emptyData(): SeriesData {
  return { t: new Float64Array(0), v: new Float64Array(0) };
}

export function toSeriesData(points: readonly SeriesPoint[]): SeriesData {
  const t = new Float64Array(points.length);
  const v = new Float64Array(points.length);
  points.forEach((p, i) => {
    t[i] = p.t;
    v[i] = p.v;
  });
  return { t, v };
}

/** Two sorted series as one; where both hold a time, `a` wins. */
export function mergeSorted(a: SeriesData, b: SeriesData): SeriesData {
  const t = new Float64Array(a.t.length + b.t.length);
  const v = new Float64Array(t.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.t.length || j < b.t.length) {
    const ta = i < a.t.length ? (a.t[i] as number) : Infinity;
    const tb = j < b.t.length ? (b.t[j] as number) : Infinity;
    if (ta <= tb) {
      t[n] = ta;
      v[n] = a.v[i] as number;
      i++;
      if (tb === ta) j++;
    } else {
      t[n] = tb;
      v[n] = b.v[j] as number;
      j++;
    }
    n++;
  }
  return { t: t.slice(0, n), v: v.slice(0, n) };
}

/** The points whose bucket (floor of t / bucketMs) is not in `held`. */
export function withoutBuckets(
  data: SeriesData,
  held: ReadonlySet<number>,
  bucketMs: number,
): SeriesData {
  if (held.size === 0) return data;
  const keep: number[] = [];
  for (let i = 0; i < data.t.length; i++) {
    if (!held.has(Math.floor((data.t[i] as number) / bucketMs))) keep.push(i);
  }
  return {
    t: Float64Array.from(keep, (i) => data.t[i] as number),
    v: Float64Array.from(keep, (i) => data.v[i] as number),
  };
}
