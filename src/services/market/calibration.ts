// Fixed thresholds beside the ones an asset's own trailing year suggests (mean ± k standard
// deviations of its hourly signal premiums), with the statistics behind them or the reason there are
// none. The poller uses the same figures when the settings ask for thresholds from history.
import { MIN_HISTORY_POINTS, premiumStats, thresholdsFromHistory, trailingYear } from '../../core';
import type { Calibration } from '../../shared/market';
import type { Settings } from '../../shared/settings';
import type { HistoryStore } from '../history';
import type { PremiumHistoryKeys } from './premium-history';
import { readPremiumHistory } from './premium-history';
import { HOUR_MS, DAY_MS, YEAR_MS } from '../../shared/time';

export interface CalibrationInput {
  asset: string;
  settings: Settings;
  /** The market's clock: the trailing year ends here. */
  now: number;
  /** The perpetual's funding interval, to annualize settled funding with. */
  intervalHours: number;
}

/** The premiums calibration reads: hourly means over the trailing year. */
export async function trailingYearPremiums(
  store: HistoryStore,
  keys: PremiumHistoryKeys,
  input: Omit<CalibrationInput, 'asset'>,
): Promise<{ at: number; premium: number }[]> {
  const data = await readPremiumHistory(store, keys, {
    from: input.now - YEAR_MS + 1,
    to: input.now,
    windowMs: input.settings.signal.averagingWindowDays * DAY_MS,
    intervalHours: input.intervalHours,
    bucketMs: HOUR_MS,
  });
  const points: { at: number; premium: number }[] = [];
  for (let i = 0; i < data.t.length; i++) {
    const premium = data.v[i] as number;
    if (Number.isFinite(premium)) points.push({ at: data.t[i] as number, premium });
  }
  return trailingYear(points, input.now);
}

export async function calibrateAsset(
  store: HistoryStore,
  keys: PremiumHistoryKeys,
  input: CalibrationInput,
): Promise<Calibration> {
  const fixed = { ...input.settings.thresholds.fixed };
  const points = await trailingYearPremiums(store, keys, input);
  const base = { asset: input.asset, fixed };
  if (points.length < MIN_HISTORY_POINTS) {
    return {
      ...base,
      fromHistory: null,
      stats: null,
      reason:
        points.length === 0
          ? `No premium history of ${input.asset} yet: thresholds from history need at least ${MIN_HISTORY_POINTS} hours of it.`
          : `Only ${points.length} hours of premium history of ${input.asset} so far: thresholds from history need at least ${MIN_HISTORY_POINTS}.`,
    };
  }
  const premiums = points.map((p) => p.premium);
  const { mean, std, count } = premiumStats(premiums);
  const stats = {
    mean,
    std,
    count,
    from: (points[0] as { at: number }).at,
    to: (points[points.length - 1] as { at: number }).at,
  };
  try {
    return {
      ...base,
      fromHistory: thresholdsFromHistory(premiums, input.settings.thresholds.historyK),
      stats,
      reason: null,
    };
  } catch (error) {
    const why = error instanceof RangeError ? error.message : 'the history cannot set thresholds';
    return { ...base, fromHistory: null, stats, reason: `No thresholds from history: ${why}.` };
  }
}
