import { describe, expect, it } from 'vitest';
import type { BacktestSweepResult, SweepCell } from '../../../shared/backtest-sweep';
import { shadeBackground, sweepGrid, sweepSummary, sweepValueHead } from './sweep-grid';

const ran = (cagr: number, maxDrawdown: number): SweepCell => ({
  ok: true,
  metrics: {
    cagr,
    maxDrawdown,
    volatility: 0.5,
    sharpe: 1,
    maxDrawdownFrom: '2021-01-01',
    maxDrawdownTo: '2021-06-01',
    finalMultiple: 2,
    rebalances: 10,
    feesPaid: 0.01,
    fundingEarned: 0.02,
  },
});

const result: BacktestSweepResult = {
  window: { from: '2021-01-01', to: '2023-12-31', days: 1095 },
  rows: { parameter: 'moderateFrom', values: [0.05, 0.1] },
  columns: { parameter: 'averagingWindowDays', values: [7, 14] },
  cells: [
    [ran(0.2, -0.5), ran(0.3, -0.2)],
    [
      ran(-0.1, -0.6),
      { ok: false, problem: 'extremeAbove must be above the moderate-contango level' },
    ],
  ],
};

describe('the sweep grid', () => {
  it('heads each axis with its values in their own units', () => {
    expect(sweepValueHead('moderateFrom', -0.025)).toBe('\u22122.5%');
    expect(sweepValueHead('kExtreme', 1.5)).toBe('1.5σ');
    expect(sweepValueHead('averagingWindowDays', 14)).toBe('14 d');
  });

  it('shades every cell that ran from the worst figure to the best, and marks your setting', () => {
    const cagr = sweepGrid(result, 'cagr', { row: 0.05, column: 14 });
    expect(cagr.rowHeads).toEqual(['5%', '10%']);
    expect(cagr.columnHeads).toEqual(['7 d', '14 d']);
    expect(cagr.cells.map((r) => r.map((c) => c.text))).toEqual([
      ['20.0%', '30.0%'],
      ['\u221210.0%', '—'],
    ]);
    const shade = cagr.cells.map((r) => r.map((c) => c.shade));
    expect(shade[0]?.[0]).toBeCloseTo(0.75, 12);
    expect(shade[0]?.[1]).toBe(1);
    expect(shade[1]).toEqual([0, null]);
    expect(cagr.cells.flat().filter((c) => c.current)).toHaveLength(1);
    expect(cagr.cells[0]?.[1]?.description).toBe(
      'Moderate contango from 5%, Averaging window (days) 14 d (your setting): CAGR 30.0%',
    );
    expect(cagr.cells[1]?.[1]?.description).toMatch(/: not run, extremeAbove must be above/);
    // A shallower drawdown is the better one.
    const drawdown = sweepGrid(result, 'maxDrawdown', { row: null, column: null });
    expect(drawdown.cells[0]?.[1]?.shade).toBe(1);
    expect(drawdown.cells[1]?.[0]?.shade).toBe(0);
    expect(drawdown.cells.flat().some((c) => c.current)).toBe(false);
  });

  it('turns shades into a red-to-green background and leaves cells that did not run bare', () => {
    expect(shadeBackground(1)).toBe('rgba(47, 158, 68, 0.42)');
    expect(shadeBackground(0)).toBe('rgba(224, 49, 49, 0.42)');
    expect(shadeBackground(null)).toBeUndefined();
  });

  it('sums the grid up in words: how many ran and where CAGR was best', () => {
    expect(sweepSummary(result)).toBe(
      '3 of 4 pairs ran (1 not a usable policy), 2021-01-01 to 2023-12-31. Best CAGR 30.0% at moderate contango from 5% and averaging window (days) 14 d.',
    );
  });
});
