// What the configured settings would have done on real history: the regime policy against buy and
// hold, a static 70/30 and an always-on carry, each costed and measured the same way.
import type {
  BacktestMetrics,
  BacktestRequest,
  BacktestRequestInput,
  BacktestResult,
  BacktestStrategyName,
  BacktestStrategyResult,
} from '../shared/backtest';
import { backtestRequestSchema } from '../shared/backtest';
import type { Regime } from '../shared/strategy';
import { REGIMES } from '../shared/strategy';
import { DEFAULT_POLICY, resolveAssetMix } from './allocation';
import type { RunContext, StrategyRun } from './backtest-benchmarks';
import { runCarry, runHodl, runStatic } from './backtest-benchmarks';
import { curveMetrics, drawdownCurve } from './backtest-metrics';
import type { ResolvedPolicy } from './backtest-policy';
import { runPolicy } from './backtest-policy';
import type { AlignedHistory, BacktestSeries } from './backtest-series';
import { alignSeries, barLabel, barsPerYear, BacktestDataError, stepMs } from './backtest-series';
import { DEFAULT_HISTORY_K } from './calibration';
import { DEFAULT_THRESHOLDS } from './regime';
import { DEFAULT_SIGNAL_OPTIONS } from './signal';
import { DAY_MS } from '../shared/time';

/** A return needs two bars; below that there is nothing to measure. */
export const MIN_BACKTEST_BARS = 2;

/** A request that is not one, with every problem in words (field: message). */
export class BacktestRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BacktestRequestError';
  }
}

/** Checks a request and fills in its defaults, or says what is wrong with it. */
export function parseBacktestRequest(input: BacktestRequestInput | unknown): BacktestRequest {
  const parsed = backtestRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`,
  );
  throw new BacktestRequestError(`the backtest request is not valid: ${problems.join('; ')}`);
}

/** The policy of a request with the app's defaults where it leaves something out. */
export function resolvePolicy(request: BacktestRequest): ResolvedPolicy {
  const barsPerDay = DAY_MS / stepMs(request.step);
  const t = request.policy.thresholds;
  return {
    thresholds: {
      mode: t?.mode ?? 'fixed',
      fixed: t?.fixed ?? { ...DEFAULT_THRESHOLDS },
      historyK: t?.historyK ?? { ...DEFAULT_HISTORY_K },
    },
    signalBars:
      (request.policy.averagingWindowDays ?? DEFAULT_SIGNAL_OPTIONS.averagingWindowDays) *
      barsPerDay,
    historyBars: 365 * barsPerDay,
    weights: request.policy.weights ?? DEFAULT_POLICY,
    rule: request.rebalance.rule,
    driftBand: request.rebalance.driftBand,
  };
}

/** The history lined up for a request, with everything the strategies share. */
export function prepareRun(
  series: readonly BacktestSeries[],
  request: BacktestRequest,
): RunContext {
  const history: AlignedHistory = alignSeries(
    series,
    request.assets,
    request.step,
    { from: request.from, to: request.to },
    MIN_BACKTEST_BARS,
  );
  const mix = resolveAssetMix(request.assets, request.mix);
  // A daily mean of 8-hourly rates is paid three times a day.
  const times = request.funding === 'daily-mean' ? 3 : 1;
  return {
    history,
    shares: history.assets.map((a) => mix[a] as number),
    paid: history.funding.map((f) => f.map((r) => r * times)),
    tradeCost: request.fee + request.slippage,
    stableYieldPerBar: request.stableYield / barsPerYear(request.step),
  };
}

function timeInRegime(regimes: readonly Regime[][], shares: readonly number[]) {
  const out: Partial<Record<Regime, number>> = {};
  regimes.forEach((path, a) => {
    const weight = (shares[a] as number) / path.length;
    for (const r of path) out[r] = (out[r] ?? 0) + weight;
  });
  const ordered: Partial<Record<Regime, number>> = {};
  for (const r of REGIMES) if (out[r] !== undefined) ordered[r] = out[r];
  return ordered;
}

function strategyResult(
  name: BacktestStrategyName,
  run: StrategyRun,
  dates: readonly string[],
  perYear: number,
  regimeShare: BacktestMetrics['timeInRegime'] = {},
): BacktestStrategyResult {
  const m = curveMetrics(run.equity, perYear);
  return {
    name,
    equity: run.equity,
    drawdown: drawdownCurve(run.equity),
    metrics: {
      cagr: m.cagr,
      volatility: m.volatility,
      sharpe: m.sharpe,
      maxDrawdown: m.maxDrawdown,
      maxDrawdownFrom: m.maxDrawdownFrom === null ? null : (dates[m.maxDrawdownFrom] ?? null),
      maxDrawdownTo: m.maxDrawdownTo === null ? null : (dates[m.maxDrawdownTo] ?? null),
      finalMultiple: m.finalMultiple,
      rebalances: run.rebalances,
      feesPaid: run.feesPaid,
      fundingEarned: run.fundingEarned,
      timeInRegime: regimeShare,
    },
  };
}

/** The calendar days a run covers, first and last included. */
export function runWindow(at: readonly number[]): BacktestResult['window'] {
  const first = at[0] as number;
  const last = at[at.length - 1] as number;
  return {
    from: barLabel(first, 'day'),
    to: barLabel(last, 'day'),
    days: Math.floor(last / DAY_MS) - Math.floor(first / DAY_MS) + 1,
  };
}

/**
 * Runs the four strategies over the bars every requested asset shares within [from, to]. The first
 * bar of that window is a fresh start: nothing before it is used. Throws a BacktestRequestError for
 * a request that is not valid and a BacktestDataError (naming the date) for history that cannot be
 * used or is too short.
 */
export function runBacktest(
  series: readonly BacktestSeries[],
  input: BacktestRequestInput,
): BacktestResult {
  const request = parseBacktestRequest(input);
  const ctx = prepareRun(series, request);
  const { history } = ctx;
  const perYear = barsPerYear(request.step);
  const dates = history.at.map((at) => barLabel(at, request.step));
  const policy = runPolicy(ctx, resolvePolicy(request), perYear);
  const regimes: Record<string, Regime[]> = {};
  history.assets.forEach((a, i) => (regimes[a] = policy.regimes[i] as Regime[]));
  return {
    window: runWindow(history.at),
    step: request.step,
    dates,
    strategies: {
      hodl: strategyResult('hodl', runHodl(ctx), dates, perYear),
      static: strategyResult('static', runStatic(ctx), dates, perYear),
      carry: strategyResult(
        'carry',
        runCarry(ctx, request.carryRoundTrip, request.slippage),
        dates,
        perYear,
      ),
      policy: strategyResult(
        'policy',
        policy,
        dates,
        perYear,
        timeInRegime(policy.regimes, ctx.shares),
      ),
    },
    regimes,
  };
}

export { BacktestDataError };
