// Backtests through the services on the demo market: years of history downloaded from the simulator
// over real ccxt into the history store, then the four strategies run on the daily bars read back.
import { describe, expect, it } from 'vitest';
import type { PremiaEvent } from '../shared/api';
import type { BacktestHistoryProgress } from '../shared/backtest';
import type { BacktestSweepProgress, BacktestSweepRequestInput } from '../shared/backtest-sweep';
import { refusal, servicesFolder, startSyncedDemo } from './app-services-testing';

const dataFolder = servicesFolder();

describe('backtests on the demo market', () => {
  it('downloads years of BTC history with progress, then runs the four strategies on it', async () => {
    const s = await startSyncedDemo(dataFolder);
    const progress: BacktestHistoryProgress[] = [];
    s.onEvent((event: PremiaEvent) => {
      if (event.type === 'history-download') progress.push(event.progress);
    });

    expect((await refusal(s.api.runBacktest({ assets: ['BTC'] }))).code).toBe('not-found');

    const downloaded = await s.api.downloadBacktestHistory({ assets: ['BTC'] });
    expect(downloaded.stored.BTC?.['daily-close']).toBeGreaterThan(5 * 365);
    expect(downloaded.stored.BTC?.funding).toBeGreaterThan(3 * 5 * 365);
    const funding = progress.filter((p) => p.asset === 'BTC' && p.series === 'funding');
    expect(funding.at(-1)?.fraction).toBe(1);
    for (let i = 1; i < funding.length; i++) {
      expect(funding[i]!.fraction).toBeGreaterThanOrEqual(funding[i - 1]!.fraction);
    }

    const result = await s.api.runBacktest({ assets: ['BTC'] });
    expect(Object.keys(result.strategies).sort()).toEqual(['carry', 'hodl', 'policy', 'static']);
    // Funding began in the demo's history in September 2019: the window starts there.
    expect(result.window.from.startsWith('2019-09')).toBe(true);
    expect(result.window.days).toBeGreaterThan(5 * 365);
    expect(result.dates).toHaveLength(result.strategies.hodl.equity.length);
    expect(result.strategies.policy.metrics.rebalances).toBeGreaterThan(0);

    const window = await s.api.runBacktest({
      assets: ['BTC'],
      from: '2022-01-01',
      to: '2022-12-31',
    });
    expect(window.window).toEqual({ from: '2022-01-01', to: '2022-12-31', days: 365 });

    expect(
      (await refusal(s.api.runBacktest({ assets: ['BTC'], step: 'hour', funding: 'settled-sum' })))
        .code,
    ).toBe('invalid-input');
  });

  it('sweeps two thresholds over the stored history cell by cell, and stops when asked', async () => {
    const s = await startSyncedDemo(dataFolder);
    await s.api.downloadBacktestHistory({ assets: ['BTC'] });
    const progress: BacktestSweepProgress[] = [];
    let stopAfterFirst = false;
    s.onEvent((event: PremiaEvent) => {
      if (event.type !== 'backtest-sweep') return;
      progress.push(event.progress);
      if (stopAfterFirst && event.progress.done === 1) void s.api.cancelBacktestSweep();
    });
    const request = { assets: ['BTC'], from: '2021-01-01', to: '2022-12-31' };
    const axes: Pick<BacktestSweepRequestInput, 'rows' | 'columns'> = {
      rows: { parameter: 'moderateFrom', values: [0.03, 0.06, 0.1] },
      columns: { parameter: 'extremeAbove', values: [0.2, 0.35] },
    };

    const swept = await s.api.runBacktestSweep({ request, ...axes });
    expect(swept.window).toEqual({ from: '2021-01-01', to: '2022-12-31', days: 730 });
    expect(swept.cells.map((r) => r.length)).toEqual([2, 2, 2]);
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(progress.every((p) => p.total === 6)).toBe(true);
    const alone = await s.api.runBacktest({
      ...request,
      policy: {
        thresholds: {
          mode: 'fixed',
          fixed: { deepBelow: -0.1, moderateFrom: 0.06, extremeAbove: 0.35, extremeExit: 0.06 },
        },
      },
    });
    expect(swept.cells[1]?.[1]).toMatchObject({
      ok: true,
      metrics: { finalMultiple: alone.strategies.policy.metrics.finalMultiple },
    });

    progress.length = 0;
    stopAfterFirst = true;
    const stopped = await refusal(s.api.runBacktestSweep({ request, ...axes }));
    expect(stopped.message).toBe('The sweep was stopped before it finished.');
    expect(progress.map((p) => p.done)).toEqual([0, 1]);

    const same = await refusal(
      s.api.runBacktestSweep({ request, rows: axes.rows, columns: { ...axes.rows } }),
    );
    expect(same.code).toBe('invalid-input');
  });
});
