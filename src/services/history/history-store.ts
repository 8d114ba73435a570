// The append-only time-series store: prices, premiums and funding per series under <dataDir>/history/.
// Appends are buffered and added to the end of the newest day segment; old days are thinned to hourly
// points month by month; older history fetched from an exchange is merged in by `importSeries`.
// Layout and file format: segment-file.ts.
import type { Dirent } from 'node:fs';
import { appendFile, mkdir, open, readdir, readFile, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { PremiaError } from '../../shared/errors';
import { describeFileProblem, isMissing } from '../file-problems';
import type { NoticeBoard } from '../notices';
import { SerialQueue } from '../serial-queue';
import type { BucketRule } from './downsample';
import { aggregateBuckets, downsampleMinMax } from './downsample';
import type { SegmentPeriod } from './segment-file';
import type { SeriesData, SeriesPoint } from './series-data';
import { emptyData, mergeSorted, toSeriesData, withoutBuckets } from './series-data';
import {
  encodeRecords,
  encodeSeries,
  hasHeader,
  HEADER_BYTES,
  hourlyName,
  periodEnd,
  periodStart,
  rawName,
  RECORD_BYTES,
  recordsOf,
  utcDayStart,
  utcMonthStart,
} from './segment-file';
import { writeFileAtomic } from '../atomic-write';
import type { SeriesKey } from './series-keys';
import type { SegmentRef, SeriesRepairs } from './series-open';
import { hasRepairs, openSeriesFolder, sortSegments } from './series-open';
import { damageNotice } from './damage-notice';
import type { OpenProblem } from './damage-notice';
import {
  decodeSubject,
  encodeSubject,
  FIELD_KIND,
  isSeriesField,
  seriesId,
  seriesKey,
} from './series-keys';
import { HOUR_MS, DAY_MS } from '../../shared/time';

export type { SeriesData, SeriesPoint } from './series-data';

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

const realTimers: IntervalTimers = {
  // Unref'd: a store left open never keeps the process alive.
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export interface CompactionReport {
  /** Raw day segments folded into hourly files. */
  segments: number;
  /** Hourly files written. */
  months: number;
}

interface SeriesState {
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

const BUCKET_RULE: Record<'price' | 'rate' | 'settlement', BucketRule> = {
  price: 'last',
  rate: 'mean',
  settlement: 'mean',
};

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
  private readonly fullResolutionMs: number;
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
    this.fullResolutionMs = (options.fullResolutionDays ?? 30) * DAY_MS;
    this.onError = options.onError ?? (() => undefined);
    this.timers = options.timers ?? realTimers;
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
    const problems: OpenProblem[] = [];
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
    const found: SeriesKey[] = [];
    for (const subjectEntry of subjects) {
      const subject = decodeSubject(subjectEntry.name);
      if (subject === null) continue;
      const subjectDir = join(store.dir, subjectEntry.name);
      if (!subjectEntry.isDirectory()) {
        problems.push({ kind: 'unreadable', subject, field: null, detail: notAFolder(subjectDir) });
        store.unopenedSubjects.add(subjectEntry.name);
        continue;
      }
      const fields = await readdir(subjectDir, { withFileTypes: true }).catch((error: unknown) => {
        store.unopenedSubjects.add(subjectEntry.name);
        problems.push({
          kind: 'unreadable',
          subject,
          field: null,
          detail: describeFileProblem(subjectDir, error),
        });
        return [] as Dirent[];
      });
      for (const entry of fields) {
        if (!isSeriesField(entry.name)) continue;
        if (entry.isDirectory()) found.push({ subject, field: entry.name });
        else {
          const detail = notAFolder(join(subjectDir, entry.name));
          problems.push({ kind: 'unreadable', subject, field: entry.name, detail });
          store.unopened.add(seriesId({ subject, field: entry.name }));
        }
      }
    }
    await forEachLimited(found, LOAD_CONCURRENCY, async (key) => {
      const state = store.emptyState(key);
      try {
        const repairs = await store.loadSeries(state);
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
    return this.enqueue(() => this.importPoints(state, points));
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
      let data = await this.loadPoints(state, segments, from, to, true);
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
      const done = await this.enqueue(() => this.compactSeries(state));
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

  private emptyState(key: SeriesKey): SeriesState {
    return {
      key,
      dir: join(this.dir, encodeSubject(key.subject), key.field),
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
      state = this.emptyState(valid);
      this.series.set(id, state);
    }
    return state;
  }

  private async loadSeries(state: SeriesState): Promise<SeriesRepairs> {
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
        await this.appendToSegment(state, pairs, i, j);
        i = j;
      }
    } catch (error) {
      const unwritten = pairs.slice(2 * i);
      state.pending = unwritten.concat(state.pending);
      this.pendingCount += unwritten.length / 2;
      throw error;
    }
  }

  /** Appends pairs `from`..`to` (one period's worth) to the newest raw segment or a new one. */
  private async appendToSegment(
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
  private async readRecords(state: SeriesState, segment: SegmentRef): Promise<Float64Array> {
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
  private async loadPoints(
    state: SeriesState,
    segments: readonly SegmentRef[],
    from = -Infinity,
    to = Infinity,
    withPending = false,
  ): Promise<SeriesData> {
    const files = await Promise.all(segments.map((s) => this.readRecords(state, s)));
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

  private async importPoints(state: SeriesState, points: readonly SeriesPoint[]): Promise<number> {
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
    for (const raw of raws) raw.end ??= await this.lastTimeOf(state, raw);
    const fresh = outsideSpans(sorted, raws);
    if (fresh.length === 0) return 0;

    // Days that compaction would thin anyway go straight to their month's hourly file; the rest
    // become raw segments.
    const hourlyByMonth = new Map<number, SegmentRef>();
    for (const s of state.segments) if (s.kind === 'hourly') hourlyByMonth.set(s.start, s);
    const window = this.compactionWindow(state);
    const thin: SeriesPoint[] = [];
    const keep: SeriesPoint[] = [];
    for (const p of fresh) {
      const covered = (hourlyByMonth.get(utcMonthStart(p.t))?.coveredUntil ?? -Infinity) > p.t;
      if (covered || (window !== null && isCompactable(p.t, window))) thin.push(p);
      else keep.push(p);
    }
    let taken = await this.writeRawRuns(state, keep, raws);
    taken += (await this.compactSeries(state, thin)).taken;

    // Only a series with nothing newer than the import can have its last point moved by it.
    const newestNow = state.segments.at(-1);
    if (
      taken > 0 &&
      state.pending.length === 0 &&
      newestNow &&
      (newestNow.end ?? Infinity) > state.lastT
    ) {
      const records = await this.readRecords(state, newestNow);
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
  private async writeRawRuns(
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

  private async lastTimeOf(state: SeriesState, segment: SegmentRef): Promise<number> {
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

  /** What compaction may thin now, or null for a series it never thins. */
  private compactionWindow(state: SeriesState): CompactionWindow | null {
    if (FIELD_KIND[state.key.field] === 'settlement') return null;
    const newest = state.segments.at(-1);
    return {
      cutoff: this.now() - this.fullResolutionMs,
      appendDay: newest?.kind === 'raw' ? utcDayStart(newest.start) : Infinity,
    };
  }

  /**
   * Folds every compactable raw segment, and `extra` points headed for hourly files, into their
   * months' hourly files. Each month's file is written whole under a name carrying its new coverage
   * and renamed into place; only then are its inputs removed.
   */
  private async compactSeries(
    state: SeriesState,
    extra: readonly SeriesPoint[] = [],
  ): Promise<CompactionReport & { taken: number }> {
    const report = { segments: 0, months: 0, taken: 0 };
    const window = this.compactionWindow(state);
    if (window === null) return report;
    const rule = BUCKET_RULE[FIELD_KIND[state.key.field]];
    const months = new Map<number, { raws: SegmentRef[]; extra: SeriesPoint[] }>();
    const monthOf = (t: number) => {
      const month = utcMonthStart(t);
      let entry = months.get(month);
      if (!entry) months.set(month, (entry = { raws: [], extra: [] }));
      return entry;
    };
    for (const s of state.segments) {
      if (s.kind === 'raw' && isCompactable(s.start, window)) monthOf(s.start).raws.push(s);
    }
    for (const p of extra) monthOf(p.t).extra.push(p);

    for (const [month, inputs] of months) {
      const existing = state.segments.find((s) => s.kind === 'hourly' && s.start === month);
      const held = existing ? await this.loadPoints(state, [existing]) : emptyData();
      const heldHours = new Set<number>();
      for (const t of held.t) heldHours.add(Math.floor(t / HOUR_MS));
      const extraFresh = inputs.extra.filter((p) => !heldHours.has(Math.floor(p.t / HOUR_MS)));
      if (inputs.raws.length === 0 && extraFresh.length === 0) continue;
      const rawPoints = await this.loadPoints(state, inputs.raws);
      const added = aggregateBuckets(
        mergeSorted(rawPoints, toSeriesData(extraFresh)),
        HOUR_MS,
        rule,
      );
      const merged = mergeSorted(held, withoutBuckets(added, heldHours, HOUR_MS));
      // Coverage grows to the end of the newest day folded in; every raw segment of the month before
      // that day is compactable too (older and not the append day), so none is left behind it.
      let coveredUntil = existing?.coveredUntil ?? month;
      for (const s of inputs.raws)
        coveredUntil = Math.max(coveredUntil, utcDayStart(s.start) + DAY_MS);
      for (const p of extraFresh) coveredUntil = Math.max(coveredUntil, utcDayStart(p.t) + DAY_MS);
      const name = hourlyName(month, coveredUntil);
      await mkdir(state.dir, { recursive: true });
      await writeFileAtomic(join(state.dir, name), encodeSeries(merged, 'hourly'));
      // The new file is complete and in place: the inputs are clutter from here, and a crash before
      // they are gone is cleaned up on the next open.
      const replaced = new Set<SegmentRef>(inputs.raws);
      if (existing) replaced.add(existing);
      const end = merged.t.length > 0 ? merged.t[merged.t.length - 1] : undefined;
      state.segments = sortSegments([
        ...state.segments.filter((s) => !replaced.has(s)),
        { name, kind: 'hourly', start: month, coveredUntil, end },
      ]);
      state.hourlyUntil = Math.max(state.hourlyUntil, coveredUntil);
      const stale = [...replaced].map((s) => s.name).filter((n) => n !== name);
      await Promise.all(stale.map((n) => rm(join(state.dir, n), { force: true })));
      report.segments += inputs.raws.length;
      report.months += 1;
      report.taken += extraFresh.length;
    }
    return report;
  }
}

// ── helpers ─────────────────────────────────────────────────────────────────

/** The first time after everything the segment can hold. */
function segmentLimit(state: SeriesState, s: SegmentRef): number {
  return s.kind === 'raw' ? periodEnd(state.period, s.start) : s.coveredUntil;
}

interface CompactionWindow {
  /** Days ending at or before this time are old enough to thin. */
  cutoff: number;
  /** The day of the segment appends go to, never thinned. */
  appendDay: number;
}

function isCompactable(t: number, window: CompactionWindow): boolean {
  const day = utcDayStart(t);
  return day + DAY_MS <= window.cutoff && day < window.appendDay;
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

/** `<path> is a file where Premia keeps a folder`, for a file standing where a series folder belongs. */
function notAFolder(path: string): string {
  return `${path} is a file where Premia keeps a folder of history`;
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
