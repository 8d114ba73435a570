// The sweep's contract: the policy run over a grid of two of its parameters, so a setting can be
// seen to be robust or a lucky point. What may be asked is checked with zod at every boundary.
import { z } from 'zod';
import type { BacktestMetrics } from './backtest';
import { backtestRequestSchema } from './backtest';

/**
 * What a sweep can vary: the fixed threshold levels (annualized, decimals; the policy then uses
 * fixed thresholds), the multiples of thresholds set from history (the policy then sets them from
 * history), and the days of funding the signal averages.
 */
export const SWEEP_PARAMETERS = [
  'moderateFrom',
  'extremeAbove',
  'deepBelow',
  'extremeExit',
  'kModerate',
  'kExtreme',
  'averagingWindowDays',
] as const;
export type SweepParameter = (typeof SWEEP_PARAMETERS)[number];

export const SWEEP_PARAMETER_LABELS: Record<SweepParameter, string> = {
  moderateFrom: 'Moderate contango from',
  extremeAbove: 'Extreme contango above',
  deepBelow: 'Deep backwardation below',
  extremeExit: 'Leave extreme contango below',
  kModerate: 'Moderate multiple (σ)',
  kExtreme: 'Extreme multiple (σ)',
  averagingWindowDays: 'Averaging window (days)',
};

/** How each parameter's values are written: annualized decimals, multiples of σ, or whole days. */
export const SWEEP_PARAMETER_UNITS: Record<SweepParameter, 'rate' | 'multiple' | 'days'> = {
  moderateFrom: 'rate',
  extremeAbove: 'rate',
  deepBelow: 'rate',
  extremeExit: 'rate',
  kModerate: 'multiple',
  kExtreme: 'multiple',
  averagingWindowDays: 'days',
};

/** A grid bigger than this is refused: 144 runs already take seconds on hourly bars. */
export const MAX_SWEEP_VALUES = 12;

const VALUE_RANGES: Record<SweepParameter, { min: number; max: number; text: string }> = {
  moderateFrom: { min: -5, max: 5, text: 'between −500% and 500%' },
  extremeAbove: { min: -5, max: 5, text: 'between −500% and 500%' },
  deepBelow: { min: -5, max: 5, text: 'between −500% and 500%' },
  extremeExit: { min: -5, max: 5, text: 'between −500% and 500%' },
  kModerate: { min: 0, max: 10, text: 'between 0 and 10' },
  kExtreme: { min: 0, max: 10, text: 'between 0 and 10' },
  averagingWindowDays: { min: 1, max: 90, text: 'whole days between 1 and 90' },
};

export const sweepAxisSchema = z
  .strictObject({
    parameter: z.enum(SWEEP_PARAMETERS),
    values: z
      .array(z.number().refine(Number.isFinite, 'must be a finite number'))
      .min(1, 'give at least one value')
      .max(MAX_SWEEP_VALUES, `give at most ${MAX_SWEEP_VALUES} values`)
      .refine((v) => new Set(v).size === v.length, 'lists a value twice'),
  })
  .superRefine((axis, ctx) => {
    const range = VALUE_RANGES[axis.parameter];
    axis.values.forEach((v, i) => {
      const whole = axis.parameter !== 'averagingWindowDays' || Number.isInteger(v);
      if (!whole || v < range.min || v > range.max) {
        ctx.addIssue({ code: 'custom', path: ['values', i], message: `must be ${range.text}` });
      }
    });
  });
export type SweepAxis = z.infer<typeof sweepAxisSchema>;

export const backtestSweepRequestSchema = z
  .strictObject({
    /** The backtest every cell starts from; each cell changes only the two swept parameters. */
    request: backtestRequestSchema,
    rows: sweepAxisSchema,
    columns: sweepAxisSchema,
  })
  .superRefine((s, ctx) => {
    if (s.rows.parameter === s.columns.parameter) {
      ctx.addIssue({
        code: 'custom',
        path: ['columns', 'parameter'],
        message: 'must differ from the rows’ parameter',
      });
    }
    const kinds = [s.rows.parameter, s.columns.parameter].map((p) => SWEEP_PARAMETER_UNITS[p]);
    if (kinds.includes('rate') && kinds.includes('multiple')) {
      ctx.addIssue({
        code: 'custom',
        path: ['columns', 'parameter'],
        message:
          'fixed levels and multiples of history cannot be swept together: the policy uses one or the other',
      });
    }
  });
export type BacktestSweepRequestInput = z.input<typeof backtestSweepRequestSchema>;
export type BacktestSweepRequest = z.output<typeof backtestSweepRequestSchema>;

/** A cell's figures: the policy's metrics, without the time spent in each regime. */
export type SweepMetrics = Omit<BacktestMetrics, 'timeInRegime'>;

/** One cell: the policy's figures, or why that pair of values is not a usable policy. */
export type SweepCell = { ok: true; metrics: SweepMetrics } | { ok: false; problem: string };

export interface BacktestSweepResult {
  window: { from: string; to: string; days: number };
  rows: SweepAxis;
  columns: SweepAxis;
  /** cells[row][column]. */
  cells: SweepCell[][];
}

/** How far a sweep has come, in cells. */
export interface BacktestSweepProgress {
  done: number;
  total: number;
}
