// Backtests through the services on the demo market: years of history downloaded from the simulator
// over real ccxt into the history store, then the four strategies run on the daily bars read back.
import { describe, expect, it } from 'vitest';
import type { PremiaEvent } from '../shared/api';
import type { BacktestHistoryProgress } from '../shared/backtest';
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
});
