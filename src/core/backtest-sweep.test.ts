import { describe, expect, it } from 'vitest';
import { loadBtcBacktestSeries } from '../../test/fixtures';
import type { BacktestSweepRequestInput } from '../shared/backtest-sweep';
import { BacktestRequestError, runBacktest } from './backtest';
import { collectSweep, startSweep, sweep, SweepStoppedError } from './backtest-sweep';

describe('sweep', () => {
  const btc = loadBtcBacktestSeries();
  const request = { assets: ['BTC'], from: '2021-01-01', to: '2023-12-31' };

  it('gives each cell the figures runBacktest gives for the same thresholds', () => {
    const result = sweep([btc], {
      request,
      rows: { parameter: 'moderateFrom', values: [0.03, 0.08] },
      columns: { parameter: 'extremeAbove', values: [0.15, 0.3] },
    });
    const cell = result.cells[1]?.[0];
    const alone = runBacktest([btc], {
      ...request,
      policy: {
        thresholds: {
          mode: 'fixed',
          fixed: { deepBelow: -0.1, moderateFrom: 0.08, extremeAbove: 0.15, extremeExit: 0.08 },
        },
      },
    }).strategies.policy.metrics;
    expect(cell).toMatchObject({
      ok: true,
      metrics: {
        finalMultiple: alone.finalMultiple,
        maxDrawdown: alone.maxDrawdown,
        cagr: alone.cagr,
        rebalances: alone.rebalances,
        maxDrawdownTo: alone.maxDrawdownTo,
      },
    });
    expect(result.window).toEqual({ from: '2021-01-01', to: '2023-12-31', days: 1095 });
  });

  it('lays the cells out row by row, each different where the levels differ', () => {
    const result = sweep([btc], {
      request,
      rows: { parameter: 'moderateFrom', values: [0.02, 0.05, 0.1] },
      columns: { parameter: 'extremeAbove', values: [0.2, 0.4] },
    });
    expect(result.cells.map((r) => r.length)).toEqual([2, 2, 2]);
    const multiples = result.cells.flat().map((c) => (c.ok ? c.metrics.finalMultiple : null));
    expect(new Set(multiples).size).toBeGreaterThan(1);
  });

  it('runs the averaging window as the policy with that window', () => {
    const result = sweep([btc], {
      request,
      rows: { parameter: 'averagingWindowDays', values: [3, 14] },
      columns: { parameter: 'moderateFrom', values: [0.05] },
    });
    const alone = runBacktest([btc], { ...request, policy: { averagingWindowDays: 14 } }).strategies
      .policy.metrics;
    expect(result.cells[1]?.[0]).toMatchObject({
      ok: true,
      metrics: { finalMultiple: alone.finalMultiple },
    });
    expect(result.cells[0]?.[0]).not.toEqual(result.cells[1]?.[0]);
  });

  it('sweeps the multiples of thresholds set from history with thresholds from history', () => {
    const result = sweep([btc], {
      request,
      rows: { parameter: 'kModerate', values: [0.5] },
      columns: { parameter: 'kExtreme', values: [1.5, 0.4] },
    });
    const alone = runBacktest([btc], {
      ...request,
      policy: {
        thresholds: { mode: 'history', historyK: { deep: 1.5, moderate: 0.5, extreme: 1.5 } },
      },
    }).strategies.policy.metrics;
    expect(result.cells[0]?.[0]).toMatchObject({
      ok: true,
      metrics: { finalMultiple: alone.finalMultiple },
    });
    expect(result.cells[0]?.[1]).toEqual({
      ok: false,
      problem: 'the extreme multiple must be above the moderate multiple',
    });
  });

  it('marks a pair of levels out of order instead of running it', () => {
    const result = sweep([btc], {
      request,
      rows: { parameter: 'moderateFrom', values: [0.25] },
      columns: { parameter: 'extremeAbove', values: [0.2] },
    });
    expect(result.cells[0]?.[0]).toEqual({
      ok: false,
      problem: 'extremeAbove must be above the moderate-contango level',
    });
  });

  it('refuses the same parameter on both axes, and levels mixed with multiples', () => {
    const same = () =>
      sweep([btc], {
        request,
        rows: { parameter: 'moderateFrom', values: [0.1] },
        columns: { parameter: 'moderateFrom', values: [0.2] },
      });
    expect(same).toThrow(BacktestRequestError);
    expect(same).toThrow(/columns\.parameter: must differ/);
    expect(() =>
      sweep([btc], {
        request,
        rows: { parameter: 'moderateFrom', values: [0.1] },
        columns: { parameter: 'kExtreme', values: [2] },
      }),
    ).toThrow(/cannot be swept together/);
    expect(() =>
      sweep([btc], {
        request,
        rows: { parameter: 'averagingWindowDays', values: [2.5] },
        columns: { parameter: 'moderateFrom', values: [0.1] },
      }),
    ).toThrow(/rows\.values\.0: must be whole days/);
  });

  it('hands the cells over one at a time, so a caller can stop between them', () => {
    const run = startSweep([btc], {
      request,
      rows: { parameter: 'moderateFrom', values: [0.02, 0.05] },
      columns: { parameter: 'extremeAbove', values: [0.2, 0.3, 0.4] },
    });
    expect(run.total).toBe(6);
    const first = run.cells.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ row: 0, column: 0 });
    const rest = [...run.cells].map((c) => [c.row, c.column]);
    expect(rest).toEqual([
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it('collects the cells with progress and a turn for others after each, and stops when told', async () => {
    const input: BacktestSweepRequestInput = {
      request,
      rows: { parameter: 'moderateFrom', values: [0.02, 0.05] },
      columns: { parameter: 'extremeAbove', values: [0.2, 0.3] },
    };
    const seen: string[] = [];
    const pacing = (stopAt: number | null) => ({
      onProgress: (p: { done: number; total: number }) => seen.push(`${p.done}/${p.total}`),
      nextTurn: async () => {
        seen.push('turn');
      },
      stopped: () => stopAt !== null && seen.filter((s) => s === 'turn').length >= stopAt,
    });
    const whole = await collectSweep(startSweep([btc], input), pacing(null));
    expect(seen).toEqual(['0/4', '1/4', 'turn', '2/4', 'turn', '3/4', 'turn', '4/4', 'turn']);
    expect(whole).toEqual(sweep([btc], input));

    seen.length = 0;
    await expect(collectSweep(startSweep([btc], input), pacing(2))).rejects.toThrow(
      SweepStoppedError,
    );
    expect(seen).toEqual(['0/4', '1/4', 'turn', '2/4', 'turn']);
  });
});
