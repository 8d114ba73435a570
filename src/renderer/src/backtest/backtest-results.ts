// A backtest's result shaped for reading: the metrics table's rows, the curves as CSV, the regime
// runs of the coloured band, and a text summary of the chart for those who cannot see it.
import { formatPercent, formatPrice, MISSING } from '../../../core/format';
import {
  BACKTEST_STRATEGIES,
  BACKTEST_STRATEGY_LABELS,
  type BacktestResult,
  type BacktestStrategyName,
} from '../../../shared/backtest';
import { REGIME_LABELS, REGIMES, type Regime } from '../../../shared/strategy';

export interface MetricRow {
  name: BacktestStrategyName;
  label: string;
  cagr: string;
  volatility: string;
  sharpe: string;
  maxDrawdown: string;
  /** 'from 2021-11-08 to 2022-11-21', or '' when equity never fell. */
  maxDrawdownDates: string;
  finalMultiple: string;
  rebalances: string;
  fees: string;
  funding: string;
  /** 'Neutral 52.0%, Moderate contango 30.0%', or '—' for a strategy without regimes. */
  timeInRegime: string;
}

/** A multiple of the starting value: ×6.55. */
export function formatMultiple(value: number): string {
  return Number.isFinite(value) ? `×${formatPrice(value, 2)}` : MISSING;
}

export function metricRows(result: BacktestResult): MetricRow[] {
  return BACKTEST_STRATEGIES.map((name) => {
    const m = result.strategies[name].metrics;
    const regimes = REGIMES.filter((r) => (m.timeInRegime[r] ?? 0) > 0);
    return {
      name,
      label: BACKTEST_STRATEGY_LABELS[name],
      cagr: formatPercent(m.cagr),
      volatility: formatPercent(m.volatility),
      sharpe: formatPrice(m.sharpe, 2),
      maxDrawdown: formatPercent(m.maxDrawdown),
      maxDrawdownDates:
        m.maxDrawdownFrom !== null && m.maxDrawdownTo !== null
          ? `from ${m.maxDrawdownFrom} to ${m.maxDrawdownTo}`
          : '',
      finalMultiple: formatMultiple(m.finalMultiple),
      rebalances: Number.isFinite(m.rebalances) ? formatPrice(m.rebalances, 0) : MISSING,
      fees: formatPercent(m.feesPaid),
      funding: formatPercent(m.fundingEarned),
      timeInRegime:
        regimes.length === 0
          ? MISSING
          : regimes
              .map((r) => `${REGIME_LABELS[r]} ${formatPercent(m.timeInRegime[r] ?? 0, 1)}`)
              .join(', '),
    };
  });
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The equity curves as CSV: a header `date` then one column per strategy, and a line per bar with
 * every value at full precision. A value that is not a number is left empty, never written as 0.
 */
export function curvesCsv(result: BacktestResult): string {
  const header = ['date', ...BACKTEST_STRATEGIES.map((s) => BACKTEST_STRATEGY_LABELS[s])];
  const lines = [header.map(csvCell).join(',')];
  result.dates.forEach((date, i) => {
    const values = BACKTEST_STRATEGIES.map((s) => {
      const v = result.strategies[s].equity[i];
      return v !== undefined && Number.isFinite(v) ? String(v) : '';
    });
    lines.push([csvCell(date), ...values].join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}

/** The file name of the curves' CSV: the assets and the window. */
export function curvesFileName(result: BacktestResult, assets: readonly string[]): string {
  const who = assets.length > 0 ? assets.join('-') : 'portfolio';
  return `premia-backtest-${who}-${result.window.from}-to-${result.window.to}.csv`;
}

/** A bar's date (YYYY-MM-DD, or with its hour) as milliseconds since the epoch, UTC. */
export function barTimeMs(date: string): number {
  return Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
}

export interface RegimeRun {
  regime: Regime;
  from: string;
  to: string;
}

/** The regime over time as runs of consecutive bars in the same regime. */
export function regimeRuns(dates: readonly string[], regimes: readonly Regime[]): RegimeRun[] {
  const runs: RegimeRun[] = [];
  const count = Math.min(dates.length, regimes.length);
  for (let i = 0; i < count; i++) {
    const regime = regimes[i]!;
    const date = dates[i]!;
    const last = runs[runs.length - 1];
    if (last && last.regime === regime) last.to = date;
    else runs.push({ regime, from: date, to: date });
  }
  return runs;
}

/** What the chart shows, in sentences. */
export function chartSummary(result: BacktestResult): string {
  const { from, to, days } = result.window;
  const ends = BACKTEST_STRATEGIES.map(
    (s) =>
      `${BACKTEST_STRATEGY_LABELS[s]} ${formatMultiple(result.strategies[s].metrics.finalMultiple)}`,
  ).join(', ');
  const policy = result.strategies.policy.metrics;
  const fall =
    policy.maxDrawdownFrom !== null && policy.maxDrawdownTo !== null
      ? `The regime policy's deepest fall was ${formatPercent(policy.maxDrawdown)}, from ${policy.maxDrawdownFrom} to ${policy.maxDrawdownTo}.`
      : 'The regime policy never fell below an earlier peak.';
  const assets = Object.keys(result.regimes);
  const changes = assets
    .map((a) => {
      const runs = regimeRuns(result.dates, result.regimes[a] ?? []);
      const lastRun = runs[runs.length - 1];
      return `${a} changed regime ${runs.length - 1} times${lastRun ? `, ending in ${REGIME_LABELS[lastRun.regime].toLowerCase()}` : ''}`;
    })
    .join('; ');
  const span = `${formatPrice(days, 0)} ${days === 1 ? 'day' : 'days'}`;
  return `From ${from} to ${to} (${span}), one unit grew to: ${ends}. ${fall}${changes ? ` ${changes}.` : ''}`;
}
