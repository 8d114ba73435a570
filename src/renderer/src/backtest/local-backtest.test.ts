import { describe, expect, it } from 'vitest';
import { PremiaError } from '../../../shared/errors';
import type { BacktestSweepRequestInput } from '../../../shared/backtest-sweep';
import { runLocalBacktest, runLocalSweep, type LocalHistory } from './local-backtest';

const DAY = 86_400_000;
const START = Date.UTC(2021, 0, 1);
// A price that swings and funding that moves between regimes, so the policy has work to do.
const history: LocalHistory = {
  funding: 'daily-mean',
  series: [
    {
      asset: 'BTC',
      bars: Array.from({ length: 400 }, (_, i) => ({
        at: START + i * DAY,
        price: 100 * (1 + 0.3 * Math.sin(i / 20)),
        funding: 0.0003 * Math.sin(i / 45),
      })),
    },
  ],
};

const sweep: BacktestSweepRequestInput = {
  request: { assets: ['BTC'] },
  rows: { parameter: 'moderateFrom', values: [0.02, 0.05, 0.1] },
  columns: { parameter: 'averagingWindowDays', values: [3, 7] },
};

describe('backtests on history read from files', () => {
  it('runs with the funding figures the files hold', () => {
    const result = runLocalBacktest(history, { assets: ['BTC'] });
    expect(result.window).toEqual({ from: '2021-01-01', to: '2022-02-04', days: 400 });
    const asSums = runLocalBacktest({ ...history, funding: 'settled-sum' }, { assets: ['BTC'] });
    // A daily mean is paid three times a day; a day's sum once.
    expect(result.strategies.carry.metrics.fundingEarned).not.toBeCloseTo(
      asSums.strategies.carry.metrics.fundingEarned,
      6,
    );
  });

  it('refuses a window the files do not cover as an input error, in words', () => {
    let caught: unknown;
    try {
      runLocalBacktest(history, { assets: ['BTC'], from: '2030-01-01' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PremiaError);
    expect((caught as PremiaError).code).toBe('invalid-input');
  });

  it('sweeps cell by cell with progress, and stops between cells when told', async () => {
    const progress: number[] = [];
    const whole = await runLocalSweep(history, sweep, {
      onProgress: (p) => progress.push(p.done),
      stopped: () => false,
    });
    expect(whole.cells.flat()).toHaveLength(6);
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6]);

    progress.length = 0;
    const stopped = runLocalSweep(history, sweep, {
      onProgress: (p) => progress.push(p.done),
      stopped: () => progress.length >= 3,
    });
    await expect(stopped).rejects.toMatchObject({
      code: 'unavailable',
      message: 'The sweep was stopped before it finished.',
    });
    expect(progress).toEqual([0, 1, 2]);
  });
});
