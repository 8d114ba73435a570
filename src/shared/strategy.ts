// The strategy's vocabulary as data: regimes, thresholds, bucket weights, policy and signal sources.
import { z } from 'zod';

export const REGIMES = [
  'deep-backwardation',
  'neutral',
  'moderate-contango',
  'extreme-contango',
] as const;
export const regimeSchema = z.enum(REGIMES);
export type Regime = z.infer<typeof regimeSchema>;

export const REGIME_LABELS: Record<Regime, string> = {
  'deep-backwardation': 'Deep backwardation',
  neutral: 'Neutral',
  'moderate-contango': 'Moderate contango',
  'extreme-contango': 'Extreme contango',
};

/** Tolerance for "sums to 1" checks on weights entered as percents with two decimals. */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export interface Thresholds {
  deepBelow: number;
  moderateFrom: number;
  extremeAbove: number;
  extremeExit: number;
}

/**
 * Why a threshold set is out of order, or null when it is usable. Shared by the settings schema and
 * the core's RangeError so the UI and the engine refuse exactly the same sets.
 */
export function thresholdOrderProblem(
  t: Thresholds,
): { field: keyof Thresholds; message: string } | null {
  const values = [t.deepBelow, t.moderateFrom, t.extremeAbove, t.extremeExit];
  if (!values.every(Number.isFinite)) {
    const field = (Object.keys(t) as (keyof Thresholds)[]).find((k) => !Number.isFinite(t[k]));
    return { field: field ?? 'deepBelow', message: 'must be a finite number' };
  }
  if (!(t.deepBelow < t.moderateFrom)) {
    return { field: 'moderateFrom', message: 'must be above the deep-backwardation level' };
  }
  if (!(t.moderateFrom < t.extremeAbove)) {
    return { field: 'extremeAbove', message: 'must be above the moderate-contango level' };
  }
  if (!(t.extremeExit <= t.extremeAbove)) {
    return { field: 'extremeExit', message: 'must not be above the extreme-contango entry level' };
  }
  if (!(t.extremeExit > t.deepBelow)) {
    return { field: 'extremeExit', message: 'must be above the deep-backwardation level' };
  }
  return null;
}

export const thresholdsSchema = z
  .object({ deepBelow: finite, moderateFrom: finite, extremeAbove: finite, extremeExit: finite })
  .superRefine((t, ctx) => {
    const problem = thresholdOrderProblem(t);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

export const BUCKETS = ['spot', 'hedged', 'stable'] as const;
export type Bucket = (typeof BUCKETS)[number];
export const BUCKET_LABELS: Record<Bucket, string> = {
  spot: 'Spot (unhedged)',
  hedged: 'Hedged spot',
  stable: 'Stablecoins',
};

const share = finite.refine((v) => v >= 0 && v <= 1, 'must be between 0% and 100%');

export const weightsSchema = z
  .object({ spot: share, hedged: share, stable: share })
  .superRefine((w, ctx) => {
    const sum = w.spot + w.hedged + w.stable;
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        message: `weights must sum to 100% (they sum to ${(sum * 100).toFixed(2)}%)`,
      });
    }
  });
export type Weights = z.infer<typeof weightsSchema>;

export const EXTREME_ACTIONS = ['hedge', 'sell'] as const;
export const extremeActionSchema = z.enum(EXTREME_ACTIONS);
export type ExtremeAction = z.infer<typeof extremeActionSchema>;

/** Target weights of one asset's slice per regime; extreme contango has one set per action. */
export const policySchema = z.object({
  'deep-backwardation': weightsSchema,
  neutral: weightsSchema,
  'moderate-contango': weightsSchema,
  'extreme-contango': z.object({ hedge: weightsSchema, sell: weightsSchema }),
  extremeAction: extremeActionSchema,
});
export type AllocationPolicy = z.infer<typeof policySchema>;

export const SIGNAL_SOURCES = [
  'auto',
  'nearest-future',
  'constant-maturity',
  'funding-average',
  'funding-current',
] as const;
export const signalSourceSchema = z.enum(SIGNAL_SOURCES);
export type SignalSource = z.infer<typeof signalSourceSchema>;
/** The source actually used for a signal premium: never `auto`. */
export type ResolvedSignalSource = Exclude<SignalSource, 'auto'>;

export const SIGNAL_SOURCE_LABELS: Record<SignalSource, string> = {
  auto: 'Auto (nearest future, else averaged funding)',
  'nearest-future': 'Nearest dated future',
  'constant-maturity': 'Constant maturity',
  'funding-average': 'Averaged funding',
  'funding-current': 'Current funding',
};

export const BASIS_METHODS = ['simple', 'compound'] as const;
export const basisMethodSchema = z.enum(BASIS_METHODS);
export type BasisMethod = z.infer<typeof basisMethodSchema>;

export const historyKSchema = z.object({
  deep: finite.refine((v) => v > 0, 'must be above 0'),
  moderate: finite.refine((v) => v >= 0, 'must not be negative'),
  extreme: finite.refine((v) => v > 0, 'must be above 0'),
});
export type HistoryK = z.infer<typeof historyKSchema>;
