// Backtests as the composition root opens them: years of history downloaded from the running
// market's venue into the history store (one job per market source), and backtests run on the daily
// bars read back from it.
import { BacktestDataError } from '../core/backtest-series';
import { BacktestRequestError, runBacktest } from '../core/backtest';
import { collectSweep, startSweep, SweepStoppedError } from '../core/backtest-sweep';
import type { BacktestSeries as CoreSeries } from '../core/backtest-series';
import type { PremiaEvent } from '../shared/api';
import type {
  BacktestHistoryDownloaded,
  BacktestRequest,
  BacktestRequestInput,
  BacktestResult,
} from '../shared/backtest';
import type { BacktestSweepRequest, BacktestSweepResult } from '../shared/backtest-sweep';
import { PremiaError } from '../shared/errors';
import type { BacktestHistory } from './backtest-history';
import { createBacktestHistory, readBacktestSeries } from './backtest-history';
import type { MarketService } from './market';
import { marketSubject, type SourceLabel } from './market/series';

export interface BacktestParts {
  download(assets: readonly string[]): Promise<BacktestHistoryDownloaded>;
  cancel(): void;
  run(request: BacktestRequest): Promise<BacktestResult>;
  /** The policy over a grid of two parameters, cell by cell, with progress; a newer sweep stops it. */
  sweep(request: BacktestSweepRequest): Promise<BacktestSweepResult>;
  cancelSweep(): void;
}

/** Lets the event loop run between two cells, so a long sweep never holds up other requests. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function asInputError(error: unknown): unknown {
  if (error instanceof BacktestDataError || error instanceof BacktestRequestError) {
    return new PremiaError('invalid-input', error.message);
  }
  return error;
}

const notRunning = (): PremiaError =>
  new PremiaError(
    'unavailable',
    'No market runs yet, so there is no venue to download history from; try again once prices arrive.',
  );

/**
 * An asset's stored daily bars from its first day with funding: days before the perpetual existed
 * (or before its settlements were downloaded) carry no funding, and a backtest needs it every day.
 */
function fundedBars(asset: string, read: Awaited<ReturnType<typeof readBacktestSeries>>) {
  const first = read.settlements.findIndex((n) => n > 0);
  if (first < 0) return null;
  const bars = read.t.slice(first).map((at, i) => ({
    at,
    price: read.price[first + i] as number,
    funding: read.funding[first + i] as number,
  }));
  return { asset, bars } satisfies CoreSeries;
}

export function openBacktestParts(options: {
  market: MarketService;
  emit: (event: PremiaEvent) => void;
}): BacktestParts {
  const { market } = options;
  let job: { label: SourceLabel; history: BacktestHistory } | null = null;
  let sweeping: { stopped: boolean } | null = null;

  /** The download job of the running market's source (a new one once the source changes). */
  async function jobFor(): Promise<{ label: SourceLabel; history: BacktestHistory }> {
    const source = market.historySource();
    if (!source) throw notRunning();
    if (job?.label === source.label) return job;
    job?.history.cancel();
    const store = await market.historyStore();
    job = {
      label: source.label,
      history: createBacktestHistory({
        store,
        source: source.gateway,
        subjectOf: (asset) => marketSubject(source.label, asset),
        emit: (progress) => options.emit({ type: 'history-download', progress }),
      }),
    };
    return job;
  }

  /** Each asset's stored daily bars from its first day with funding, for a daily backtest. */
  async function storedSeries(request: BacktestRequestInput): Promise<CoreSeries[]> {
    if ((request.step ?? 'day') !== 'day') {
      throw new PremiaError(
        'invalid-input',
        'step: the stored history is daily; hourly backtests run on CSV files of 8-hourly funding.',
        'step',
      );
    }
    const source = market.historySource();
    const label: SourceLabel | null = source?.label ?? job?.label ?? null;
    if (label === null) throw notRunning();
    const store = await market.historyStore();
    return Promise.all(
      request.assets.map(async (asset) => {
        const bars = fundedBars(
          asset,
          await readBacktestSeries(store, marketSubject(label, asset)),
        );
        if (!bars) {
          throw new PremiaError(
            'not-found',
            `No history of ${asset} with funding is stored yet: download its history first.`,
          );
        }
        return bars;
      }),
    );
  }

  return {
    async download(assets) {
      const { history } = await jobFor();
      try {
        return await history.download(assets);
      } catch (error) {
        if (error instanceof Error && error.name === 'AbortError') {
          throw new PremiaError('unavailable', 'The download was stopped; what came is kept.');
        }
        throw error;
      }
    },

    cancel() {
      job?.history.cancel();
    },

    async run(request) {
      const series = await storedSeries(request);
      try {
        // Bars from the store sum each day's settlements.
        return runBacktest(series, { ...request, funding: 'settled-sum' });
      } catch (error) {
        throw asInputError(error);
      }
    },

    async sweep(input) {
      const series = await storedSeries(input.request);
      let run: ReturnType<typeof startSweep>;
      try {
        run = startSweep(series, {
          ...input,
          request: { ...input.request, funding: 'settled-sum' },
        });
      } catch (error) {
        throw asInputError(error);
      }
      if (sweeping) sweeping.stopped = true;
      const mine = { stopped: false };
      sweeping = mine;
      try {
        return await collectSweep(run, {
          onProgress: (progress) => options.emit({ type: 'backtest-sweep', progress }),
          nextTurn,
          stopped: () => mine.stopped,
        });
      } catch (error) {
        if (error instanceof SweepStoppedError) throw new PremiaError('unavailable', error.message);
        throw error;
      } finally {
        if (sweeping === mine) sweeping = null;
      }
    },

    cancelSweep() {
      if (sweeping) sweeping.stopped = true;
    },
  };
}
