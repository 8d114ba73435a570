import { describe, expect, it } from 'vitest';
import type { BacktestHistoryProgress } from '../../../shared/backtest';
import { downloadEntries, NO_DOWNLOAD, withDownloadProgress } from './history-download';

function progress(over: Partial<BacktestHistoryProgress>): BacktestHistoryProgress {
  return { asset: 'BTC', series: 'funding', done: 0, total: 100, fraction: 0, ...over };
}

describe('the history download progress', () => {
  it('shows one labelled bar per asset and series, by asset then series', () => {
    let state = withDownloadProgress(
      NO_DOWNLOAD,
      progress({ done: 1234, total: 3085, fraction: 0.4 }),
    );
    state = withDownloadProgress(
      state,
      progress({ series: 'daily-close', done: 10, total: 10, fraction: 1 }),
    );
    state = withDownloadProgress(state, progress({ asset: 'ADA', fraction: 0.05 }));
    expect(downloadEntries(state)).toEqual([
      { key: 'ADA/funding', label: 'ADA funding: 5% (0 of 100 points)', percent: 5 },
      { key: 'BTC/daily-close', label: 'BTC daily closes: 100% (10 of 10 points)', percent: 100 },
      { key: 'BTC/funding', label: 'BTC funding: 40% (1,234 of 3,085 points)', percent: 40 },
    ]);
  });

  it('never moves a bar back when a late event reports less', () => {
    let state = withDownloadProgress(NO_DOWNLOAD, progress({ done: 60, fraction: 0.6 }));
    state = withDownloadProgress(state, progress({ done: 40, fraction: 0.4 }));
    expect(downloadEntries(state)[0]?.percent).toBe(60);
  });

  it('clamps a share outside 0 to 1 and leaves out counts it cannot trust', () => {
    const state = withDownloadProgress(NO_DOWNLOAD, progress({ fraction: 1.7, total: NaN }));
    expect(downloadEntries(state)[0]).toMatchObject({ label: 'BTC funding: 100%', percent: 100 });
  });
});
