// How the history store is opened and read: its options, and the timers behind its cadences.
import type { NoticeBoard } from '../notices';

export interface ReadOptions {
  /** Earliest time included (ms). */
  from?: number;
  /** Latest time included (ms). */
  to?: number;
  /**
   * One point per bucket of this many ms, by the field's rule: the last observation for prices, the
   * mean for premiums, basis and funding (see `FieldKind`). Applied before `maxPoints`.
   */
  bucketMs?: number;
  /** At most this many points, thinned by min/max buckets for charts (see `downsampleMinMax`). */
  maxPoints?: number;
}

export interface HistoryStoreOptions {
  /** The clock that decides which days are old enough to compact. */
  now?: () => number;
  /** Buffered appends reach disk at least this often (ms). Default 2 s. */
  flushIntervalMs?: number;
  /** A flush starts early once this many appends wait. Default 10 000. */
  maxBufferedPoints?: number;
  /** Days kept at full resolution before compaction thins them to hourly points. Default 30. */
  fullResolutionDays?: number;
  /** How often compaction runs on its own (ms); 0 leaves it to `compact()`. Default 1 h. */
  compactionIntervalMs?: number;
  /** Failures of background flushes and compactions, which have no caller to throw to. */
  onError?: (error: unknown) => void;
  /** Where the store tells the user what it found damaged on opening and what it did about it. */
  notices?: NoticeBoard;
  /** The timers behind the flush and compaction cadences (the real ones, unref'd, by default). */
  timers?: IntervalTimers;
}

/** Repeating timers, injectable so tests drive the cadences without waiting. */
export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realIntervalTimers: IntervalTimers = {
  // Unref'd: a store left open never keeps the process alive.
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};
