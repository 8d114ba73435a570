// The download of years of history for backtests: for each asset, every daily spot close and every
// funding settlement the venue has, into the history store, page by page. Each page is stored before
// its marker moves past it, so a download stopped anywhere (cancelled, a crash, the network gone)
// continues after the last page stored and never asks the venue for a range it already has; a
// finished series only asks for what the venue has added since. Progress goes to an injected `emit`.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { PremiaError } from '../../shared/errors';
import { DAY_MS, HOUR_MS } from '../../shared/time';
import { writeFileAtomic } from '../atomic-write';
import { describeFileProblem } from '../file-problems';
import type { ExchangeGateway } from '../gateway';
import {
  seriesKey,
  storeSettlementIntervals,
  type HistoryStore,
  type SeriesKey,
  type SeriesPoint,
} from '../history';
import { encodeSubject } from '../history/series-keys';

/** Where the pages come from: the gateway's long downloads. */
export type LongHistorySource = Pick<
  ExchangeGateway,
  'downloadDailyCloses' | 'downloadFundingSettlements'
>;

export const DOWNLOAD_SERIES = ['daily-close', 'funding'] as const;
export type DownloadSeries = (typeof DOWNLOAD_SERIES)[number];

export interface HistoryDownloadProgress {
  asset: string;
  series: DownloadSeries;
  /** Points downloaded into this series so far (this run and earlier ones). */
  done: number;
  /** Points expected once it is complete: `done` and an estimate of what is left up to now. */
  total: number;
  /** Share of the time from the venue's first point to now covered, 0 to 1, never decreasing. */
  fraction: number;
}

export interface HistoryDownloadOptions {
  store: HistoryStore;
  source: LongHistorySource;
  /** The subject of an asset's series: `demo:BTC`, `binance:BTC` (see market/series). */
  subjectOf: (asset: string) => string;
  /** Hears every step of every series. */
  emit?: (progress: HistoryDownloadProgress) => void;
  /** Stops the download between pages; what was stored stays, and the next download resumes. */
  signal?: AbortSignal;
  /** The download's clock: everything up to now is fetched. */
  now?: () => number;
}

export interface HistoryDownloadResult {
  /** Points stored by this call, per asset and series (some were there already: not counted). */
  stored: Record<string, Record<DownloadSeries, number>>;
  /** Points of the venue's history on hand after this call, from it and earlier ones. */
  held: Record<string, Record<DownloadSeries, number>>;
  /** Pages received by this call. */
  pages: number;
}

const markerSchema = z.object({
  version: z.literal(1),
  /** Where the first download began (the venue's first point, or where it was asked from). */
  since: z.number().int().nullable(),
  /** Everything before this time was fetched and stored. */
  cursor: z.number().int().nullable(),
  /** Points downloaded so far. */
  stored: z.number().int().nonnegative(),
  /** Milliseconds between points, as last seen (for the estimate of what is left). */
  spacing: z.number().positive(),
});
type Marker = z.infer<typeof markerSchema>;

/** The stored series of each download series; settlements keep their intervals beside them. */
export function downloadTargets(subject: string): Record<DownloadSeries, SeriesKey> & {
  fundingInterval: SeriesKey;
} {
  return {
    'daily-close': seriesKey(subject, 'daily-close'),
    funding: seriesKey(subject, 'funding'),
    fundingInterval: seriesKey(subject, 'funding-interval'),
  };
}

export function downloadMarkerPath(store: HistoryStore, key: SeriesKey): string {
  return join(store.dir, '.backtest-download', encodeSubject(key.subject), `${key.field}.json`);
}

async function readMarker(store: HistoryStore, key: SeriesKey, spacing: number): Promise<Marker> {
  const fresh: Marker = { version: 1, since: null, cursor: null, stored: 0, spacing };
  try {
    const parsed = markerSchema.safeParse(
      JSON.parse(await readFile(downloadMarkerPath(store, key), 'utf8')),
    );
    return parsed.success ? parsed.data : fresh;
  } catch {
    // No marker (or a garbled one): download from the start; storing a page twice stores nothing new.
    return fresh;
  }
}

async function writeMarker(store: HistoryStore, key: SeriesKey, marker: Marker): Promise<void> {
  const path = downloadMarkerPath(store, key);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, Buffer.from(JSON.stringify(marker)));
  } catch (error) {
    throw new PremiaError(
      'unavailable',
      `Premia could not note how far the history of ${key.subject} was downloaded: ${describeFileProblem(path, error)}.`,
    );
  }
}

function progressOf(
  asset: string,
  series: DownloadSeries,
  marker: Marker,
  now: number,
): HistoryDownloadProgress {
  const { since, cursor, stored, spacing } = marker;
  const left = cursor === null ? 0 : Math.max(0, Math.floor((now - cursor) / spacing));
  const span = since === null || cursor === null ? 0 : now - since;
  const fraction =
    since === null || cursor === null
      ? 0
      : span <= 0
        ? 1
        : Math.min(1, Math.max(0, (cursor - since) / span));
  return { asset, series, done: stored, total: stored + left, fraction };
}

/** Downloads one series of one asset, resuming after its marker. */
async function downloadSeries(
  options: HistoryDownloadOptions,
  asset: string,
  series: DownloadSeries,
  result: HistoryDownloadResult,
): Promise<void> {
  const { store, source, signal } = options;
  const now = options.now ?? Date.now;
  const targets = downloadTargets(options.subjectOf(asset));
  const key = targets[series];
  let marker = await readMarker(store, key, series === 'funding' ? 8 * HOUR_MS : DAY_MS);
  const until = Math.floor(now());
  const emit = (): void => options.emit?.(progressOf(asset, series, marker, until));
  emit();
  const window = { until, signal, ...(marker.cursor !== null ? { since: marker.cursor } : {}) };
  const pages =
    series === 'daily-close'
      ? mapPages(source.downloadDailyCloses(asset, window), (p) => ({ t: p.day, v: p.close }))
      : mapPages(source.downloadFundingSettlements(asset, window), (p) => ({ t: p.at, v: p.rate }));
  for await (const page of pages) {
    result.pages++;
    if (page.points.length > 0) {
      const spacing = spacingOf(page.points) ?? marker.spacing;
      const taken = await store.importSeries(key, page.points);
      if (series === 'funding') {
        const hours = Math.max(1, Math.round(spacing / HOUR_MS));
        await storeSettlementIntervals(store, key, targets.fundingInterval, page.points, hours);
      }
      result.stored[asset]![series] += taken;
      const first = page.points[0]!.t;
      marker = {
        ...marker,
        since: marker.since ?? first,
        stored: marker.stored + page.points.length,
        spacing,
        cursor: page.next,
      };
    } else {
      marker = { ...marker, since: marker.since ?? page.next, cursor: page.next };
    }
    await writeMarker(store, key, marker);
    emit();
  }
  result.held[asset]![series] = marker.stored;
  // The venue had nothing more: the series is complete up to now.
  marker = {
    ...marker,
    since: marker.since ?? until,
    cursor: Math.max(marker.cursor ?? until, until),
  };
  options.emit?.({
    ...progressOf(asset, series, marker, until),
    total: marker.stored,
    fraction: 1,
  });
}

async function* mapPages<P>(
  pages: AsyncIterable<{ points: P[]; next: number }>,
  point: (p: P) => SeriesPoint,
): AsyncGenerator<{ points: SeriesPoint[]; next: number }> {
  for await (const page of pages) yield { points: page.points.map(point), next: page.next };
}

/** The most common spacing between a page's points (its own interval), if it has two. */
function spacingOf(points: readonly SeriesPoint[]): number | null {
  if (points.length < 2) return null;
  const last = points[points.length - 1]!;
  const before = points[points.length - 2]!;
  return last.t - before.t > 0 ? last.t - before.t : null;
}

/**
 * Downloads each asset's daily closes and funding settlements, one series after the other. Throws
 * the signal's reason when cancelled, and a venue's or the disk's failure as it comes; either way
 * what was stored stays and the next call continues from it.
 */
export async function downloadBacktestHistory(
  assets: readonly string[],
  options: HistoryDownloadOptions,
): Promise<HistoryDownloadResult> {
  const result: HistoryDownloadResult = { stored: {}, held: {}, pages: 0 };
  for (const asset of assets) {
    result.stored[asset] = { 'daily-close': 0, funding: 0 };
    result.held[asset] = { 'daily-close': 0, funding: 0 };
    for (const series of DOWNLOAD_SERIES) {
      options.signal?.throwIfAborted();
      await downloadSeries(options, asset, series, result);
    }
  }
  return result;
}
