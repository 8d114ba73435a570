// Thinning a series' old days to hourly points: every whole UTC day older than the full-resolution
// window, except the day appends go to and except funding settlements, is folded month by month
// into that month's hourly file.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DAY_MS, HOUR_MS } from '../../shared/time';
import { writeFileAtomic } from '../atomic-write';
import { aggregateBuckets } from './downsample';
import { encodeSeries, hourlyName, utcDayStart, utcMonthStart } from './segment-file';
import type { SeriesPoint } from './series-data';
import { emptyData, mergeSorted, toSeriesData, withoutBuckets } from './series-data';
import { FIELD_KIND } from './series-keys';
import type { SegmentRef } from './series-open';
import { sortSegments } from './series-open';
import type { SeriesState } from './series-state';
import { BUCKET_RULE, loadPoints } from './series-state';

export interface CompactionReport {
  /** Raw day segments folded into hourly files. */
  segments: number;
  /** Hourly files written. */
  months: number;
}

/** What decides which days are old enough to thin. */
export interface CompactionClock {
  now: () => number;
  /** How long a day stays at full resolution (ms). */
  fullResolutionMs: number;
}

export interface CompactionWindow {
  /** Days ending at or before this time are old enough to thin. */
  cutoff: number;
  /** The day of the segment appends go to, never thinned. */
  appendDay: number;
}

/** What compaction may thin now, or null for a series it never thins. */
export function compactionWindow(
  state: SeriesState,
  clock: CompactionClock,
): CompactionWindow | null {
  if (FIELD_KIND[state.key.field] === 'settlement') return null;
  const newest = state.segments.at(-1);
  return {
    cutoff: clock.now() - clock.fullResolutionMs,
    appendDay: newest?.kind === 'raw' ? utcDayStart(newest.start) : Infinity,
  };
}

export function isCompactable(t: number, window: CompactionWindow): boolean {
  const day = utcDayStart(t);
  return day + DAY_MS <= window.cutoff && day < window.appendDay;
}

/**
 * Folds every compactable raw segment, and `extra` points headed for hourly files, into their
 * months' hourly files. Each month's file is written whole under a name carrying its new coverage
 * and renamed into place; only then are its inputs removed.
 */
export async function compactSeries(
  state: SeriesState,
  clock: CompactionClock,
  extra: readonly SeriesPoint[] = [],
): Promise<CompactionReport & { taken: number }> {
  const report = { segments: 0, months: 0, taken: 0 };
  const window = compactionWindow(state, clock);
  if (window === null) return report;
  const rule = BUCKET_RULE[FIELD_KIND[state.key.field]];
  const months = new Map<number, { raws: SegmentRef[]; extra: SeriesPoint[] }>();
  const monthOf = (t: number) => {
    const month = utcMonthStart(t);
    let entry = months.get(month);
    if (!entry) months.set(month, (entry = { raws: [], extra: [] }));
    return entry;
  };
  for (const s of state.segments) {
    if (s.kind === 'raw' && isCompactable(s.start, window)) monthOf(s.start).raws.push(s);
  }
  for (const p of extra) monthOf(p.t).extra.push(p);

  for (const [month, inputs] of months) {
    const existing = state.segments.find((s) => s.kind === 'hourly' && s.start === month);
    const held = existing ? await loadPoints(state, [existing]) : emptyData();
    const heldHours = new Set<number>();
    for (const t of held.t) heldHours.add(Math.floor(t / HOUR_MS));
    const extraFresh = inputs.extra.filter((p) => !heldHours.has(Math.floor(p.t / HOUR_MS)));
    if (inputs.raws.length === 0 && extraFresh.length === 0) continue;
    const rawPoints = await loadPoints(state, inputs.raws);
    const added = aggregateBuckets(mergeSorted(rawPoints, toSeriesData(extraFresh)), HOUR_MS, rule);
    const merged = mergeSorted(held, withoutBuckets(added, heldHours, HOUR_MS));
    // Coverage grows to the end of the newest day folded in; every raw segment of the month before
    // that day is compactable too (older and not the append day), so none is left behind it.
    let coveredUntil = existing?.coveredUntil ?? month;
    for (const s of inputs.raws)
      coveredUntil = Math.max(coveredUntil, utcDayStart(s.start) + DAY_MS);
    for (const p of extraFresh) coveredUntil = Math.max(coveredUntil, utcDayStart(p.t) + DAY_MS);
    const name = hourlyName(month, coveredUntil);
    await mkdir(state.dir, { recursive: true });
    await writeFileAtomic(join(state.dir, name), encodeSeries(merged, 'hourly'));
    // The new file is complete and in place: the inputs are clutter from here, and a crash before
    // they are gone is cleaned up on the next open.
    const replaced = new Set<SegmentRef>(inputs.raws);
    if (existing) replaced.add(existing);
    const end = merged.t.length > 0 ? merged.t[merged.t.length - 1] : undefined;
    state.segments = sortSegments([
      ...state.segments.filter((s) => !replaced.has(s)),
      { name, kind: 'hourly', start: month, coveredUntil, end },
    ]);
    state.hourlyUntil = Math.max(state.hourlyUntil, coveredUntil);
    const stale = [...replaced].map((s) => s.name).filter((n) => n !== name);
    await Promise.all(stale.map((n) => rm(join(state.dir, n), { force: true })));
    report.segments += inputs.raws.length;
    report.months += 1;
    report.taken += extraFresh.length;
  }
  return report;
}
