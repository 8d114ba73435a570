import { describe, expect, it } from 'vitest';
import { loadBtcBacktestSeries } from '../../test/fixtures';
import { runBacktest } from './backtest';
import { sweep } from './backtest-sweep';

describe('sweep', () => {
  const btc = loadBtcBacktestSeries();
  const request = { assets: ['BTC'], from: '2021-01-01', to: '2023-12-31' };

  it('gives each cell the figures runBacktest gives for the same thresholds', () => {
    const cells = sweep(
      [btc],
      request,
      { threshold: 'moderateFrom', values: [0.03, 0.08] },
      { threshold: 'extremeAbove', values: [0.15, 0.3] },
    );
    const cell = cells[1]?.[0];
    expect(cell?.ok).toBe(true);
    const alone = runBacktest([btc], {
      ...request,
      policy: {
        thresholds: {
          mode: 'fixed',
          fixed: { deepBelow: -0.1, moderateFrom: 0.08, extremeAbove: 0.15, extremeExit: 0.08 },
        },
      },
    }).strategies.policy.metrics;
    if (cell?.ok) {
      expect(cell.metrics.finalMultiple).toBe(alone.finalMultiple);
      expect(cell.metrics.rebalances).toBe(alone.rebalances);
      expect(cell.metrics.maxDrawdownTo).toBe(alone.maxDrawdownTo);
    }
  });

  it('marks a pair of levels out of order instead of running it', () => {
    const cells = sweep(
      [btc],
      request,
      { threshold: 'moderateFrom', values: [0.25] },
      { threshold: 'extremeAbove', values: [0.2] },
    );
    expect(cells[0]?.[0]).toMatchObject({
      ok: false,
      problem: 'extremeAbove must be above the moderate-contango level',
    });
  });
});
