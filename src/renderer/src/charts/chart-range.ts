// The time windows a user picks for the history charts of a view, and the part of a series each
// chart draws for the window: every point inside it, thinned to about two per pixel column.
import type { LineData, UTCTimestamp } from 'lightweight-charts';
import { firstIndexAtOrAfter, minMaxBucketIndices } from '../../../core';
import { DAY_MS } from '../../../shared/time';

export const CHART_RANGES = ['1W', '1M', '3M', '1Y', 'All'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

/** The button's text, and its name in words for screen readers. */
export const CHART_RANGE_LABELS: Readonly<Record<ChartRange, { short: string; name: string }>> = {
  '1W': { short: '1 W', name: 'Last week' },
  '1M': { short: '1 M', name: 'Last month' },
  '3M': { short: '3 M', name: 'Last 3 months' },
  '1Y': { short: '1 Y', name: 'Last year' },
  All: { short: 'All', name: 'All history' },
};

const RANGE_DAYS: Readonly<Record<Exclude<ChartRange, 'All'>, number>> = {
  '1W': 7,
  '1M': 30,
  '3M': 91,
  '1Y': 365,
};

/** A window of time in ms, both ends included. */
export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * The window a range button stands for: the range's length back from `now` (so every chart of the
 * view shows the same days), or everything from the earliest point any chart holds. Null when there
 * is nothing to show yet.
 */
export function rangeWindow(
  range: ChartRange,
  now: number,
  earliest: number | null,
): TimeWindow | null {
  if (!Number.isFinite(now)) return null;
  if (range === 'All') {
    if (earliest === null || !Number.isFinite(earliest)) return null;
    return { from: Math.min(earliest, now), to: now };
  }
  return { from: now - RANGE_DAYS[range] * DAY_MS, to: now };
}

/** Line data as parallel typed arrays (times in chart seconds), made once per loaded series. */
export interface SeriesArrays {
  t: Float64Array;
  v: Float64Array;
}

export function arraysOf(data: readonly LineData<UTCTimestamp>[]): SeriesArrays {
  const t = new Float64Array(data.length);
  const v = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    t[i] = data[i]!.time;
    v[i] = data[i]!.value;
  }
  return { t, v };
}

/**
 * What a chart draws of `data` for the window at `width` pixels: inside the window, the lowest and
 * highest point of every pixel column (spikes survive); outside it, the same at a coarse grain, so
 * the chart can still be dragged past the window's edges. 200 000 points become a few thousand.
 */
export function drawnPoints(
  data: readonly LineData<UTCTimestamp>[],
  arrays: SeriesArrays,
  window: TimeWindow,
  width: number,
): LineData<UTCTimestamp>[] {
  const n = data.length;
  if (n === 0) return [];
  const columns = Math.max(1, Math.round(Number.isFinite(width) ? width : 0));
  const from = window.from / 1000;
  const to = window.to / 1000;
  const { t: times, v: values } = arrays;
  const start = firstIndexAtOrAfter(times, from);
  const end = firstIndexAtOrAfter(times, to + 1);
  const first = times[0] as number;
  const last = times[n - 1] as number;
  const coarse = Math.max(1, Math.floor(columns / 4));
  const indices = [
    ...minMaxBucketIndices(times, values, 0, start, first, from, coarse),
    ...minMaxBucketIndices(times, values, start, end, from, to, columns),
    ...minMaxBucketIndices(times, values, end, n, to, last, coarse),
  ];
  return indices.map((i) => data[i]!);
}

/** The drawn points inside the window (chart seconds), for a caption about what is on screen. */
export function pointsWithin<T extends { time: number }>(
  points: readonly T[],
  window: TimeWindow,
): T[] {
  const from = window.from / 1000;
  const to = window.to / 1000;
  return points.filter((p) => p.time >= from && p.time <= to);
}
