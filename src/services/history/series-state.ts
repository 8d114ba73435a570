// What the history store holds in memory for one series (its segments, the newest point, appends not
// yet on disk) and the file work on a single series: loading it, reading its points back, and adding
// appends to the end of its newest raw segment.
import { appendFile, open, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { isMissing } from '../file-problems';
import type { BucketRule } from './downsample';
import type { SegmentPeriod } from './segment-file';
import {
  encodeRecords,
  hasHeader,
  HEADER_BYTES,
  periodEnd,
  periodStart,
  rawName,
  RECORD_BYTES,
  recordsOf,
} from './segment-file';
import type { SeriesData } from './series-data';
import type { FieldKind, SeriesKey } from './series-keys';
import { encodeSubject, FIELD_KIND } from './series-keys';
import type { SegmentRef, SeriesRepairs } from './series-open';
import { openSeriesFolder } from './series-open';

export interface SeriesState {
  key: SeriesKey;
  dir: string;
  /** What one raw segment holds: a day, or a month for funding settlements. */
  period: SegmentPeriod;
  /** Oldest first; an hourly file comes before the raw segments of its month. */
  segments: SegmentRef[];
  /** Size of the newest raw segment as last written in full. */
  appendBytes: number;
  /** A write to the newest raw segment failed midway: cut it back to `appendBytes` before the next. */
  appendDirty: boolean;
  /** The newest point, buffered ones included; -Infinity while the series is empty. */
  lastT: number;
  lastV: number;
  /** Appends not yet on disk, interleaved t, v. */
  pending: number[];
  /** Appends before this time would land in a month already thinned to hourly points. */
  hourlyUntil: number;
}

/** How a field's points are folded into one per bucket: the last price, the mean of a rate. */
export const BUCKET_RULE: Record<FieldKind, BucketRule> = {
  price: 'last',
  rate: 'mean',
  settlement: 'mean',
};

/** The state of a series with nothing loaded yet, its folder under `root`. */
export function emptySeriesState(root: string, key: SeriesKey): SeriesState {
  return {
    key,
    dir: join(root, encodeSubject(key.subject), key.field),
    period: FIELD_KIND[key.field] === 'settlement' ? 'month' : 'day',
    segments: [],
    appendBytes: 0,
    appendDirty: false,
    lastT: -Infinity,
    lastV: NaN,
    pending: [],
    hourlyUntil: -Infinity,
  };
}

/** Opens the series' folder (repairing what it finds) into `state`; returns what was repaired. */
export async function loadSeriesState(state: SeriesState): Promise<SeriesRepairs> {
  const opened = await openSeriesFolder(state.dir, state.period);
  state.segments = opened.segments;
  state.hourlyUntil = opened.hourlyUntil;
  state.appendBytes = opened.appendBytes;
  state.appendDirty = false;
  if (opened.last) {
    state.lastT = opened.last.t;
    state.lastV = opened.last.v;
  }
  return opened.repairs;
}

/** The first time after everything the segment can hold. */
export function segmentLimit(state: SeriesState, s: SegmentRef): number {
  return s.kind === 'raw' ? periodEnd(state.period, s.start) : s.coveredUntil;
}

/** Appends pairs `from`..`to` (one period's worth) to the newest raw segment or a new one. */
export async function appendToSegment(
  state: SeriesState,
  pairs: number[],
  from: number,
  to: number,
): Promise<void> {
  const first = pairs[2 * from] as number;
  let target = state.segments.at(-1);
  if (
    !target ||
    target.kind !== 'raw' ||
    periodStart(state.period, target.start) !== periodStart(state.period, first)
  ) {
    target = { name: rawName(first), kind: 'raw', start: first, coveredUntil: 0, end: undefined };
    state.segments.push(target);
    state.appendBytes = 0;
    state.appendDirty = false;
  }
  const path = join(state.dir, target.name);
  if (state.appendDirty) {
    await truncate(path, state.appendBytes).catch((error: unknown) => {
      if (!(state.appendBytes === 0 && isMissing(error))) throw error;
    });
    state.appendDirty = false;
  }
  const bytes = encodeRecords(pairs, state.appendBytes === 0 ? 'raw' : null, from, to);
  state.appendDirty = true;
  await appendFile(path, bytes);
  state.appendDirty = false;
  state.appendBytes += bytes.length;
  target.end = pairs[2 * to - 2] as number;
}

/** A segment's records as interleaved t, v; none for a missing file or a foreign header. */
export async function readRecords(state: SeriesState, segment: SegmentRef): Promise<Float64Array> {
  const bytes = await readFile(join(state.dir, segment.name)).catch((error: unknown) => {
    if (isMissing(error)) return Buffer.alloc(0);
    throw error;
  });
  return hasHeader(bytes, segment.kind) ? recordsOf(bytes) : new Float64Array(0);
}

/**
 * Reads segments into one series, keeping only points inside [from, to] that come strictly after
 * the previous one, so an overlap left by an interrupted write can never show twice.
 */
export async function loadPoints(
  state: SeriesState,
  segments: readonly SegmentRef[],
  from = -Infinity,
  to = Infinity,
  withPending = false,
): Promise<SeriesData> {
  const files = await Promise.all(segments.map((s) => readRecords(state, s)));
  const sources: ArrayLike<number>[] = withPending ? [...files, state.pending] : files;
  let capacity = 0;
  for (const source of sources) capacity += source.length / 2;
  const t = new Float64Array(capacity);
  const v = new Float64Array(capacity);
  let n = 0;
  let previous = -Infinity;
  for (const source of sources) {
    const length = source.length;
    for (let i = 0; i < length; i += 2) {
      const time = source[i] as number;
      if (time > previous && time >= from && time <= to) {
        t[n] = time;
        v[n] = source[i + 1] as number;
        previous = time;
        n++;
      }
    }
  }
  return n === capacity ? { t, v } : { t: t.slice(0, n), v: v.slice(0, n) };
}

/** The time of a segment's last whole record, read from its end alone. */
export async function lastTimeOf(state: SeriesState, segment: SegmentRef): Promise<number> {
  const handle = await open(join(state.dir, segment.name), 'r');
  try {
    const { size } = await handle.stat();
    const records = Math.floor((size - HEADER_BYTES) / RECORD_BYTES);
    if (records <= 0) return segment.start;
    const tail = Buffer.alloc(RECORD_BYTES);
    await handle.read(tail, 0, RECORD_BYTES, HEADER_BYTES + (records - 1) * RECORD_BYTES);
    return tail.readDoubleLE(0);
  } finally {
    await handle.close();
  }
}
