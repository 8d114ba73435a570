// The backtests' history as the app holds it: one download at a time (asking again while one runs
// joins it), cancellable, and the reader of the bars, each bound to the market source's series.
import type { HistoryStore } from '../history';
import {
  downloadBacktestHistory,
  type HistoryDownloadProgress,
  type HistoryDownloadResult,
  type LongHistorySource,
} from './download';
import { readBacktestSeries, type BacktestSeries } from './read-series';

export interface BacktestHistoryDeps {
  store: HistoryStore;
  source: LongHistorySource;
  /** The subject of an asset's series: `demo:BTC`, `binance:BTC`. */
  subjectOf: (asset: string) => string;
  emit?: (progress: HistoryDownloadProgress) => void;
  now?: () => number;
}

export interface BacktestHistory {
  /**
   * Downloads what is missing of each asset's history. While a download runs, asking again for the
   * same assets joins it; asking for others waits for it, then downloads them.
   */
  download(assets: readonly string[]): Promise<HistoryDownloadResult>;
  /** Whether a download is under way. */
  running(): boolean;
  /** Stops every download under way or waiting, between pages; each rejects with an AbortError. */
  cancel(): void;
  readBacktestSeries(asset: string, from?: number, to?: number): Promise<BacktestSeries>;
}

export function createBacktestHistory(deps: BacktestHistoryDeps): BacktestHistory {
  let current: {
    key: string;
    done: Promise<HistoryDownloadResult>;
    abort: AbortController;
  } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** Every download running or waiting its turn, so a cancel stops them all. */
  const pending = new Set<AbortController>();

  return {
    download(assets) {
      const key = [...new Set(assets)].sort().join(',');
      if (current && current.key === key) return current.done;
      const abort = new AbortController();
      pending.add(abort);
      const run = async (): Promise<HistoryDownloadResult> => {
        abort.signal.throwIfAborted();
        return downloadBacktestHistory(assets, {
          store: deps.store,
          source: deps.source,
          subjectOf: deps.subjectOf,
          signal: abort.signal,
          ...(deps.emit ? { emit: deps.emit } : {}),
          ...(deps.now ? { now: deps.now } : {}),
        });
      };
      const done = queue.then(run, run);
      const entry = { key, done, abort };
      current = entry;
      queue = done.catch(() => undefined);
      void queue.then(() => {
        pending.delete(abort);
        if (current === entry) current = null;
      });
      return done;
    },
    running: () => current !== null,
    cancel() {
      for (const abort of pending) {
        abort.abort(new DOMException('The history download was cancelled.', 'AbortError'));
      }
    },
    readBacktestSeries: (asset, from, to) =>
      readBacktestSeries(deps.store, deps.subjectOf(asset), from, to),
  };
}
