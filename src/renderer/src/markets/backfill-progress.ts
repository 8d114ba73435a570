// The history backfills in flight, one entry per asset and series, from the host's progress events.
import type { BackfillProgress } from '../../../shared/market';

/**
 * Latest progress per `asset/series`. A finished backfill stays until every backfill of the run
 * has finished (then `withoutFinished` clears them), so the panel holds still between one series
 * and the next; a failed one stays to be read.
 */
export type BackfillState = ReadonlyMap<string, BackfillProgress>;

export const NO_BACKFILL: BackfillState = new Map();

/** How long the panel says the history is loaded before it leaves, so it does not blink. */
export const BACKFILL_LINGER_MS = 2_000;

function keyOf(progress: Pick<BackfillProgress, 'asset' | 'series'>): string {
  return `${progress.asset}/${progress.series}`;
}

export function withBackfillProgress(
  state: BackfillState,
  progress: BackfillProgress,
): BackfillState {
  const next = new Map(state);
  next.set(keyOf(progress), progress);
  return next;
}

/** Whether any backfill is still under way. */
export function backfillRunning(state: BackfillState): boolean {
  return [...state.values()].some((p) => !p.done);
}

/** The state without the backfills that finished cleanly (failed ones stay to be read). */
export function withoutFinished(state: BackfillState): BackfillState {
  return new Map([...state].filter(([, p]) => !p.done || p.error !== null));
}

/** One line for the whole run: where it is, how many series are done, and one overall share. */
export interface BackfillSummary {
  text: string;
  percent: number;
  failed: { key: string; text: string }[];
}

export function backfillSummary(state: BackfillState): BackfillSummary | null {
  const entries = backfillEntries(state);
  if (entries.length === 0) return null;
  const failed = entries
    .filter((e) => e.error !== null)
    .map((e) => ({ key: e.key, text: `${backfillLabel(e)} (${e.error})` }));
  const counted = entries.filter((e) => e.error === null);
  const done = counted.filter((e) => e.done).length;
  const current = counted.find((e) => !e.done);
  const percent =
    counted.length === 0
      ? 100
      : counted.reduce((sum, e) => sum + (e.done ? 100 : e.percent), 0) / counted.length;
  const of = `${done} of ${counted.length} series done`;
  const text = current
    ? `${backfillLabel(current)} (${of})`
    : counted.length > 0
      ? `History loaded (${of})`
      : 'The history could not be loaded';
  return { text, percent: Math.round(percent), failed };
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
