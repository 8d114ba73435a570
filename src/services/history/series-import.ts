// Merging older history fetched from an exchange into a series without touching what is stored:
// points are taken only outside the span of every raw segment and before any buffered append, and
// written as new segments in the gaps, or straight into the hourly file of a month already thinned.
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { encodeSeries, periodEnd, rawName, utcMonthStart } from './segment-file';
import type { SeriesPoint } from './series-data';
import { toSeriesData } from './series-data';
import type { SegmentRef } from './series-open';
import { sortSegments } from './series-open';
import type { CompactionClock } from './series-compaction';
import { compactionWindow, compactSeries, isCompactable } from './series-compaction';
import type { SeriesState } from './series-state';
import { lastTimeOf, readRecords } from './series-state';

/** Merges `points` into the series; returns how many were taken. */
export async function importPoints(
  state: SeriesState,
  points: readonly SeriesPoint[],
  clock: CompactionClock,
): Promise<number> {
  // Buffered appends own the time from their first point on; a newest segment whose last write
  // failed must stay newest, so its tail is cut back before anything is added after it.
  const newest = state.segments.at(-1);
  const firstPending = state.pending.length > 0 ? (state.pending[0] as number) : Infinity;
  const limit = Math.min(
    newest?.kind === 'raw' && state.appendDirty ? newest.start : Infinity,
    firstPending,
  );
  const sorted = points
    .filter((p) => Number.isSafeInteger(p.t) && p.t >= 0 && Number.isFinite(p.v) && p.t < limit)
    .sort((a, b) => a.t - b.t)
    .filter((p, i, all) => i === 0 || p.t !== all[i - 1]?.t);
  const raws = state.segments.filter((s) => s.kind === 'raw');
  for (const raw of raws) raw.end ??= await lastTimeOf(state, raw);
  const fresh = outsideSpans(sorted, raws);
  if (fresh.length === 0) return 0;

  // Days that compaction would thin anyway go straight to their month's hourly file; the rest
  // become raw segments.
  const hourlyByMonth = new Map<number, SegmentRef>();
  for (const s of state.segments) if (s.kind === 'hourly') hourlyByMonth.set(s.start, s);
  const window = compactionWindow(state, clock);
  const thin: SeriesPoint[] = [];
  const keep: SeriesPoint[] = [];
  for (const p of fresh) {
    const covered = (hourlyByMonth.get(utcMonthStart(p.t))?.coveredUntil ?? -Infinity) > p.t;
    if (covered || (window !== null && isCompactable(p.t, window))) thin.push(p);
    else keep.push(p);
  }
  let taken = await writeRawRuns(state, keep, raws);
  taken += (await compactSeries(state, clock, thin)).taken;

  // Only a series with nothing newer than the import can have its last point moved by it.
  const newestNow = state.segments.at(-1);
  if (
    taken > 0 &&
    state.pending.length === 0 &&
    newestNow &&
    (newestNow.end ?? Infinity) > state.lastT
  ) {
    const records = await readRecords(state, newestNow);
    if (records.length > 0) {
      state.lastT = records[records.length - 2] as number;
      state.lastV = records[records.length - 1] as number;
    }
  }
  return taken;
}

/**
 * Writes points (sorted, outside every raw segment's span) as new raw segments: one per run that
 * stays within one period and does not straddle an existing segment.
 */
async function writeRawRuns(
  state: SeriesState,
  points: readonly SeriesPoint[],
  raws: readonly SegmentRef[],
): Promise<number> {
  if (points.length === 0) return 0;
  const runs: SeriesPoint[][] = [];
  let run: SeriesPoint[] = [];
  let r = 0;
  for (const p of points) {
    while (r < raws.length && (raws[r] as SegmentRef).start < p.t) r++;
    const previous = run.at(-1);
    // raws[r - 1] is the last segment starting before p: if it also starts after the run's last
    // point, it sits between them.
    const straddles =
      previous !== undefined && r > 0 && (raws[r - 1] as SegmentRef).start > previous.t;
    if (previous && (periodEnd(state.period, previous.t) <= p.t || straddles)) {
      runs.push(run);
      run = [];
    }
    run.push(p);
  }
  runs.push(run);

  await mkdir(state.dir, { recursive: true });
  const newestBefore = state.segments.at(-1);
  let taken = 0;
  for (const points of runs) {
    const first = points[0] as SeriesPoint;
    const bytes = encodeSeries(toSeriesData(points), 'raw');
    const name = rawName(first.t);
    await writeFileAtomic(join(state.dir, name), bytes);
    const end = (points.at(-1) as SeriesPoint).t;
    state.segments.push({ name, kind: 'raw', start: first.t, coveredUntil: 0, end });
    taken += points.length;
  }
  state.segments = sortSegments(state.segments);
  const newest = state.segments.at(-1);
  if (newest !== newestBefore && newest?.kind === 'raw') {
    const { size } = await stat(join(state.dir, newest.name));
    state.appendBytes = size;
    state.appendDirty = false;
  }
  return taken;
}

/** The sorted points that fall outside every segment's span from its first to its last point. */
function outsideSpans(points: readonly SeriesPoint[], raws: readonly SegmentRef[]): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  let r = 0;
  for (const p of points) {
    while (r < raws.length && ((raws[r] as SegmentRef).end ?? Infinity) < p.t) r++;
    const span = raws[r];
    if (span && span.start <= p.t) continue;
    out.push(p);
  }
  return out;
}
