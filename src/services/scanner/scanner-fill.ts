// Fills the last 30 days of settlements of every perpetual the venue lists, so the scanner's averages
// and heat map stand on history from its first minutes rather than after a month of watching.
//
// First one request for the newest settlements of every symbol together (binance's
// /fapi/v1/fundingRate without a symbol: a day or so of the whole venue), then one request per
// perpetual still short of 30 days, the largest funding first. Those share the venue's funding-history
// budget (binance: 500 requests per 5 minutes per IP, with the funding intervals and the tracked
// assets' backfill), so they are spaced to take at most a fifth of it, each held while a cycle's
// quotes are being fetched, and go through the gateway's rate limiting and retries.
import type { FundingPoint } from '../../core';
import { annualizeFunding } from '../../core';
import type { CarryScannerView } from '../../shared/scanner';
import { DAY_MS } from '../../shared/time';
import type { AssetFundingPoint, ExchangeGateway, PerpetualQuote } from '../gateway';
import type { Logger } from '../logger';
import type { PerpetualFundingLedger } from './perpetual-funding';

/** Rows of the one request for every symbol's newest settlements (binance's most). */
export const ALL_SYMBOLS_LIMIT = 1000;
/** Between two per-perpetual requests: 100 per 5 minutes, a fifth of binance's shared 500. */
export const FILL_SPACING_MS = 3_000;
const FILL_DAYS = 30;

export interface ScannerFillOptions {
  gateway: Pick<ExchangeGateway, 'fetchRecentFundingOfAll' | 'fetchFundingHistory'>;
  ledger: PerpetualFundingLedger;
  perpetuals: () => readonly PerpetualQuote[];
  /** Assets the tracked assets' own backfill fills: left to it. */
  tracked: () => readonly string[];
  /** Market time. */
  now: () => number;
  /** Resolves once no cycle is fetching its quotes (they come first). */
  clear: () => Promise<void>;
  /** Waits `ms` (resolves early when `signal` aborts). */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  spacingMs?: number;
  logger: Logger;
}

export interface ScannerFill {
  start(): void;
  state(): CarryScannerView['history'];
  /** Resolves once the fill under way has ended (for tests and the bench). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

function realWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      resolve();
    }
  });
}

function byAsset(points: readonly AssetFundingPoint[]): Map<string, FundingPoint[]> {
  const out = new Map<string, FundingPoint[]>();
  for (const p of points) {
    const list = out.get(p.asset) ?? [];
    list.push({ at: p.at, rate: p.rate, intervalHours: 0 });
    out.set(p.asset, list);
  }
  return out;
}

function fundingSize(perp: PerpetualQuote): number {
  return perp.fundingRate === null
    ? 0
    : Math.abs(annualizeFunding(perp.fundingRate, perp.fundingIntervalHours));
}

export function createScannerFill(options: ScannerFillOptions): ScannerFill {
  const wait = options.wait ?? realWait;
  const spacing = options.spacingMs ?? FILL_SPACING_MS;
  const abort = new AbortController();
  let state: CarryScannerView['history'] = { state: 'waiting', message: null };
  let running: Promise<void> | null = null;

  const withInterval = (points: FundingPoint[], hours: number) =>
    points.map((p) => ({ ...p, intervalHours: hours }));

  async function run(): Promise<void> {
    state = { state: 'filling', message: null };
    const perps = new Map(options.perpetuals().map((p) => [p.asset, p]));
    await options.clear();
    const recent = byAsset(await options.gateway.fetchRecentFundingOfAll(ALL_SYMBOLS_LIMIT));
    for (const [asset, points] of recent) {
      const perp = perps.get(asset);
      if (perp) await options.ledger.import(asset, withInterval(points, perp.fundingIntervalHours));
    }
    const tracked = new Set(options.tracked());
    const queue = [...perps.values()]
      .filter((p) => !tracked.has(p.asset))
      .sort((a, b) => fundingSize(b) - fundingSize(a) || a.asset.localeCompare(b.asset));
    for (const perp of queue) {
      if (abort.signal.aborted) return;
      const since = options.now() - FILL_DAYS * DAY_MS;
      const first = await options.ledger.firstSince(perp.asset, since, perp.fundingIntervalHours);
      // Held from the window's first settlement on: nothing to ask for.
      if (first !== null && first <= since + perp.fundingIntervalHours * 2 * 3_600_000) continue;
      await wait(spacing, abort.signal);
      if (abort.signal.aborted) return;
      await options.clear();
      const points = await options.gateway.fetchFundingHistory(perp.asset, {
        since,
        until: options.now(),
        limit: ALL_SYMBOLS_LIMIT,
      });
      await options.ledger.import(
        perp.asset,
        withInterval(
          points.map((p) => ({ at: p.at, rate: p.rate, intervalHours: 0 })),
          perp.fundingIntervalHours,
        ),
      );
    }
    state = { state: 'filled', message: null };
  }

  return {
    start() {
      if (running || abort.signal.aborted) return;
      running = run().catch((error: unknown) => {
        if (abort.signal.aborted) return;
        options.logger.warn('the scanner could not fill the funding history', error);
        const why = error instanceof Error ? error.message : String(error);
        state = {
          state: 'failed',
          message: `The funding history of the last 30 days could not be fetched: ${why.replace(/\.?$/, '.')} The averages rest on what was recorded since Premia started; it is tried again on the next start.`,
        };
      });
    },
    state: () => state,
    async idle() {
      await running;
    },
    async stop() {
      abort.abort();
      await running;
    },
  };
}
