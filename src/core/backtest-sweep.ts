// The policy run over a grid of two fixed thresholds, for a heat map of what each pair would have
// done. The history is lined up once; only the policy is replayed per cell.
import type { BacktestRequestInput, BacktestMetrics } from '../shared/backtest';
import type { Thresholds } from '../shared/strategy';
import { thresholdOrderProblem } from '../shared/strategy';
import { parseBacktestRequest, prepareRun, resolvePolicy } from './backtest';
import { curveMetrics } from './backtest-metrics';
import { runPolicy } from './backtest-policy';
import type { BacktestSeries } from './backtest-series';
import { barLabel, barsPerYear } from './backtest-series';

export interface SweepAxis {
  threshold: keyof Thresholds;
  values: readonly number[];
}

/** One cell: the policy's figures, or why the pair of levels is not a usable threshold set. */
export type SweepCell =
  | { ok: true; thresholds: Thresholds; metrics: Omit<BacktestMetrics, 'timeInRegime'> }
  | { ok: false; thresholds: Thresholds; problem: string };

/**
 * The policy with fixed thresholds, the request's own (or the defaults) with `rows.threshold` set to
 * each of `rows.values` and `columns.threshold` to each of `columns.values`: cells[row][column].
 * Setting `moderateFrom` moves `extremeExit` with it when they were equal, as the defaults have it.
 */
export function sweep(
  series: readonly BacktestSeries[],
  input: BacktestRequestInput,
  rows: SweepAxis,
  columns: SweepAxis,
): SweepCell[][] {
  const request = parseBacktestRequest(input);
  const ctx = prepareRun(series, request);
  const base = resolvePolicy(request);
  const perYear = barsPerYear(request.step);
  const dates = ctx.history.at.map((at) => barLabel(at, request.step));
  const set = (t: Thresholds, key: keyof Thresholds, value: number): Thresholds => {
    const next = { ...t, [key]: value };
    if (key === 'moderateFrom' && t.extremeExit === t.moderateFrom) next.extremeExit = value;
    return next;
  };
  return rows.values.map((r) =>
    columns.values.map((c): SweepCell => {
      const thresholds = set(set(base.thresholds.fixed, rows.threshold, r), columns.threshold, c);
      const problem = thresholdOrderProblem(thresholds);
      if (problem) {
        return { ok: false, thresholds, problem: `${problem.field} ${problem.message}` };
      }
      const run = runPolicy(
        ctx,
        { ...base, thresholds: { ...base.thresholds, mode: 'fixed', fixed: thresholds } },
        perYear,
      );
      const m = curveMetrics(run.equity, perYear);
      const date = (i: number | null) => (i === null ? null : (dates[i] ?? null));
      return {
        ok: true,
        thresholds,
        metrics: {
          ...m,
          maxDrawdownFrom: date(m.maxDrawdownFrom),
          maxDrawdownTo: date(m.maxDrawdownTo),
          rebalances: run.rebalances,
          feesPaid: run.feesPaid,
          fundingEarned: run.fundingEarned,
        },
      };
    }),
  );
}
