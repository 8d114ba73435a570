// Thinning a time series for a chart: the lowest and highest point of each equal slice of time, so
// spikes survive that a mean or a last-per-slice would flatten. Shared by the history store's reads
// and the charts, which thin again for the window and width they draw.

/**
 * The indices (ascending) of the points of `t[lo..hi)` to keep: the span [from, to] is cut into
 * `buckets` equal slices and each non-empty slice keeps its lowest and highest point in time order
 * (one when they are the same point). `t` is ascending; points outside [from, to] are clamped into
 * the first or last slice, so callers pass the index range they mean to draw.
 */
export function minMaxBucketIndices(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  lo: number,
  hi: number,
  from: number,
  to: number,
  buckets: number,
): number[] {
  if (!(Number.isInteger(buckets) && buckets >= 1)) {
    throw new RangeError(`buckets is a whole number of at least 1 (got ${buckets})`);
  }
  const span = to - from;
  const slice = (time: number): number =>
    span > 0 ? Math.max(0, Math.min(buckets - 1, Math.floor(((time - from) / span) * buckets))) : 0;
  const kept: number[] = [];
  let i = lo;
  while (i < hi) {
    const bucket = slice(t[i] as number);
    let low = i;
    let high = i;
    let j = i + 1;
    while (j < hi && slice(t[j] as number) === bucket) {
      if ((v[j] as number) < (v[low] as number)) low = j;
      if ((v[j] as number) > (v[high] as number)) high = j;
      j++;
    }
    const a = Math.min(low, high);
    const b = Math.max(low, high);
    kept.push(a);
    if (b !== a) kept.push(b);
    i = j;
  }
  return kept;
}

/** The first index of ascending `t` whose time is at least `time` (`t.length` when none is). */
export function firstIndexAtOrAfter(t: ArrayLike<number>, time: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
