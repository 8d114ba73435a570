// The policy run over a grid of two of its parameters, for a map of what each pair would have done.
// The history is lined up once; only the policy is replayed per cell, one cell at a time, so a
// caller can show progress and stop between cells.
import type {
  BacktestSweepProgress,
  BacktestSweepRequest,
  BacktestSweepRequestInput,
  BacktestSweepResult,
  SweepCell,
  SweepParameter,
} from '../shared/backtest-sweep';
import { backtestSweepRequestSchema } from '../shared/backtest-sweep';
import type { BacktestRequest } from '../shared/backtest';
import type { HistoryK, Thresholds } from '../shared/strategy';
import { thresholdOrderProblem } from '../shared/strategy';
import { BacktestRequestError, prepareRun, resolvePolicy, runWindow } from './backtest';
import { curveMetrics } from './backtest-metrics';
import type { ResolvedPolicy } from './backtest-policy';
import { runPolicy } from './backtest-policy';
import type { BacktestSeries } from './backtest-series';
import { barLabel, barsPerYear } from './backtest-series';

/** Checks a sweep request and fills in its defaults, or says what is wrong with it. */
export function parseSweepRequest(
  input: BacktestSweepRequestInput | unknown,
): BacktestSweepRequest {
  const parsed = backtestSweepRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`,
  );
  throw new BacktestRequestError(`the sweep request is not valid: ${problems.join('; ')}`);
}

const THRESHOLD_KEYS: Partial<Record<SweepParameter, keyof Thresholds>> = {
  moderateFrom: 'moderateFrom',
  extremeAbove: 'extremeAbove',
  deepBelow: 'deepBelow',
  extremeExit: 'extremeExit',
};
const MULTIPLE_KEYS: Partial<Record<SweepParameter, keyof HistoryK>> = {
  kModerate: 'moderate',
  kExtreme: 'extreme',
};

/**
 * The policy of one cell: the request's own with the two parameters set. A fixed level swept means
 * fixed thresholds, a multiple swept means thresholds from history. Moving `moderateFrom` moves
 * `extremeExit` with it when they were equal (as the defaults have them) and the exit is not swept.
 */
function cellPolicy(
  request: BacktestRequest,
  set: readonly (readonly [SweepParameter, number])[],
): { policy: ResolvedPolicy } | { problem: string } {
  const base = resolvePolicy(request);
  const fixed = { ...base.thresholds.fixed };
  const historyK = { ...base.thresholds.historyK };
  let mode = base.thresholds.mode;
  let averagingWindowDays = request.policy.averagingWindowDays;
  const swept = new Set(set.map(([p]) => p));
  for (const [parameter, value] of set) {
    const level = THRESHOLD_KEYS[parameter];
    const multiple = MULTIPLE_KEYS[parameter];
    if (level) {
      mode = 'fixed';
      if (
        level === 'moderateFrom' &&
        !swept.has('extremeExit') &&
        base.thresholds.fixed.extremeExit === base.thresholds.fixed.moderateFrom
      ) {
        fixed.extremeExit = value;
      }
      fixed[level] = value;
    } else if (multiple) {
      mode = 'history';
      historyK[multiple] = value;
    } else {
      averagingWindowDays = value;
    }
  }
  const problem = thresholdOrderProblem(fixed);
  if (mode === 'fixed' && problem) return { problem: `${problem.field} ${problem.message}` };
  if (mode === 'history' && !(historyK.moderate < historyK.extreme)) {
    return { problem: 'the extreme multiple must be above the moderate multiple' };
  }
  const policy = resolvePolicy({
    ...request,
    policy: { ...request.policy, thresholds: { mode, fixed, historyK }, averagingWindowDays },
  });
  return { policy };
}

export interface SweepRun {
  window: BacktestSweepResult['window'];
  total: number;
  /** The cells in order, row by row: each `next()` runs one. */
  cells: Generator<{ row: number; column: number; cell: SweepCell }, void, void>;
}

/**
 * Lines the history up for a sweep (throwing, as `runBacktest` does, for a request or history that
 * cannot be used) and hands back the cells to run one by one.
 */
export function startSweep(
  series: readonly BacktestSeries[],
  input: BacktestSweepRequestInput,
): SweepRun & { request: BacktestSweepRequest } {
  const sweepRequest = parseSweepRequest(input);
  const { request, rows, columns } = sweepRequest;
  const ctx = prepareRun(series, request);
  const perYear = barsPerYear(request.step);
  const dates = ctx.history.at.map((at) => barLabel(at, request.step));
  const date = (i: number | null) => (i === null ? null : (dates[i] ?? null));

  function* cells(): SweepRun['cells'] {
    for (const [row, r] of rows.values.entries()) {
      for (const [column, c] of columns.values.entries()) {
        const chosen = cellPolicy(request, [
          [rows.parameter, r],
          [columns.parameter, c],
        ]);
        if ('problem' in chosen) {
          yield { row, column, cell: { ok: false, problem: chosen.problem } };
          continue;
        }
        const run = runPolicy(ctx, chosen.policy, perYear);
        const m = curveMetrics(run.equity, perYear);
        yield {
          row,
          column,
          cell: {
            ok: true,
            metrics: {
              ...m,
              maxDrawdownFrom: date(m.maxDrawdownFrom),
              maxDrawdownTo: date(m.maxDrawdownTo),
              rebalances: run.rebalances,
              feesPaid: run.feesPaid,
              fundingEarned: run.fundingEarned,
            },
          },
        };
      }
    }
  }

  return {
    request: sweepRequest,
    window: runWindow(ctx.history.at),
    total: rows.values.length * columns.values.length,
    cells: cells(),
  };
}

/** The whole sweep at once: cells[row][column]. */
export function sweep(
  series: readonly BacktestSeries[],
  input: BacktestSweepRequestInput,
): BacktestSweepResult {
  const run = startSweep(series, input);
  const { rows, columns } = run.request;
  const grid: SweepCell[][] = rows.values.map(() => []);
  for (const { row, cell } of run.cells) grid[row]?.push(cell);
  return { window: run.window, rows, columns, cells: grid };
}

/** How a long sweep shares its thread: progress after each cell, a turn for others, a way to stop. */
export interface SweepPacing {
  onProgress(progress: BacktestSweepProgress): void;
  /** Resolves once other work has had its turn. */
  nextTurn(): Promise<void>;
  /** Asked after each cell; true stops the sweep with a SweepStoppedError. */
  stopped(): boolean;
}

export class SweepStoppedError extends Error {
  constructor() {
    super('The sweep was stopped before it finished.');
    this.name = 'SweepStoppedError';
  }
}

/** Runs a started sweep's cells one by one, handing the thread back between cells. */
export async function collectSweep(
  run: ReturnType<typeof startSweep>,
  pacing: SweepPacing,
): Promise<BacktestSweepResult> {
  const { rows, columns } = run.request;
  const grid: SweepCell[][] = rows.values.map(() => []);
  let done = 0;
  pacing.onProgress({ done, total: run.total });
  for (const { row, cell } of run.cells) {
    grid[row]?.push(cell);
    done += 1;
    pacing.onProgress({ done, total: run.total });
    await pacing.nextTurn();
    if (pacing.stopped()) throw new SweepStoppedError();
  }
  return { window: run.window, rows, columns, cells: grid };
}
