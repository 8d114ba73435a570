// Backfills assets one at a time as the poller first sees them, so a hundred new assets do not all
// page through the venue's history at once, and tells the UI how far each has got. A failed backfill
// is tried again a while later; markers make every attempt resume where the last stopped.
import { PremiaError } from '../../shared/errors';
import type { BackfillProgress as SharedProgress } from '../../shared/market';
import type { BackfillProgress, HistorySource, HistoryStore } from '../history';
import { Backfiller, DEFAULT_LOOKBACK_MS } from '../history';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { settleWithin, type OneShotTimers } from '../settle-within';
import type { SourceLabel } from './series';
import { marketSeriesKey } from './series';

export interface BackfillQueueOptions {
  store: HistoryStore;
  source: HistorySource;
  label: SourceLabel;
  /** The market's clock: the backfill window ends here. */
  now: () => number;
  onProgress: (progress: SharedProgress) => void;
  /** Called when an asset's history has been filled (or found filled already). */
  onDone?: (asset: string) => void;
  lookbackMs?: number;
  /** The perpetual's current funding interval, for a settlement whose own no spacing tells. */
  fundingIntervalHours?: (asset: string) => number;
  /** Wait before an asset whose backfill failed is tried again. Default 60 s. */
  retryAfterMs?: number;
  /** Wall clock for the retry wait. */
  wallNow?: () => number;
  /**
   * How long `cancel` waits for the page in flight (the venue's reply is not interrupted). Default 2 s;
   * a backfill still running after it fails on its own once the store is closed.
   */
  cancelWaitMs?: number;
  /** The timer of that wait (the global ones by default). */
  timers?: OneShotTimers;
  logger?: Logger;
}

export interface BackfillQueue {
  /** Queues the asset unless it is done, queued, running, or failed too recently. */
  request(asset: string): void;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  /**
   * Stops the running backfill (it resumes on a later request) and forgets the queue; waits for the
   * page in flight at most `cancelWaitMs`.
   */
  cancel(): Promise<void>;
}

const SERIES_SHOWN = { funding: 'funding', price: 'spot' } as const;

export function createBackfillQueue(options: BackfillQueueOptions): BackfillQueue {
  const logger = options.logger ?? silentLogger;
  const wallNow = options.wallNow ?? Date.now;
  const retryAfterMs = options.retryAfterMs ?? 60_000;
  const cancelWaitMs = options.cancelWaitMs ?? 2_000;
  const done = new Set<string>();
  const failedAt = new Map<string, number>();
  const queue: string[] = [];
  /** The last fraction told per asset and series, so a failure is shown where it stopped. */
  const reached = new Map<string, number>();
  let running: { asset: string; job: Promise<void> } | null = null;
  let cancelled = false;
  let idleWaiters: (() => void)[] = [];

  const backfiller = new Backfiller(options.store, options.source, {
    now: options.now,
    lookbackMs: options.lookbackMs ?? DEFAULT_LOOKBACK_MS,
    ...(options.fundingIntervalHours ? { fundingIntervalHours: options.fundingIntervalHours } : {}),
    onProgress: (p: BackfillProgress) => {
      const series = SERIES_SHOWN[p.series];
      reached.set(`${p.asset}/${series}`, p.fraction);
      options.onProgress({
        asset: p.asset,
        series,
        fraction: p.fraction,
        done: p.fraction >= 1,
        error: null,
      });
    },
  });

  function next(): void {
    if (running || cancelled) return;
    const asset = queue.shift();
    if (asset === undefined) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    const targets = {
      funding: marketSeriesKey(options.label, asset, 'funding'),
      price: marketSeriesKey(options.label, asset, 'spot'),
      fundingInterval: marketSeriesKey(options.label, asset, 'funding-interval'),
    };
    const job = backfiller.ensure(asset, targets).then(
      () => {
        done.add(asset);
        failedAt.delete(asset);
        options.onDone?.(asset);
      },
      (error: unknown) => {
        if (cancelled) return;
        failedAt.set(asset, wallNow());
        // A PremiaError's message is written for people; anything else may carry request details.
        const message =
          error instanceof PremiaError ? error.message : 'The history could not be fetched.';
        logger.warn(`backfill of ${asset} failed; it is tried again later`, error);
        for (const series of ['funding', 'spot'] as const) {
          const fraction = reached.get(`${asset}/${series}`) ?? 0;
          if (fraction >= 1) continue;
          options.onProgress({ asset, series, fraction, done: false, error: message });
        }
      },
    );
    running = {
      asset,
      job: job.finally(() => {
        running = null;
        next();
      }),
    };
  }

  return {
    request(asset) {
      if (cancelled || done.has(asset) || queue.includes(asset) || running?.asset === asset) return;
      const failed = failedAt.get(asset);
      if (failed !== undefined && wallNow() - failed < retryAfterMs) return;
      queue.push(asset);
      next();
    },

    idle() {
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },

    async cancel() {
      cancelled = true;
      queue.length = 0;
      backfiller.cancelAll();
      if (running) await settleWithin(running.job, cancelWaitMs, options.timers);
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    },
  };
}
