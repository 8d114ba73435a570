// The on-disk format of one series: segment files of fixed-width little-endian records behind a
// 16-byte header, named by the time they start so a folder listing alone orders and ranges them.
//
//   <first t>.raw       points at full resolution within one UTC day (one UTC month for funding
//                       settlements); appends go to the newest
//   <month start>-<covered until>.hourly
//                       one UTC month thinned to hourly points; every raw point of the month before
//                       `covered until` is in it, so a raw file starting earlier is a leftover
//   *.tmp               a file being written, renamed into place when complete
//
// Header: "PRMHST" (6 bytes), format version (u16), kind (u8: 0 raw, 1 hourly), 7 zero bytes.
// Record: t (float64, ms since the epoch), v (float64). Both are 8-byte aligned in the file, so a whole
// file read into memory is viewed as one Float64Array without copying.
import { open, rename, rm } from 'node:fs/promises';
import { endianness } from 'node:os';
import type { SeriesData } from './series-data';

export const HEADER_BYTES = 16;
export const RECORD_BYTES = 16;
export const FORMAT_VERSION = 1;
const MAGIC = 'PRMHST';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type SegmentKind = 'raw' | 'hourly';
const KIND_CODE: Record<SegmentKind, number> = { raw: 0, hourly: 1 };

export type SegmentName =
  { kind: 'raw'; start: number } | { kind: 'hourly'; start: number; coveredUntil: number };

const TIME_DIGITS = 16;
const pad = (t: number): string => String(t).padStart(TIME_DIGITS, '0');

export function rawName(firstT: number): string {
  return `${pad(firstT)}.raw`;
}

export function hourlyName(monthStart: number, coveredUntil: number): string {
  return `${pad(monthStart)}-${pad(coveredUntil)}.hourly`;
}

export function segmentName(name: SegmentName): string {
  return name.kind === 'raw' ? rawName(name.start) : hourlyName(name.start, name.coveredUntil);
}

const RAW_NAME = /^(\d{16})\.raw$/;
const HOURLY_NAME = /^(\d{16})-(\d{16})\.hourly$/;

/** What a file name says about the segment, or null for a file that is not a segment. */
export function parseSegmentName(name: string): SegmentName | null {
  const raw = RAW_NAME.exec(name);
  if (raw) return { kind: 'raw', start: Number(raw[1]) };
  const hourly = HOURLY_NAME.exec(name);
  if (hourly) return { kind: 'hourly', start: Number(hourly[1]), coveredUntil: Number(hourly[2]) };
  return null;
}

export function isTempName(name: string): boolean {
  return name.endsWith('.tmp');
}

export function utcDayStart(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

export function utcMonthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/**
 * The span one raw segment may hold: a UTC day for series sampled every refresh cycle, a UTC month
 * for funding settlements (three a day would otherwise make a file per handful of points).
 */
export type SegmentPeriod = 'day' | 'month';

export function periodStart(period: SegmentPeriod, t: number): number {
  return period === 'day' ? utcDayStart(t) : utcMonthStart(t);
}

/** The start of the period after the one holding `t`. */
export function periodEnd(period: SegmentPeriod, t: number): number {
  if (period === 'day') return utcDayStart(t) + DAY_MS;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export function encodeHeader(kind: SegmentKind): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt16LE(FORMAT_VERSION, 6);
  header.writeUInt8(KIND_CODE[kind], 8);
  return header;
}

/** Whether `bytes` starts with a header of this format and kind. */
export function hasHeader(bytes: Uint8Array, kind: SegmentKind): boolean {
  if (bytes.length < HEADER_BYTES) return false;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  return (
    buf.toString('latin1', 0, MAGIC.length) === MAGIC &&
    buf.readUInt16LE(6) === FORMAT_VERSION &&
    buf.readUInt8(8) === KIND_CODE[kind]
  );
}

const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * Records as bytes, optionally behind a header. `pairs` interleaves t and v: t0, v0, t1, v1, …;
 * `from` and `to` count pairs.
 */
export function encodeRecords(
  pairs: ArrayLike<number>,
  header: SegmentKind | null = null,
  from = 0,
  to = pairs.length / 2,
): Buffer {
  const headWords = header ? HEADER_BYTES / 8 : 0;
  const values = (to - from) * 2;
  const words = new Float64Array(headWords + values);
  const base = from * 2;
  if (LITTLE_ENDIAN) {
    for (let i = 0; i < values; i++) words[headWords + i] = pairs[base + i] as number;
  } else {
    const view = new DataView(words.buffer);
    for (let i = 0; i < values; i++)
      view.setFloat64((headWords + i) * 8, pairs[base + i] as number, true);
  }
  const bytes = Buffer.from(words.buffer);
  if (header) encodeHeader(header).copy(bytes, 0);
  return bytes;
}

/**
 * The whole records of a segment's bytes (header included) as interleaved t, v pairs. A trailing
 * partial record is left out. The result views `bytes` directly where alignment and byte order
 * allow, and is a copy otherwise.
 */
export function recordsOf(bytes: Uint8Array): Float64Array {
  const count = Math.max(0, Math.floor((bytes.length - HEADER_BYTES) / RECORD_BYTES));
  const start = bytes.byteOffset + HEADER_BYTES;
  if (count === 0) return new Float64Array(0);
  if (LITTLE_ENDIAN && start % 8 === 0) return new Float64Array(bytes.buffer, start, count * 2);
  const view = new DataView(bytes.buffer, start, count * RECORD_BYTES);
  const out = new Float64Array(count * 2);
  for (let i = 0; i < count * 2; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/**
 * How many leading records of a raw segment are sound: finite, strictly increasing in time, before
 * `end` (the end of the segment's period), and the first at `namedStart`, the time the file is named
 * for. What follows the first unsound record is what a crash left half-written (or zero-filled).
 */
export function soundPrefix(records: Float64Array, namedStart: number, end: number): number {
  const count = records.length / 2;
  let previous = -Infinity;
  for (let i = 0; i < count; i++) {
    const t = records[2 * i] as number;
    const v = records[2 * i + 1] as number;
    const sound =
      Number.isFinite(t) &&
      Number.isFinite(v) &&
      t > previous &&
      t < end &&
      (i > 0 || t === namedStart);
    if (!sound) return i;
    previous = t;
  }
  return count;
}

/** Writes `data` beside `path`, flushes it to disk and renames it into place, so readers see all or nothing. */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A series as a whole segment file. */
export function encodeSeries(data: SeriesData, kind: SegmentKind): Buffer {
  const pairs = new Float64Array(data.t.length * 2);
  for (let i = 0; i < data.t.length; i++) {
    pairs[2 * i] = data.t[i] as number;
    pairs[2 * i + 1] = data.v[i] as number;
  }
  return encodeRecords(pairs, kind);
}

// Records checked at the end of the newest segment on open: 8 KB, beyond the page or two of
// zero-fill a crash can leave, so a whole segment is read only when the damage is deeper.
const NEWEST_RAW_TAIL_RECORDS = 512;

export interface SoundLength {
  fileBytes: number;
  /** Whole sound records from the start; the file is cut back to these. */
  records: number;
  lastT: number;
  lastV: number;
}

/**
 * How many records of a raw segment survive the crash checks, reading only its tail unless the
 * damage reaches further back; null when the file's header is not this format's.
 */
export async function soundLength(
  path: string,
  namedStart: number,
  end: number,
): Promise<SoundLength | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size < HEADER_BYTES) return { fileBytes: size, records: 0, lastT: NaN, lastV: NaN };
    const header = Buffer.alloc(HEADER_BYTES);
    await handle.read(header, 0, HEADER_BYTES, 0);
    if (!hasHeader(header, 'raw')) return null;
    const whole = Math.floor((size - HEADER_BYTES) / RECORD_BYTES);
    const window = Math.min(whole, NEWEST_RAW_TAIL_RECORDS);
    const skipped = whole - window;
    let records: Float64Array;
    let good: number;
    if (skipped > 0) {
      const tail = Buffer.alloc(HEADER_BYTES + window * RECORD_BYTES);
      await handle.read(
        tail,
        HEADER_BYTES,
        window * RECORD_BYTES,
        HEADER_BYTES + skipped * RECORD_BYTES,
      );
      records = recordsOf(tail);
      // The window's first record stands in for the segment's start; if even it is unsound the
      // damage is deeper than a torn tail and the whole file is checked.
      good = soundPrefix(records, records[0] as number, end);
      if (good > 0 && (records[0] as number) >= namedStart) {
        return {
          fileBytes: size,
          records: skipped + good,
          lastT: records[2 * good - 2] as number,
          lastV: records[2 * good - 1] as number,
        };
      }
    }
    const all = Buffer.alloc(HEADER_BYTES + whole * RECORD_BYTES);
    await handle.read(all, 0, all.length, 0);
    records = recordsOf(all);
    good = soundPrefix(records, namedStart, end);
    return {
      fileBytes: size,
      records: good,
      lastT: good > 0 ? (records[2 * good - 2] as number) : NaN,
      lastV: good > 0 ? (records[2 * good - 1] as number) : NaN,
    };
  } finally {
    await handle.close();
  }
}
