// Opening one series folder: listing its segments, clearing what an interrupted write or compaction
// left, and checking every segment record by record (segment-scan.ts), so damage anywhere costs only
// the damaged records. A repaired file is first copied aside (`<name>.damaged`), a file of another
// format is moved aside (`<name>.bad`), and a folder standing where a segment belongs is left as it is
// and skipped: what was done is returned for the store to tell the user.
import type { Dirent } from 'node:fs';
import { copyFile, open, readdir, readFile, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { isMissing } from '../file-problems';
import type { SegmentKind, SegmentPeriod } from './segment-file';
import {
  encodeRecords,
  hasHeader,
  HEADER_BYTES,
  isTempName,
  parseSegmentName,
  periodEnd,
  RECORD_BYTES,
  utcMonthStart,
} from './segment-file';
import { writeFileAtomic } from '../atomic-write';
import { scanSegment } from './segment-scan';

export interface SegmentRef {
  name: string;
  kind: SegmentKind;
  /** Raw: the first point's time. Hourly: the start of its UTC month. */
  start: number;
  /** Hourly: every raw point of the month before this time is in the file. */
  coveredUntil: number;
  /** The last point's time, where known. */
  end: number | undefined;
}

/** What opening a series found wrong and did about it. */
export interface SeriesRepairs {
  /** Damaged records dropped. */
  droppedRecords: number;
  /** Bytes dropped that were not whole records (garbage that shifted the records after it). */
  strayBytes: number;
  /** Start times of the segments that lost records, oldest first. */
  damagedSegments: number[];
  /** Copies of damaged files as they were before the repair. */
  copies: string[];
  /** Files of another format, moved aside. */
  foreign: string[];
  /** Folders standing where a segment file belongs, skipped. */
  folders: string[];
}

export interface OpenedSeries {
  /** Oldest first; an hourly file comes before the raw segments of its month. */
  segments: SegmentRef[];
  /** Appends before this time would land in a month already thinned to hourly points. */
  hourlyUntil: number;
  last: { t: number; v: number } | null;
  /** Size of the newest segment when it is raw (appends go on there), else 0. */
  appendBytes: number;
  repairs: SeriesRepairs;
}

export function emptyRepairs(): SeriesRepairs {
  return {
    droppedRecords: 0,
    strayBytes: 0,
    damagedSegments: [],
    copies: [],
    foreign: [],
    folders: [],
  };
}

export function hasRepairs(r: SeriesRepairs): boolean {
  return r.droppedRecords > 0 || r.strayBytes > 0 || r.foreign.length > 0 || r.folders.length > 0;
}

/** A free name `<path>.<suffix>`, `<path>.<suffix>-2`, … so an earlier copy is never overwritten. */
async function freeName(path: string, suffix: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${path}.${suffix}` : `${path}.${suffix}-${n}`;
    try {
      await stat(candidate);
    } catch (error) {
      if (isMissing(error)) return candidate;
      throw error;
    }
  }
}

export async function openSeriesFolder(dir: string, period: SegmentPeriod): Promise<OpenedSeries> {
  const entries: Dirent[] = await readdir(dir, { withFileTypes: true });
  const repairs = emptyRepairs();
  const raws: SegmentRef[] = [];
  const hourlyByMonth = new Map<number, SegmentRef>();
  const doomed: string[] = [];
  for (const entry of entries) {
    const { name } = entry;
    const parsed = parseSegmentName(name);
    if (entry.isDirectory()) {
      // Never removed, whatever its name: it is not something the store wrote.
      if (parsed) repairs.folders.push(join(dir, name));
      continue;
    }
    if (isTempName(name)) {
      doomed.push(name);
      continue;
    }
    if (!parsed) continue;
    if (parsed.kind === 'raw') {
      raws.push({ name, kind: 'raw', start: parsed.start, coveredUntil: 0, end: undefined });
      continue;
    }
    const ref: SegmentRef = { name, ...parsed, end: undefined };
    // Two files for one month: a compaction stopped between writing the new one and removing the
    // old. The one covering more holds everything the other does.
    const other = hourlyByMonth.get(ref.start);
    if (other && other.coveredUntil >= ref.coveredUntil) doomed.push(ref.name);
    else {
      if (other) doomed.push(other.name);
      hourlyByMonth.set(ref.start, ref);
    }
  }
  // Raw points before a month's coverage are already in its hourly file: inputs of a compaction
  // that stopped before removing them. Only an hourly file that is this format's vouches for that.
  const vouching = new Set<number>();
  for (const [month, hourly] of hourlyByMonth) {
    if (await startsWithHeader(join(dir, hourly.name), 'hourly')) vouching.add(month);
  }
  const live = raws.filter((r) => {
    const month = utcMonthStart(r.start);
    const hourly = hourlyByMonth.get(month);
    if (hourly && vouching.has(month) && r.start < hourly.coveredUntil) {
      doomed.push(r.name);
      return false;
    }
    return true;
  });
  await Promise.all(doomed.map((name) => rm(join(dir, name), { force: true })));

  let hourlyUntil = -Infinity;
  for (const h of hourlyByMonth.values()) hourlyUntil = Math.max(hourlyUntil, h.coveredUntil);
  const ordered = sortSegments([...hourlyByMonth.values(), ...live]);
  const segments: SegmentRef[] = [];
  let last: { t: number; v: number } | null = null;
  let appendBytes = 0;
  for (const segment of ordered) {
    const path = join(dir, segment.name);
    const hi = segment.kind === 'raw' ? periodEnd(period, segment.start) : segment.coveredUntil;
    const lo = Math.max(segment.start, last ? last.t + 1 : -Infinity);
    const checked = await checkSegment(path, segment.kind, lo, hi, repairs, segment.start);
    if (!checked) continue;
    const count = checked.kept.length / 2;
    segment.end = checked.kept[2 * count - 2] as number;
    last = { t: segment.end, v: checked.kept[2 * count - 1] as number };
    appendBytes = segment.kind === 'raw' ? HEADER_BYTES + count * RECORD_BYTES : 0;
    segments.push(segment);
  }
  return { segments, hourlyUntil, last, appendBytes, repairs };
}

/**
 * Checks one segment and repairs it in place; null when nothing of it is left to use (removed,
 * moved aside, or empty).
 */
async function checkSegment(
  path: string,
  kind: SegmentKind,
  lo: number,
  hi: number,
  repairs: SeriesRepairs,
  start: number,
): Promise<{ kept: Float64Array } | null> {
  const bytes = await readFile(path);
  if (bytes.length < HEADER_BYTES) {
    // A crash between creating the file and writing its header: there is nothing in it.
    await rm(path, { force: true });
    return null;
  }
  if (!hasHeader(bytes, kind)) {
    const aside = await freeName(path, 'bad');
    await rename(path, aside);
    repairs.foreign.push(aside);
    return null;
  }
  const scan = scanSegment(bytes, lo, hi);
  const count = scan.kept.length / 2;
  if (scan.dropped > 0 || scan.strayBytes > 0) {
    const copy = await freeName(path, 'damaged');
    await copyFile(path, copy);
    repairs.copies.push(copy);
    repairs.droppedRecords += scan.dropped;
    repairs.strayBytes += scan.strayBytes;
    repairs.damagedSegments.push(start);
    if (count === 0) await rm(path, { force: true });
    else if (scan.keptIsPrefix) await truncate(path, HEADER_BYTES + count * RECORD_BYTES);
    else await writeFileAtomic(path, encodeRecords(scan.kept, kind));
  } else if (scan.crashTailBytes > 0) {
    // Appended bytes the store never finished writing: cut without a word.
    if (count === 0) await rm(path, { force: true });
    else await truncate(path, HEADER_BYTES + count * RECORD_BYTES);
  }
  return count === 0 ? null : { kept: scan.kept };
}

async function startsWithHeader(path: string, kind: SegmentKind): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    return bytesRead === HEADER_BYTES && hasHeader(header, kind);
  } finally {
    await handle.close();
  }
}

export function sortSegments(segments: SegmentRef[]): SegmentRef[] {
  return segments.sort(
    (a, b) => a.start - b.start || (a.kind === b.kind ? 0 : a.kind === 'hourly' ? -1 : 1),
  );
}
