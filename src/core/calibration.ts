// Thresholds from an asset's own history: mean ± k standard deviations of its trailing year (docs/strategy.md).
import type { HistoryK, Thresholds } from '../shared/strategy';
import { assertThresholds } from './regime';
import { YEAR_MS } from '../shared/time';
import { requirePositive, requireTime } from './numbers';

export const DEFAULT_HISTORY_K: Readonly<HistoryK> = Object.freeze({
  deep: 1.5,
  moderate: 0.5,
  extreme: 1.5,
});

/** Fewer points than this say too little about an asset's spread to set its thresholds. */
export const MIN_HISTORY_POINTS = 30;

export interface PremiumStats {
  /** Population mean. */
  mean: number;
  /** Population standard deviation. */
  std: number;
  count: number;
}

function requireK(k: HistoryK): void {
  const ok =
    Number.isFinite(k.deep) &&
    k.deep > 0 &&
    Number.isFinite(k.moderate) &&
    k.moderate >= 0 &&
    Number.isFinite(k.extreme) &&
    k.extreme > 0 &&
    k.moderate < k.extreme;
  if (!ok) {
    throw new RangeError(
      `history multiples must be finite with deep > 0, moderate ≥ 0 and extreme above moderate (got deep ${k.deep}, moderate ${k.moderate}, extreme ${k.extreme})`,
    );
  }
}

/**
 * Population mean and standard deviation of a premium history. Fewer than 30 points or a
 * non-finite premium is a RangeError.
 */
export function premiumStats(premiums: readonly number[]): PremiumStats {
  const n = premiums.length;
  if (n < MIN_HISTORY_POINTS) {
    throw new RangeError(
      `a premium history needs at least ${MIN_HISTORY_POINTS} premiums (got ${n})`,
    );
  }
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const p of premiums) {
    if (!Number.isFinite(p)) {
      throw new RangeError(`premium history holds a non-finite value (${p})`);
    }
    sum += p;
    if (p < min) min = p;
    if (p > max) max = p;
  }
  // A flat history has no spread at all; rounding in the sum would otherwise invent a tiny one.
  if (min === max) return { mean: min, std: 0, count: n };
  const mean = sum / n;
  // Two passes: deviations from the mean keep σ accurate when premiums sit far from zero.
  let squares = 0;
  for (const p of premiums) squares += (p - mean) * (p - mean);
  return { mean, std: Math.sqrt(squares / n), count: n };
}

/**
 * Thresholds from a premium history: with population mean μ and standard deviation σ,
 * deepBelow = μ − k.deep·σ, moderateFrom = μ + k.moderate·σ, extremeAbove = μ + k.extreme·σ, and
 * extremeExit = moderateFrom (extreme contango ends once the premium is back to ordinary carry).
 * Fewer than 30 points, a non-finite premium, multiples out of order, or a history that never
 * varies (σ = 0, so the levels would coincide) is a RangeError.
 */
export function thresholdsFromHistory(
  premiums: readonly number[],
  k: HistoryK = DEFAULT_HISTORY_K,
): Thresholds {
  requireK(k);
  const { mean, std } = premiumStats(premiums);
  return thresholdsFromMoments(mean, std, k);
}

/**
 * The levels of `thresholdsFromHistory` from a history's population mean and standard deviation
 * already at hand (a backtest keeps them running rather than recounting a year every bar). A
 * spread that is not above 0 or multiples out of order is a RangeError.
 */
export function thresholdsFromMoments(mean: number, std: number, k: HistoryK): Thresholds {
  requireK(k);
  if (!(std > 0)) {
    throw new RangeError('premium history never varies, so it cannot set thresholds apart');
  }
  const moderateFrom = mean + k.moderate * std;
  const thresholds: Thresholds = {
    deepBelow: mean - k.deep * std,
    moderateFrom,
    extremeAbove: mean + k.extreme * std,
    extremeExit: moderateFrom,
  };
  assertThresholds(thresholds);
  return thresholds;
}

/**
 * The points of the trailing year before `now`: those with now − 365 days < at ≤ now, in input
 * order. Points after `now` are not history yet and are left out.
 */
export function trailingYear<T extends { at: number }>(points: readonly T[], now: number): T[] {
  return trailingWindow(points, now, YEAR_MS);
}

/** The points with now − windowMs < at ≤ now, in input order. */
export function trailingWindow<T extends { at: number }>(
  points: readonly T[],
  now: number,
  windowMs: number,
): T[] {
  requireTime(now);
  requirePositive(windowMs, 'window', 'ms');
  const from = now - windowMs;
  return points.filter((p) => p.at > from && p.at <= now);
}
