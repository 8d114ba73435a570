import { describe, expect, it } from 'vitest';
import {
  encodeRecords,
  hasHeader,
  HEADER_BYTES,
  hourlyName,
  parseSegmentName,
  periodEnd,
  rawName,
  RECORD_BYTES,
  recordsOf,
} from './segment-file';
import { DAY_MS } from '../../shared/time';

const T = Date.UTC(2026, 2, 14, 9);

describe('segment files', () => {
  it('writes 16-byte little-endian records behind a 16-byte header', () => {
    const bytes = encodeRecords([T, 0.5, T + 1000, -2], 'raw');
    expect(bytes.length).toBe(HEADER_BYTES + 2 * RECORD_BYTES);
    expect(hasHeader(bytes, 'raw')).toBe(true);
    expect(hasHeader(bytes, 'hourly')).toBe(false);
    expect(bytes.readDoubleLE(HEADER_BYTES)).toBe(T);
    expect(bytes.readDoubleLE(HEADER_BYTES + 8)).toBe(0.5);
    expect(bytes.readDoubleLE(HEADER_BYTES + 24)).toBe(-2);
    expect(encodeRecords([T, 1, T + 1, 2, T + 2, 3], null, 1, 3).length).toBe(2 * RECORD_BYTES);
  });

  it('reads records the same whether or not the bytes sit on an 8-byte boundary', () => {
    const bytes = encodeRecords([T, 1.25, T + 1, 2.5], 'raw');
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const misaligned = shifted.subarray(3);
    expect(Array.from(recordsOf(misaligned))).toEqual([T, 1.25, T + 1, 2.5]);
    expect(Array.from(recordsOf(bytes))).toEqual([T, 1.25, T + 1, 2.5]);
  });

  it('leaves a trailing partial record out', () => {
    const bytes = encodeRecords([T, 1, T + 1, 2], 'raw');
    expect(recordsOf(bytes.subarray(0, bytes.length - 5)).length).toBe(2);
  });

  it('names segments so that sorting the names sorts them in time', () => {
    expect(parseSegmentName(rawName(T))).toEqual({ kind: 'raw', start: T });
    expect(parseSegmentName(hourlyName(T, T + DAY_MS))).toEqual({
      kind: 'hourly',
      start: T,
      coveredUntil: T + DAY_MS,
    });
    expect(parseSegmentName('notes.txt')).toBeNull();
    expect(rawName(999) < rawName(T)).toBe(true);
  });

  it('ends a month period at the next calendar month', () => {
    expect(periodEnd('month', Date.UTC(2026, 1, 10))).toBe(Date.UTC(2026, 2, 1));
    expect(periodEnd('month', Date.UTC(2026, 11, 31, 23))).toBe(Date.UTC(2027, 0, 1));
    expect(periodEnd('day', T)).toBe(Date.UTC(2026, 2, 15));
  });
});
