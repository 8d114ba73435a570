import { describe, expect, it } from 'vitest';
import type {
  BacktestMetrics,
  BacktestResult,
  BacktestStrategyName,
} from '../../../shared/backtest';
import {
  barTimeMs,
  chartSummary,
  curvesCsv,
  curvesFileName,
  metricRows,
  regimeRuns,
} from './backtest-results';

function metrics(over: Partial<BacktestMetrics> = {}): BacktestMetrics {
  return {
    cagr: 0.1234,
    volatility: 0.6,
    sharpe: 1.234,
    maxDrawdown: -0.5,
    maxDrawdownFrom: '2024-01-02',
    maxDrawdownTo: '2024-01-03',
    finalMultiple: 1.1,
    rebalances: 0,
    feesPaid: 0,
    fundingEarned: 0,
    timeInRegime: {},
    ...over,
  };
}

function strategy(
  name: BacktestStrategyName,
  equity: number[],
  over: Partial<BacktestMetrics> = {},
) {
  return { name, equity, drawdown: equity.map(() => 0), metrics: metrics(over) };
}

const result: BacktestResult = {
  window: { from: '2024-01-01', to: '2024-01-04', days: 4 },
  step: 'day',
  dates: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'],
  strategies: {
    hodl: strategy('hodl', [1, 1.2, 0.6, 1.1]),
    static: strategy('static', [0.999, 1.1, 0.8, NaN]),
    carry: strategy('carry', [1, 1.0005, 1.001, 1.0015], {
      maxDrawdown: 0,
      maxDrawdownFrom: null,
      maxDrawdownTo: null,
    }),
    policy: strategy('policy', [1, 1.15, 0.9, 1.05], {
      rebalances: 1234,
      feesPaid: 0.0042,
      fundingEarned: -0.01,
      timeInRegime: { neutral: 0.5, 'moderate-contango': 0.25, 'extreme-contango': 0.25 },
    }),
  },
  regimes: { BTC: ['neutral', 'neutral', 'moderate-contango', 'extreme-contango'] },
};

describe('the metrics table', () => {
  it('has one row per strategy, formatted, in the order of the strategies', () => {
    const rows = metricRows(result);
    expect(rows.map((r) => r.label)).toEqual([
      'Buy and hold',
      'Static 70/30',
      'Always-on carry',
      'Regime policy',
    ]);
    expect(rows[0]).toMatchObject({
      cagr: '12.34%',
      volatility: '60.00%',
      sharpe: '1.23',
      maxDrawdown: '−50.00%',
      maxDrawdownDates: 'from 2024-01-02 to 2024-01-03',
      finalMultiple: '×1.10',
      timeInRegime: '—',
    });
    expect(rows[2]?.maxDrawdownDates).toBe('');
    expect(rows[3]).toMatchObject({
      rebalances: '1,234',
      fees: '0.42%',
      funding: '−1.00%',
      timeInRegime: 'Neutral 50.0%, Moderate contango 25.0%, Extreme contango 25.0%',
    });
  });
});

describe('the curves as CSV', () => {
  it('has the date and a column per strategy, every value at full precision', () => {
    const lines = curvesCsv(result).split('\r\n');
    expect(lines[0]).toBe('date,Buy and hold,Static 70/30,Always-on carry,Regime policy');
    expect(lines[1]).toBe('2024-01-01,1,0.999,1,1');
    expect(lines[2]).toBe('2024-01-02,1.2,1.1,1.0005,1.15');
    expect(lines).toHaveLength(result.dates.length + 2);
    expect(lines[lines.length - 1]).toBe('');
  });

  it('leaves a value that is not a number empty rather than writing 0', () => {
    expect(curvesCsv(result).split('\r\n')[4]).toBe('2024-01-04,1.1,,1.0015,1.05');
  });

  it('is named for the assets and the window', () => {
    expect(curvesFileName(result, ['BTC', 'ETH'])).toBe(
      'premia-backtest-BTC-ETH-2024-01-01-to-2024-01-04.csv',
    );
  });
});

describe('the regime band and the chart summary', () => {
  it('groups consecutive bars in one regime into runs', () => {
    expect(regimeRuns(result.dates, result.regimes['BTC'] ?? [])).toEqual([
      { regime: 'neutral', from: '2024-01-01', to: '2024-01-02' },
      { regime: 'moderate-contango', from: '2024-01-03', to: '2024-01-03' },
      { regime: 'extreme-contango', from: '2024-01-04', to: '2024-01-04' },
    ]);
  });

  it('reads daily and hourly bar dates as UTC times', () => {
    expect(barTimeMs('2024-01-02')).toBe(Date.UTC(2024, 0, 2));
    expect(barTimeMs('2024-01-02T08:00Z')).toBe(Date.UTC(2024, 0, 2, 8));
  });

  it('says in sentences where each strategy ended and the policy fell deepest', () => {
    expect(chartSummary(result)).toBe(
      'From 2024-01-01 to 2024-01-04 (4 days), one unit grew to: Buy and hold ×1.10, Static 70/30 ×1.10, Always-on carry ×1.10, Regime policy ×1.10. ' +
        "The regime policy's deepest fall was −50.00%, from 2024-01-02 to 2024-01-03. " +
        'BTC changed regime 2 times, ending in extreme contango.',
    );
  });
});
