// Backtests and sweeps on history read from CSV files in this window. The core is pure, so they run
// here as on the host; a sweep hands the thread back between cells so the page stays responsive.
import { BacktestRequestError, runBacktest } from '../../../core/backtest';
import { BacktestDataError, type BacktestSeries } from '../../../core/backtest-series';
import { collectSweep, startSweep, SweepStoppedError } from '../../../core/backtest-sweep';
import type { BacktestRequestInput, BacktestResult, FundingSource } from '../../../shared/backtest';
import type {
  BacktestSweepProgress,
  BacktestSweepRequestInput,
  BacktestSweepResult,
} from '../../../shared/backtest-sweep';
import { PremiaError } from '../../../shared/errors';

/** History read from files, ready to run on. */
export interface LocalHistory {
  series: BacktestSeries[];
  funding: FundingSource;
}

function asPremiaError(error: unknown): unknown {
  if (error instanceof BacktestDataError || error instanceof BacktestRequestError) {
    return new PremiaError('invalid-input', error.message);
  }
  if (error instanceof SweepStoppedError) return new PremiaError('unavailable', error.message);
  return error;
}

/** A macrotask later: lets the page paint and handle input between two cells. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function runLocalBacktest(
  history: LocalHistory,
  request: BacktestRequestInput,
): BacktestResult {
  try {
    return runBacktest(history.series, { ...request, funding: history.funding });
  } catch (error) {
    throw asPremiaError(error);
  }
}

export async function runLocalSweep(
  history: LocalHistory,
  input: BacktestSweepRequestInput,
  pacing: { onProgress(progress: BacktestSweepProgress): void; stopped(): boolean },
): Promise<BacktestSweepResult> {
  try {
    const run = startSweep(history.series, {
      ...input,
      request: { ...input.request, funding: history.funding },
    });
    return await collectSweep(run, { ...pacing, nextTurn: nextTask });
  } catch (error) {
    throw asPremiaError(error);
  }
}
