// Judging the records of one segment file, record by record, so damage costs only what is damaged.
//
// A segment is an append-only run of 16-byte records (t, v) behind its header, and three kinds of
// damage reach it:
// - a crash during an append leaves a torn last record (fewer than 16 bytes) or zero-filled bytes at
//   the end, where the file system had grown the file but not yet written it: what the store had not
//   finished writing, cut without a word;
// - a record spoiled in place (a flipped bit, a stray write): a time that is not a whole number of ms
//   inside the file's span, a value that is not finite, or a time out of order. Only that record is
//   dropped;
// - bytes that do not belong (garbage written into or after the records), possibly not a multiple
//   of 16 long, which shifts every record after it off the 16-byte grid. The scan then looks for the
//   first byte offset where two sound records in a row start again and carries on from there, so
//   good records after the garbage are kept.
// A time must lie in [lo, hi): the file's own span, after the previous file's last point. Among the
// records that pass on their own, the longest run in strictly increasing time is kept (a record
// whose time jumped ahead is one dropped record, not the loss of everything after it); of two records
// with one time, the first is kept.
import { HEADER_BYTES, RECORD_BYTES, recordsOf } from './segment-file';

export interface SegmentScan {
  /** The records kept, interleaved t, v, in increasing time. */
  kept: Float64Array;
  /** Whole records dropped as damaged (not counting what a crash left at the end). */
  dropped: number;
  /** Bytes dropped as damaged that are not whole records (garbage that shifted the records after it). */
  strayBytes: number;
  /** Bytes a crash left at the end: a torn record and zero fill. */
  crashTailBytes: number;
  /**
   * Whether the kept records are the file's leading records as they stand, so cutting the file at
   * `HEADER_BYTES + kept records × RECORD_BYTES` repairs it; otherwise it must be rewritten.
   */
  keptIsPrefix: boolean;
}

/**
 * Scans a segment's bytes (header included; the header itself is the caller's to check). `lo` and
 * `hi` bound every time: lo ≤ t < hi.
 */
export function scanSegment(bytes: Uint8Array, lo: number, hi: number): SegmentScan {
  const whole = recordsOf(bytes);
  if (allSound(whole, lo, hi)) {
    const tail = (bytes.byteLength - HEADER_BYTES) % RECORD_BYTES;
    if (tail === 0) {
      return { kept: whole, dropped: 0, strayBytes: 0, crashTailBytes: 0, keptIsPrefix: true };
    }
  }
  return scanDamaged(bytes, lo, hi);
}

/** Every record sound and in increasing time: how every file the store wrote looks. */
function allSound(records: Float64Array, lo: number, hi: number): boolean {
  let previous = -Infinity;
  for (let i = 0; i < records.length; i += 2) {
    const t = records[i] as number;
    if (!(Number.isSafeInteger(t) && t >= lo && t < hi && t > previous)) return false;
    if (!Number.isFinite(records[i + 1] as number)) return false;
    previous = t;
  }
  return true;
}

/** The record-by-record scan of a file that is not plainly sound. */
function scanDamaged(bytes: Uint8Array, lo: number, hi: number): SegmentScan {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.byteLength;
  const soundAt = (at: number): boolean => {
    if (at + RECORD_BYTES > size) return false;
    const t = view.getFloat64(at, true);
    return (
      Number.isSafeInteger(t) && t >= lo && t < hi && Number.isFinite(view.getFloat64(at + 8, true))
    );
  };
  const timeAt = (at: number): number => view.getFloat64(at, true);

  // Offsets of records sound on their own, and the damage between them.
  const offsets: number[] = [];
  let skippedWhole = 0;
  let strayBytes = 0;
  let at = HEADER_BYTES;
  let lastEnd = HEADER_BYTES;
  while (at + RECORD_BYTES <= size) {
    if (soundAt(at)) {
      offsets.push(at);
      at += RECORD_BYTES;
      lastEnd = at;
      continue;
    }
    const resumed = resumeAfter(at, size, soundAt, timeAt);
    if (resumed === null) break;
    const gap = resumed - at;
    skippedWhole += Math.floor(gap / RECORD_BYTES);
    strayBytes += gap % RECORD_BYTES;
    at = resumed;
  }

  // What follows the last sound record: a crash's leftovers when it is a torn record or zero fill.
  const tail = bytes.subarray(lastEnd);
  const crashTail = tail.length < RECORD_BYTES || tail.every((b) => b === 0);
  const crashTailBytes = crashTail ? tail.length : 0;
  if (!crashTail) {
    skippedWhole += Math.floor(tail.length / RECORD_BYTES);
    strayBytes += tail.length % RECORD_BYTES;
  }

  const order = increasingRun(offsets.map(timeAt));
  const kept = new Float64Array(order.length * 2);
  order.forEach((i, n) => {
    const offset = offsets[i] as number;
    kept[2 * n] = timeAt(offset);
    kept[2 * n + 1] = view.getFloat64(offset + 8, true);
  });
  const keptIsPrefix = order.every((i, n) => offsets[i] === HEADER_BYTES + n * RECORD_BYTES);
  return {
    kept,
    dropped: skippedWhole + (offsets.length - order.length),
    strayBytes,
    crashTailBytes,
    keptIsPrefix,
  };
}

/**
 * The first offset after `from` where records are sound again: one sound record followed by another
 * later in time (or by the end of the file). Null when none is left.
 */
function resumeAfter(
  from: number,
  size: number,
  soundAt: (at: number) => boolean,
  timeAt: (at: number) => number,
): number | null {
  // A single spoiled record with the grid intact is by far the commonest case: try it first.
  const next = from + RECORD_BYTES;
  if (soundAt(next) && confirms(next)) return next;
  for (let at = from + 1; at + RECORD_BYTES <= size; at++) {
    if (soundAt(at) && confirms(at)) return at;
  }
  return null;

  function confirms(at: number): boolean {
    const after = at + RECORD_BYTES;
    if (after + RECORD_BYTES > size) return true;
    return soundAt(after) && timeAt(after) > timeAt(at);
  }
}

/**
 * Indexes of a longest strictly increasing subsequence of `times` (patience sorting, n log n); the
 * whole range when they already increase, which is the case for every sound file.
 */
function increasingRun(times: readonly number[]): number[] {
  const n = times.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = (times[i] as number) > (times[i - 1] as number);
  if (sorted) return Array.from({ length: n }, (_, i) => i);

  // tails[k]: index of the smallest last time of an increasing run of length k + 1.
  const tails: number[] = [];
  const previous = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const t = times[i] as number;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((times[tails[mid] as number] as number) < t) low = mid + 1;
      else high = mid;
    }
    // A time seen before keeps its first record: a repeat is the copy, not the original.
    if (low < tails.length && times[tails[low] as number] === t) continue;
    if (low > 0) previous[i] = tails[low - 1] as number;
    tails[low] = i;
  }
  const run: number[] = [];
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i] as number) run.push(i);
  return run.reverse();
}
