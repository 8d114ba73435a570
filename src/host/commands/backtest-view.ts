// What `premia backtest` prints: one JSON object for programs, or a table for people.
import { formatPercent } from '../../core/format';
import type { BacktestResult } from '../../shared/backtest';
import { BACKTEST_STRATEGIES, BACKTEST_STRATEGY_LABELS } from '../../shared/backtest';
import { REGIME_LABELS, REGIMES } from '../../shared/strategy';
import { textTable } from '../text-table';

/** The promised JSON: the window and each strategy's figures (decimals, dates YYYY-MM-DD). */
export function backtestJson(result: BacktestResult) {
  return {
    window: { from: result.window.from, to: result.window.to, days: result.window.days },
    strategies: BACKTEST_STRATEGIES.map((name) => {
      const m = result.strategies[name].metrics;
      return {
        name,
        cagr: m.cagr,
        volatility: m.volatility,
        maxDrawdown: m.maxDrawdown,
        maxDrawdownFrom: m.maxDrawdownFrom,
        maxDrawdownTo: m.maxDrawdownTo,
        sharpe: m.sharpe,
        finalMultiple: m.finalMultiple,
        rebalances: m.rebalances,
        feesPaid: m.feesPaid,
        fundingEarned: m.fundingEarned,
        timeInRegime: { ...m.timeInRegime },
      };
    }),
  };
}

/** The figures side by side, then where the policy spent its time. */
export function backtestTable(result: BacktestResult): string[] {
  const { from, to, days } = result.window;
  const rows = BACKTEST_STRATEGIES.map((name) => {
    const m = result.strategies[name].metrics;
    return [
      BACKTEST_STRATEGY_LABELS[name],
      formatPercent(m.cagr),
      formatPercent(m.volatility, 1),
      m.sharpe.toFixed(2),
      formatPercent(m.maxDrawdown),
      m.maxDrawdownFrom === null ? '—' : `${m.maxDrawdownFrom} → ${m.maxDrawdownTo ?? ''}`,
      `${m.finalMultiple.toFixed(3)}×`,
      String(m.rebalances),
      formatPercent(m.feesPaid),
      formatPercent(m.fundingEarned),
    ];
  });
  const table = textTable(
    [
      { title: 'strategy', align: 'left' },
      { title: 'CAGR', align: 'right' },
      { title: 'volatility', align: 'right' },
      { title: 'Sharpe', align: 'right' },
      { title: 'max drawdown', align: 'right' },
      { title: 'peak → trough', align: 'left' },
      { title: 'final', align: 'right' },
      { title: 'rebalances', align: 'right' },
      { title: 'fees', align: 'right' },
      { title: 'funding', align: 'right' },
    ],
    rows,
  );
  const time = result.strategies.policy.metrics.timeInRegime;
  const spent = REGIMES.filter((r) => time[r] !== undefined).map(
    (r) => `${REGIME_LABELS[r]} ${formatPercent(time[r] ?? 0, 1)}`,
  );
  return [
    `Backtest ${from} to ${to} (${days} days), starting from 1; fees and funding in units of the start.`,
    '',
    ...table,
    '',
    `Time in regime (policy): ${spent.join(', ')}`,
  ];
}
