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
import { endianness } from 'node:os';
import type { SeriesData } from './series-data';
import { DAY_MS } from '../../shared/time';

export const HEADER_BYTES = 16;
export const RECORD_BYTES = 16;
export const FORMAT_VERSION = 1;
const MAGIC = 'PRMHST';

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

/** A series as a whole segment file. */
export function encodeSeries(data: SeriesData, kind: SegmentKind): Buffer {
  const pairs = new Float64Array(data.t.length * 2);
  for (let i = 0; i < data.t.length; i++) {
    pairs[2 * i] = data.t[i] as number;
    pairs[2 * i + 1] = data.v[i] as number;
  }
  return encodeRecords(pairs, kind);
}
