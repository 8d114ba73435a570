import { describe, expect, it } from 'vitest';
import { encodeRecords, HEADER_BYTES, RECORD_BYTES } from './segment-file';
import { scanSegment } from './segment-scan';

const T = Date.UTC(2026, 2, 14);
const HI = T + 86_400_000;

/** A raw segment of `count` points a second apart, valued 0, 1, 2, … */
function segment(count: number): Buffer {
  const pairs: number[] = [];
  for (let i = 0; i < count; i++) pairs.push(T + i * 1000, i);
  return encodeRecords(pairs, 'raw');
}

function setRecord(bytes: Buffer, index: number, t: number, v = 0): Buffer {
  bytes.writeDoubleLE(t, HEADER_BYTES + index * RECORD_BYTES);
  bytes.writeDoubleLE(v, HEADER_BYTES + index * RECORD_BYTES + 8);
  return bytes;
}

const values = (kept: Float64Array): number[] => Array.from(kept).filter((_, i) => i % 2 === 1);
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from }, (_, i) => from + i);

describe('scanSegment', () => {
  it('keeps every record of a sound file and finds nothing to repair', () => {
    const scan = scanSegment(segment(23), T, HI);
    expect(values(scan.kept)).toEqual(range(0, 23));
    expect(scan).toMatchObject({
      dropped: 0,
      strayBytes: 0,
      crashTailBytes: 0,
      keptIsPrefix: true,
    });
  });

  it('cuts a torn last record and zero fill as a crash leftover, not as damage', () => {
    const torn = Buffer.concat([segment(5), Buffer.from([1, 2, 3, 4, 5, 6, 7])]);
    expect(scanSegment(torn, T, HI)).toMatchObject({
      dropped: 0,
      crashTailBytes: 7,
      keptIsPrefix: true,
    });
    const zeros = Buffer.concat([segment(5), Buffer.alloc(4096 + 3)]);
    const scan = scanSegment(zeros, T, HI);
    expect(values(scan.kept)).toEqual(range(0, 5));
    expect(scan).toMatchObject({ dropped: 0, crashTailBytes: 4096 + 3 });
  });

  it.each([
    ['a time far in the future', 1e300],
    ['a time that is not a number', NaN],
    ['a time before the file starts', T - 1],
    ['a time past the end of its day', HI],
    ['a time that is not a whole millisecond', T + 5000.5],
    ['a time of zero', 0],
  ])('drops one record with %s and keeps the 22 around it', (_what, t) => {
    const scan = scanSegment(setRecord(segment(23), 5, t, 5), T, HI);
    expect(values(scan.kept)).toEqual(range(0, 23).filter((i) => i !== 5));
    expect(scan).toMatchObject({ dropped: 1, strayBytes: 0, keptIsPrefix: false });
  });

  it('drops one record whose value is not finite', () => {
    const scan = scanSegment(setRecord(segment(10), 9, T + 9000, Infinity), T, HI);
    expect(values(scan.kept)).toEqual(range(0, 9));
    expect(scan).toMatchObject({ dropped: 1, keptIsPrefix: true, crashTailBytes: 0 });
  });

  it('drops a time that jumped ahead within the day, not everything after it', () => {
    const scan = scanSegment(setRecord(segment(23), 4, T + 3_600_000, 4), T, HI);
    expect(values(scan.kept)).toEqual(range(0, 23).filter((i) => i !== 4));
    expect(scan.dropped).toBe(1);
  });

  it('drops a record that repeats an earlier time', () => {
    const scan = scanSegment(setRecord(segment(8), 6, T + 5000, 6), T, HI);
    expect(values(scan.kept)).toEqual([0, 1, 2, 3, 4, 5, 7]);
  });

  it('finds the records again after garbage that is not a whole number of records long', () => {
    const good = segment(30);
    const cut = HEADER_BYTES + 12 * RECORD_BYTES;
    const garbage = Buffer.from('not a record, 29 bytes long!!');
    const bytes = Buffer.concat([good.subarray(0, cut), garbage, good.subarray(cut)]);
    const scan = scanSegment(bytes, T, HI);
    expect(values(scan.kept)).toEqual(range(0, 30));
    expect(scan).toMatchObject({ dropped: 1, strayBytes: 13, keptIsPrefix: false });
  });

  it('keeps good records after whole records of garbage in the middle', () => {
    const good = segment(20);
    const cut = HEADER_BYTES + 7 * RECORD_BYTES;
    const garbage = Buffer.alloc(4 * RECORD_BYTES, 0xff);
    const scan = scanSegment(
      Buffer.concat([good.subarray(0, cut), garbage, good.subarray(cut)]),
      T,
      HI,
    );
    expect(values(scan.kept)).toEqual(range(0, 20));
    expect(scan).toMatchObject({ dropped: 4, strayBytes: 0 });
  });

  it('counts garbage after the last good record as damage, and the good records as a prefix', () => {
    const bytes = Buffer.concat([segment(6), Buffer.alloc(2 * RECORD_BYTES + 3, 0x77)]);
    const scan = scanSegment(bytes, T, HI);
    expect(values(scan.kept)).toEqual(range(0, 6));
    expect(scan).toMatchObject({
      dropped: 2,
      strayBytes: 3,
      crashTailBytes: 0,
      keptIsPrefix: true,
    });
  });

  it('keeps nothing of a file of zeros and calls it a crash leftover', () => {
    const bytes = Buffer.concat([encodeRecords([], 'raw'), Buffer.alloc(64)]);
    expect(scanSegment(bytes, T, HI)).toMatchObject({ dropped: 0, crashTailBytes: 64 });
    expect(scanSegment(bytes, T, HI).kept.length).toBe(0);
  });

  it('refuses times at or before the lower bound it is given', () => {
    const scan = scanSegment(segment(5), T + 2000, HI);
    expect(values(scan.kept)).toEqual([2, 3, 4]);
    expect(scan.dropped).toBe(2);
  });
});
