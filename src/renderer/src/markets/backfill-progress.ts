// The history backfills in flight, one entry per asset and series, from the host's progress events.
import type { BackfillProgress } from '../../../shared/market';

/** Latest progress per `asset/series`; a finished backfill leaves, a failed one stays to be read. */
export type BackfillState = ReadonlyMap<string, BackfillProgress>;

export const NO_BACKFILL: BackfillState = new Map();

function keyOf(progress: Pick<BackfillProgress, 'asset' | 'series'>): string {
  return `${progress.asset}/${progress.series}`;
}

export function withBackfillProgress(
  state: BackfillState,
  progress: BackfillProgress,
): BackfillState {
  const key = keyOf(progress);
  const next = new Map(state);
  if (progress.done && progress.error === null) next.delete(key);
  else next.set(key, progress);
  return next;
}

/** The entries to show, by asset then series, each with its percentage clamped to 0–100. */
export function backfillEntries(
  state: BackfillState,
): (BackfillProgress & { key: string; percent: number })[] {
  return [...state.entries()]
    .map(([key, p]) => ({
      ...p,
      key,
      percent: Number.isFinite(p.fraction) ? Math.min(100, Math.max(0, p.fraction * 100)) : 0,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export const SERIES_NAMES: Record<BackfillProgress['series'], string> = {
  spot: 'price',
  mark: 'mark price',
  premium: 'premium',
  funding: 'funding',
};

/** 'BTC funding history: 40%' — the progress bar's accessible name and visible label. */
export function backfillLabel(progress: BackfillProgress): string {
  const name = `${progress.asset} ${SERIES_NAMES[progress.series]} history`;
  if (progress.error !== null) return `${name}: failed`;
  return `${name}: ${Math.round(Math.min(1, Math.max(0, progress.fraction || 0)) * 100)}%`;
}
