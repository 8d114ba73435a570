// The append-only time-series store: prices, premiums and funding per series under <dataDir>/history/.
// Appends are buffered and added to the end of the newest day segment; old days are thinned to hourly
// points month by month (series-compaction.ts); older history fetched from an exchange is merged in
// by `importSeries` (series-import.ts). Layout and file format: segment-file.ts.
import type { Dirent } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PremiaError } from '../../shared/errors';
import { DAY_MS, HOUR_MS } from '../../shared/time';
import { describeFileProblem } from '../file-problems';
import { SerialQueue } from '../serial-queue';
import { damageNotice } from './damage-notice';
import { aggregateBuckets, downsampleMinMax } from './downsample';
import { findSeries, forEachLimited } from './history-folder';
import type { HistoryStoreOptions, IntervalTimers, ReadOptions } from './history-options';
import { realIntervalTimers } from './history-options';
import { periodEnd } from './segment-file';
import type { SeriesData, SeriesPoint } from './series-data';
import { emptyData } from './series-data';
import type { CompactionClock, CompactionReport } from './series-compaction';
import { compactSeries } from './series-compaction';
import { importPoints } from './series-import';
import type { SeriesKey } from './series-keys';
import { encodeSubject, FIELD_KIND, seriesId, seriesKey } from './series-keys';
import { hasRepairs } from './series-open';
import type { SeriesState } from './series-state';
import {
  appendToSegment,
  BUCKET_RULE,
  emptySeriesState,
  loadPoints,
  loadSeriesState,
  segmentLimit,
} from './series-state';

export type { CompactionReport } from './series-compaction';
export type { SeriesData, SeriesPoint } from './series-data';
export type { HistoryStoreOptions, IntervalTimers, ReadOptions } from './history-options';

const LOAD_CONCURRENCY = 16;

export const HISTORY_DIR_NAME = 'history';

export class HistoryStoreClosedError extends Error {
  constructor() {
    super('the history store is closed');
    this.name = 'HistoryStoreClosedError';
  }
}

export class HistoryStore {
  /** `<dataDir>/history`. */
  readonly dir: string;
  private readonly series = new Map<string, SeriesState>();
  /** Series (by id) and subjects (by folder name) that could not be opened: left alone on disk. */
  private readonly unopened = new Set<string>();
  private readonly unopenedSubjects = new Set<string>();
  private readonly now: () => number;
  private readonly maxBufferedPoints: number;
  private readonly compactionClock: CompactionClock;
  private readonly onError: (error: unknown) => void;
  private readonly timers: IntervalTimers;
  private readonly cadences: unknown[] = [];
  private readonly queue = new SerialQueue();
  private pendingCount = 0;
  private flushScheduled = false;
  private closing = false;

  private constructor(dir: string, options: HistoryStoreOptions) {
    this.dir = dir;
    this.now = options.now ?? Date.now;
    this.maxBufferedPoints = options.maxBufferedPoints ?? 10_000;
    this.compactionClock = {
      now: this.now,
      fullResolutionMs: (options.fullResolutionDays ?? 30) * DAY_MS,
    };
    this.onError = options.onError ?? (() => undefined);
    this.timers = options.timers ?? realIntervalTimers;
    const flushEvery = options.flushIntervalMs ?? 2_000;
    const compactEvery = options.compactionIntervalMs ?? HOUR_MS;
    if (flushEvery > 0) {
      this.cadences.push(this.timers.setInterval(() => this.flushSoon(), flushEvery));
    }
    if (compactEvery > 0) {
      this.cadences.push(
        this.timers.setInterval(() => this.compact().catch(this.onError), compactEvery),
      );
    }
  }

  /**
   * Opens the store under `dataDir`, checking every segment of every series record by record and
   * repairing what it finds: a torn or zero-filled tail is cut, damaged records are dropped (each file
   * copied aside first, as `<name>.damaged`), files of another format are moved aside, folders where
   * files belong are skipped, and half-written temporary files and the inputs of an interrupted
   * compaction are removed. The user is told, through `notices`, of everything but the crash
   * leftovers. A history folder that cannot be used at all is an `unavailable` PremiaError.
   */
  static async open(dataDir: string, options: HistoryStoreOptions = {}): Promise<HistoryStore> {
    const store = new HistoryStore(join(dataDir, HISTORY_DIR_NAME), options);
    let subjects: Dirent[];
    try {
      await mkdir(store.dir, { recursive: true });
      subjects = await readdir(store.dir, { withFileTypes: true });
    } catch (error) {
      await store.close();
      throw new PremiaError(
        'unavailable',
        `Premia cannot open its market history: ${describeFileProblem(store.dir, error)}.`,
      );
    }
    const { found, problems, unopened, unopenedSubjects } = await findSeries(store.dir, subjects);
    for (const id of unopened) store.unopened.add(id);
    for (const name of unopenedSubjects) store.unopenedSubjects.add(name);
    await forEachLimited(found, LOAD_CONCURRENCY, async (key) => {
      const state = emptySeriesState(store.dir, key);
      try {
        const repairs = await loadSeriesState(state);
        store.series.set(seriesId(key), state);
        if (hasRepairs(repairs)) problems.push({ kind: 'repaired', ...key, repairs });
      } catch (error) {
        // One unreadable series must not keep the rest of the history from opening; it is left as
        // it is on disk, and neither read nor written until Premia is opened again.
        store.onError(error);
        const detail = describeFileProblem(
          (error as NodeJS.ErrnoException).path ?? state.dir,
          error,
        );
        problems.push({ kind: 'unreadable', ...key, detail });
        store.unopened.add(seriesId(key));
      }
    });
    if (problems.length > 0) {
      // Series load side by side: sorted, the message reads the same whatever finished first.
      problems.sort(
        (a, b) =>
          a.subject.localeCompare(b.subject) || (a.field ?? '').localeCompare(b.field ?? ''),
      );
      options.notices?.add({ level: 'warning', message: damageNotice(problems), at: store.now() });
    }
    return store;
  }

  /**
   * Adds a point after the series' newest one. Returns false, storing nothing, for a time at or
   * before the newest point (out of order or duplicate), a time that is not a whole non-negative
   * number of ms, a non-finite value, or a series whose folder could not be opened. The point reaches
   * disk on the next flush.
   */
  append(key: SeriesKey, t: number, v: number): boolean {
    if (this.closing) throw new HistoryStoreClosedError();
    const state = this.stateFor(key);
    if (!state) return false;
    if (!Number.isSafeInteger(t) || t < 0 || !Number.isFinite(v)) return false;
    if (t <= state.lastT || t < state.hourlyUntil) return false;
    state.pending.push(t, v);
    state.lastT = t;
    state.lastV = v;
    this.pendingCount++;
    if (this.pendingCount >= this.maxBufferedPoints) this.flushSoon();
    return true;
  }

  /** Writes every buffered append to disk. */
  flush(): Promise<void> {
    return this.enqueue(() => this.flushAll());
  }

  /**
   * Merges fetched history into a series without touching data already stored: a point is taken only
   * if it lies outside the span (first to last point) of every raw segment, the one appends go to
   * included, and before any buffered append. Taken points are written as new segments in the gaps;
   * those in a month already thinned to hourly join that month's file in hours it does not hold yet.
   * Points need not be sorted. Importing the same points again takes none. Returns how many were taken.
   */
  async importSeries(key: SeriesKey, points: readonly SeriesPoint[]): Promise<number> {
    if (this.closing) throw new HistoryStoreClosedError();
    const state = this.stateFor(key);
    if (!state) return 0;
    return this.enqueue(() => importPoints(state, points, this.compactionClock));
  }

  /** The series' points between `from` and `to` (both included), buffered appends included. */
  async read(key: SeriesKey, options: ReadOptions = {}): Promise<SeriesData> {
    const { from = -Infinity, to = Infinity, bucketMs, maxPoints } = options;
    if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('from and to are times in ms');
    if (bucketMs !== undefined && !(Number.isFinite(bucketMs) && bucketMs > 0)) {
      throw new RangeError(`bucketMs is a positive number of ms (got ${bucketMs})`);
    }
    if (maxPoints !== undefined && !(Number.isInteger(maxPoints) && maxPoints >= 2)) {
      throw new RangeError(`maxPoints is a whole number of at least 2 (got ${maxPoints})`);
    }
    const state = this.find(key);
    if (!state) return emptyData();
    return this.enqueue(async () => {
      const segments = state.segments.filter((s) => s.start <= to && segmentLimit(state, s) > from);
      let data = await loadPoints(state, segments, from, to, true);
      if (bucketMs !== undefined) {
        data = aggregateBuckets(data, bucketMs, BUCKET_RULE[FIELD_KIND[state.key.field]]);
      }
      if (maxPoints !== undefined) data = downsampleMinMax(data, maxPoints);
      return data;
    });
  }

  /** The newest point of a series, buffered appends included, or null for an empty series. */
  last(key: SeriesKey): SeriesPoint | null {
    const state = this.find(key);
    return state && state.lastT > -Infinity ? { t: state.lastT, v: state.lastV } : null;
  }

  has(key: SeriesKey): boolean {
    return this.last(key) !== null;
  }

  /** Every series holding at least one point. */
  keys(): SeriesKey[] {
    return [...this.series.values()].filter((s) => s.lastT > -Infinity).map((s) => s.key);
  }

  /**
   * Thins every whole UTC day older than the full-resolution window to hourly points, except the
   * day of the segment appends go to, and except funding settlements. Safe to repeat.
   */
  async compact(): Promise<CompactionReport> {
    const report: CompactionReport = { segments: 0, months: 0 };
    for (const state of [...this.series.values()]) {
      const done = await this.enqueue(() => compactSeries(state, this.compactionClock));
      report.segments += done.segments;
      report.months += done.months;
    }
    return report;
  }

  /** Stops the timers and writes what is buffered. Appends after this throw. */
  async close(): Promise<void> {
    if (this.closing) return this.enqueue(async () => undefined);
    this.closing = true;
    for (const cadence of this.cadences) this.timers.clearInterval(cadence);
    await this.enqueue(() => this.flushAll());
  }

  // ── internals ─────────────────────────────────────────────────────────────

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    return this.queue.run(op);
  }

  private flushSoon(): void {
    if (this.flushScheduled || this.pendingCount === 0) return;
    this.flushScheduled = true;
    this.enqueue(() => {
      this.flushScheduled = false;
      return this.flushAll();
    }).catch(this.onError);
  }

  /** The state of a series that exists, or undefined; a RangeError for an invalid key. */
  private find(key: SeriesKey): SeriesState | undefined {
    return this.series.get(seriesId(seriesKey(key.subject, key.field)));
  }

  /** The state of a series, created empty on first sight; null for one that could not be opened. */
  private stateFor(key: SeriesKey): SeriesState | null {
    const valid = seriesKey(key.subject, key.field);
    const id = seriesId(valid);
    if (this.unopened.has(id) || this.unopenedSubjects.has(encodeSubject(valid.subject))) {
      return null;
    }
    let state = this.series.get(id);
    if (!state) {
      state = emptySeriesState(this.dir, valid);
      this.series.set(id, state);
    }
    return state;
  }

  private async flushAll(): Promise<void> {
    let failure: unknown = null;
    for (const state of this.series.values()) {
      if (state.pending.length === 0) continue;
      try {
        await this.flushSeries(state);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== null) throw failure;
  }

  private async flushSeries(state: SeriesState): Promise<void> {
    const pairs = state.pending;
    state.pending = [];
    this.pendingCount -= pairs.length / 2;
    const count = pairs.length / 2;
    let i = 0;
    try {
      await mkdir(state.dir, { recursive: true });
      while (i < count) {
        const end = periodEnd(state.period, pairs[2 * i] as number);
        let j = i + 1;
        while (j < count && (pairs[2 * j] as number) < end) j++;
        await appendToSegment(state, pairs, i, j);
        i = j;
      }
    } catch (error) {
      const unwritten = pairs.slice(2 * i);
      state.pending = unwritten.concat(state.pending);
      this.pendingCount += unwritten.length / 2;
      throw error;
    }
  }
}
