// Fills a newly seen asset's history with the trailing year from its exchange, page by page. A marker
// per series records how far the fetch got, so an interrupted backfill picks up where it stopped and a
// finished one is never fetched again. Each settled funding rate is stored with its interval, which a
// venue's funding history does not state: it is the spacing from the settlement before. The exchange
// is reached only through `HistorySource`.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { inferSettlementIntervals, MAX_FUNDING_INTERVAL_HOURS } from '../../core';
import { PremiaError } from '../../shared/errors';
import { describeFileProblem } from '../file-problems';
import type { HistoryStore, SeriesPoint } from './history-store';
import { writeFileAtomic } from '../atomic-write';
import type { SeriesKey } from './series-keys';
import { encodeSubject, seriesKey } from './series-keys';
import { HOUR_MS, YEAR_MS } from '../../shared/time';

/**
 * Where past data comes from. Each call returns one page: the earliest points at or after `since`
 * and not after `until`, oldest first, as many as one request to the venue yields; an empty page
 * when there are none. The backfill calls again from just after the page's last point until it
 * reaches `until`.
 */
export interface HistorySource {
  /** Settled funding rates per interval of the asset's perpetual. */
  fetchFundingHistory(
    asset: string,
    since: number,
    until: number,
    signal?: AbortSignal,
  ): Promise<readonly SeriesPoint[]>;
  /** The asset's price. */
  fetchPriceHistory(
    asset: string,
    since: number,
    until: number,
    signal?: AbortSignal,
  ): Promise<readonly SeriesPoint[]>;
}

export const BACKFILL_SERIES = ['funding', 'price'] as const;
export type BackfillSeries = (typeof BACKFILL_SERIES)[number];

export interface BackfillProgress {
  asset: string;
  series: BackfillSeries;
  /** Milliseconds of the window fetched so far. */
  done: number;
  /** Milliseconds in the window. */
  total: number;
  /** done / total, from 0 to 1, never decreasing. */
  fraction: number;
}

/** Where each history goes: the two backfilled series, and each settlement's interval beside funding. */
export type BackfillTargets = Record<BackfillSeries | 'fundingInterval', SeriesKey>;

export interface BackfillOptions {
  /**
   * The series each history is stored in; by default (asset, 'funding') and (asset, 'spot'), and the
   * intervals in the 'funding-interval' series of the funding's subject.
   */
  targets?: Partial<BackfillTargets>;
  /** The perpetual's current funding interval: for a settlement no spacing tells. Default 8 h. */
  fundingIntervalHours?: (asset: string) => number;
  /** How far back the first backfill of an asset reaches. Default 365 days. */
  lookbackMs?: number;
  now?: () => number;
  onProgress?: (progress: BackfillProgress) => void;
  signal?: AbortSignal;
}

export interface BackfillResult {
  asset: string;
  /** Points stored per series by this call (0 for a series backfilled before). */
  imported: Record<BackfillSeries, number>;
  /** Pages requested from the source by this call. */
  pages: number;
}

export const DEFAULT_LOOKBACK_MS = YEAR_MS;

const markerSchema = z.object({
  version: z.literal(1),
  since: z.number().int(),
  until: z.number().int(),
  /** Everything before this time has been fetched and stored. */
  cursor: z.number().int(),
  complete: z.boolean(),
});
export type BackfillMarker = z.infer<typeof markerSchema>;

/** The marker file of one target series, beside the series folders (a name no subject can take). */
export function backfillMarkerPath(store: HistoryStore, key: SeriesKey): string {
  return join(store.dir, '.backfill', encodeSubject(key.subject), `${key.field}.json`);
}

/** What a backfill of this series has done so far, or null if none has started (or its marker is unreadable). */
export async function readBackfillMarker(
  store: HistoryStore,
  key: SeriesKey,
): Promise<BackfillMarker | null> {
  try {
    const text = await readFile(backfillMarkerPath(store, key), 'utf8');
    const parsed = markerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    // A missing or garbled marker means fetching again; importing is idempotent, so that is safe.
    return null;
  }
}

async function writeMarker(
  store: HistoryStore,
  key: SeriesKey,
  marker: BackfillMarker,
): Promise<void> {
  const path = backfillMarkerPath(store, key);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, Buffer.from(JSON.stringify(marker)));
  } catch (error) {
    throw new PremiaError(
      'unavailable',
      `Premia could not note how far the history of ${key.subject} was fetched: ${describeFileProblem(path, error)}.`,
    );
  }
}

export function defaultBackfillTargets(asset: string): BackfillTargets {
  return {
    funding: seriesKey(asset, 'funding'),
    price: seriesKey(asset, 'spot'),
    fundingInterval: seriesKey(asset, 'funding-interval'),
  };
}

/** The time of the last settlement stored before `before`, if one is near enough to set a spacing. */
async function settlementBefore(
  store: HistoryStore,
  key: SeriesKey,
  before: number,
): Promise<number | null> {
  const near = await store.read(key, {
    from: before - MAX_FUNDING_INTERVAL_HOURS * HOUR_MS,
    to: before - 1,
  });
  return near.t.length > 0 ? (near.t[near.t.length - 1] as number) : null;
}

/** Stores the interval of each settlement of a page: its spacing from the one before. */
async function importIntervals(
  store: HistoryStore,
  key: SeriesKey,
  settlements: readonly SeriesPoint[],
  previous: number | null,
  fallbackHours: number,
): Promise<void> {
  const times = settlements.map((p) => p.t);
  const withPrevious = previous === null ? times : [previous, ...times];
  const hours = inferSettlementIntervals(withPrevious, { fallbackHours });
  const own = previous === null ? hours : hours.slice(1);
  await store.importSeries(
    key,
    times.map((t, i) => ({ t, v: own[i] as number })),
  );
}

/**
 * Stores beside a page of settlements (already stored in `funding`) the interval each was paid over:
 * its spacing from the settlement before, or `fallbackHours` where no spacing tells.
 */
export async function storeSettlementIntervals(
  store: HistoryStore,
  funding: SeriesKey,
  intervals: SeriesKey,
  settlements: readonly SeriesPoint[],
  fallbackHours: number,
): Promise<void> {
  if (settlements.length === 0) return;
  const sorted = [...settlements].sort((a, b) => a.t - b.t);
  const previous = await settlementBefore(store, funding, sorted[0]!.t);
  await importIntervals(store, intervals, sorted, previous, fallbackHours);
}

/**
 * Backfills the asset's funding and price history into the store, one series after the other. Throws
 * the signal's reason when aborted; what was stored by then stays, and the next call resumes.
 */
export async function backfillAsset(
  store: HistoryStore,
  source: HistorySource,
  asset: string,
  options: BackfillOptions = {},
): Promise<BackfillResult> {
  const given = { ...defaultBackfillTargets(asset), ...options.targets };
  // Intervals sit beside the funding they belong to unless told otherwise.
  const targets: BackfillTargets = {
    ...given,
    fundingInterval:
      options.targets?.fundingInterval ?? seriesKey(given.funding.subject, 'funding-interval'),
  };
  const lookback = options.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  const now = options.now ?? Date.now;
  const result: BackfillResult = { asset, imported: { funding: 0, price: 0 }, pages: 0 };
  const fetchers: Record<BackfillSeries, HistorySource['fetchFundingHistory']> = {
    funding: (a, since, until, signal) => source.fetchFundingHistory(a, since, until, signal),
    price: (a, since, until, signal) => source.fetchPriceHistory(a, since, until, signal),
  };
  // Every series' window is fixed on first sight of the asset, before anything is fetched, so a
  // backfill resumed days later still fetches the same year for each.
  const until = Math.floor(now());
  const markers = {} as Record<BackfillSeries, BackfillMarker>;
  for (const series of BACKFILL_SERIES) {
    const stored = await readBackfillMarker(store, targets[series]);
    if (stored) markers[series] = stored;
    else {
      const since = until - lookback;
      markers[series] = { version: 1, since, until, cursor: since, complete: false };
      await writeMarker(store, targets[series], markers[series]);
    }
  }
  for (const series of BACKFILL_SERIES) {
    const key = targets[series];
    const report = (marker: BackfillMarker): void => {
      const total = Math.max(1, marker.until - marker.since);
      const done = marker.complete
        ? total
        : Math.min(total, Math.max(0, marker.cursor - marker.since));
      options.onProgress?.({ asset, series, done, total, fraction: done / total });
    };
    let marker = markers[series];
    if (marker.complete) {
      report(marker);
      continue;
    }
    report(marker);
    while (marker.cursor <= marker.until) {
      options.signal?.throwIfAborted();
      const { cursor, until } = marker;
      const page = await fetchers[series](asset, cursor, until, options.signal);
      result.pages++;
      options.signal?.throwIfAborted();
      const points = page.filter((p) => p.t >= cursor && p.t <= until);
      // An empty page (or one that does not move forward) means the venue has nothing more.
      if (points.length === 0) break;
      result.imported[series] += await store.importSeries(key, points);
      if (series === 'funding') {
        const fallback = options.fundingIntervalHours?.(asset) ?? MAX_FUNDING_INTERVAL_HOURS;
        await storeSettlementIntervals(store, key, targets.fundingInterval, points, fallback);
      }
      const newest = points.reduce((m, p) => Math.max(m, p.t), -Infinity);
      marker = { ...marker, cursor: Math.floor(newest) + 1 };
      await writeMarker(store, key, marker);
      report(marker);
    }
    marker = { ...marker, complete: true };
    await writeMarker(store, key, marker);
    report(marker);
  }
  return result;
}

/**
 * Runs at most one backfill per asset at a time: asking again while one runs joins it. Each can be
 * cancelled; a cancelled one resumes on the next `ensure`.
 */
export class Backfiller {
  private readonly running = new Map<
    string,
    { done: Promise<BackfillResult>; abort: AbortController }
  >();

  constructor(
    private readonly store: HistoryStore,
    private readonly source: HistorySource,
    private readonly options: Omit<BackfillOptions, 'signal' | 'targets'> = {},
  ) {}

  ensure(asset: string, targets?: BackfillOptions['targets']): Promise<BackfillResult> {
    const current = this.running.get(asset);
    if (current) return current.done;
    const abort = new AbortController();
    const done = backfillAsset(this.store, this.source, asset, {
      ...this.options,
      targets,
      signal: abort.signal,
    }).finally(() => {
      if (this.running.get(asset)?.abort === abort) this.running.delete(asset);
    });
    this.running.set(asset, { done, abort });
    return done;
  }

  isRunning(asset: string): boolean {
    return this.running.has(asset);
  }

  cancel(asset: string): void {
    this.running.get(asset)?.abort.abort(new DOMException('backfill cancelled', 'AbortError'));
  }

  cancelAll(): void {
    for (const asset of [...this.running.keys()]) this.cancel(asset);
  }
}
