// Years of daily history for backtests: the download job and the reader of its daily bars.
export { createBacktestHistory } from './backtest-history';
export type { BacktestHistory, BacktestHistoryDeps } from './backtest-history';
export {
  DOWNLOAD_SERIES,
  downloadBacktestHistory,
  downloadMarkerPath,
  downloadTargets,
} from './download';
export type {
  DownloadSeries,
  HistoryDownloadOptions,
  HistoryDownloadProgress,
  HistoryDownloadResult,
  LongHistorySource,
} from './download';
export { readBacktestSeries } from './read-series';
export type { BacktestSeries } from './read-series';
