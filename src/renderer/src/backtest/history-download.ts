// The backtest history download as the page shows it: the latest progress per asset and series,
// from the host's `history-download` events.
import type { BacktestHistoryProgress, BacktestHistorySeries } from '../../../shared/backtest';
import { formatPrice } from '../../../core/format';

export type DownloadState = ReadonlyMap<string, BacktestHistoryProgress>;

export const NO_DOWNLOAD: DownloadState = new Map();

const SERIES_NAMES: Record<BacktestHistorySeries, string> = {
  'daily-close': 'daily closes',
  funding: 'funding',
};

/** The state with one more event: the share shown never goes back, even if events cross. */
export function withDownloadProgress(
  state: DownloadState,
  progress: BacktestHistoryProgress,
): DownloadState {
  const key = `${progress.asset}/${progress.series}`;
  const held = state.get(key);
  const next = new Map(state);
  next.set(
    key,
    held && held.fraction > progress.fraction ? { ...progress, fraction: held.fraction } : progress,
  );
  return next;
}

export interface DownloadEntry {
  key: string;
  /** 'BTC funding: 40% (1,234 of 3,085 points)' — the bar's accessible name and visible label. */
  label: string;
  percent: number;
}

/** One entry per asset and series, by asset then series. */
export function downloadEntries(state: DownloadState): DownloadEntry[] {
  return [...state.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, p]) => {
      const fraction = Number.isFinite(p.fraction) ? Math.min(1, Math.max(0, p.fraction)) : 0;
      const percent = Math.round(fraction * 100);
      const points =
        Number.isFinite(p.done) && Number.isFinite(p.total) && p.total > 0
          ? ` (${formatPrice(p.done, 0)} of ${formatPrice(p.total, 0)} points)`
          : '';
      return {
        key,
        label: `${p.asset} ${SERIES_NAMES[p.series]}: ${percent}%${points}`,
        percent: fraction * 100,
      };
    });
}
