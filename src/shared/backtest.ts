// The backtest's contract: what may be asked of it (checked with zod wherever it crosses a process
// boundary) and the shape of what it answers.
import { z } from 'zod';
import type { Settings } from './settings';
import { assetSymbolSchema } from './settings';
import type { AllocationPolicy, HistoryK, Regime, Thresholds } from './strategy';
import { historyKSchema, policySchema, thresholdsSchema, WEIGHT_SUM_TOLERANCE } from './strategy';

export const BACKTEST_STRATEGIES = ['hodl', 'static', 'carry', 'policy'] as const;
export type BacktestStrategyName = (typeof BACKTEST_STRATEGIES)[number];

export const BACKTEST_STRATEGY_LABELS: Record<BacktestStrategyName, string> = {
  hodl: 'Buy and hold',
  static: 'Static 70/30',
  carry: 'Always-on carry',
  policy: 'Regime policy',
};

/** How often the backtest looks at the market: one bar a day, or one an hour. */
export const BACKTEST_STEPS = ['day', 'hour'] as const;
export type BacktestStep = (typeof BACKTEST_STEPS)[number];

/**
 * When the policy trades: on a regime change or the first bar of a calendar month; (as the live app
 * does) whenever a bucket drifts further from its target than the band; or on the first bar of each
 * month only, whatever the regime did in between.
 */
export const REBALANCE_RULES = ['regime-and-monthly', 'drift-band', 'monthly'] as const;
export type RebalanceRule = (typeof REBALANCE_RULES)[number];

/**
 * What a bar's funding figure is: the mean of the day's 8-hourly rates (paid three times a day), or
 * the sum of the rates settled within the bar.
 */
export const FUNDING_SOURCES = ['daily-mean', 'settled-sum'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written YYYY-MM-DD that exists (no 2023-02-30). */
export const isoDateSchema = z
  .string()
  .regex(DATE, 'must be a date written YYYY-MM-DD')
  .refine((d) => {
    const at = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(at) && new Date(at).toISOString().slice(0, 10) === d;
  }, 'is not a calendar date');

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const rate = (max: number, label: string) =>
  finite.refine((v) => v >= 0 && v <= max, `must be between 0% and ${label}`);

const thresholdChoiceSchema = z
  .strictObject({
    /** `fixed` uses `fixed` throughout; `history` sets them each bar from the trailing year of the signal. */
    mode: z.enum(['fixed', 'history']),
    /** Also what `history` uses until 30 signal points exist. */
    fixed: thresholdsSchema.optional(),
    historyK: historyKSchema.optional(),
  })
  .superRefine((t, ctx) => {
    if (t.historyK && !(t.historyK.moderate < t.historyK.extreme)) {
      ctx.addIssue({
        code: 'custom',
        path: ['historyK', 'extreme'],
        message: 'must be above the moderate multiple',
      });
    }
  });

/**
 * The policy under test. Anything left out is the app's default (the core fills it in), so a
 * request can name only what it varies.
 */
export const backtestPolicySchema = z.strictObject({
  thresholds: thresholdChoiceSchema.optional(),
  /** Days of funding the signal averages (the days before the bar, never the bar itself). */
  averagingWindowDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(90, 'must be at most 90 days')
    .optional(),
  /** Slice weights per regime, with the extreme-contango action. */
  weights: policySchema.optional(),
});
export type BacktestPolicy = z.infer<typeof backtestPolicySchema>;

export const backtestRequestSchema = z
  .strictObject({
    assets: z
      .array(assetSymbolSchema)
      .min(1, 'name at least one asset')
      .max(100, 'name at most 100 assets')
      .refine((a) => new Set(a).size === a.length, 'lists an asset twice'),
    /** Each asset's share of the portfolio; absent or empty means equal shares. */
    mix: z.record(assetSymbolSchema, rate(1, '100%')).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    step: z.enum(BACKTEST_STEPS).default('day'),
    /** Per trade, on the traded notional, for the static mix and the policy. */
    fee: rate(0.05, '5%').default(0.001),
    /** Expected price impact per trade, on the traded notional, added to every fee. */
    slippage: rate(0.05, '5%').default(0),
    /** What stablecoins earn, annualized. */
    stableYield: finite
      .refine((v) => v >= -0.5 && v <= 1, 'must be between −50% and 100%')
      .default(0),
    /** The always-on carry's fees for entering and leaving, together; half is paid on entry. */
    carryRoundTrip: rate(0.05, '5%').default(0.003),
    funding: z.enum(FUNDING_SOURCES).default('daily-mean'),
    rebalance: z
      .strictObject({
        rule: z.enum(REBALANCE_RULES).default('regime-and-monthly'),
        /** For `drift-band`: a bucket further than this from its target triggers a rebalance. */
        driftBand: rate(0.5, '50%').default(0.05),
      })
      .prefault({}),
    policy: backtestPolicySchema.prefault({}),
  })
  .superRefine((r, ctx) => {
    if (r.from !== undefined && r.to !== undefined && r.from > r.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the start date' });
    }
    if (r.step === 'hour' && r.funding === 'daily-mean') {
      ctx.addIssue({
        code: 'custom',
        path: ['funding'],
        message: 'hourly bars need the funding settled in each bar, not a daily mean',
      });
    }
    const mix = r.mix ?? {};
    const keys = Object.keys(mix);
    if (keys.length === 0) return;
    const missing = r.assets.filter((a) => !(a in mix));
    const extra = keys.filter((a) => !r.assets.includes(a));
    if (missing.length || extra.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['mix'],
        message: `must name exactly the assets${missing.length ? ` (missing ${missing.join(', ')})` : ''}${extra.length ? ` (not in the backtest: ${extra.join(', ')})` : ''}`,
      });
      return;
    }
    const sum = Object.values(mix).reduce((s, v) => s + v, 0);
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['mix'],
        message: `shares must sum to 100% (they sum to ${(sum * 100).toFixed(2)}%)`,
      });
    }
  });

/** A request as given (defaults may be left out). */
export type BacktestRequestInput = z.input<typeof backtestRequestSchema>;
/** A request after checking, every default filled in. */
export type BacktestRequest = z.output<typeof backtestRequestSchema>;

/**
 * The policy and asset mix the user has configured, as a backtest request's parts: what "my
 * settings" means when a backtest asks what they would have done.
 */
export function backtestPolicyFromSettings(settings: Settings): {
  assets: string[];
  mix: Record<string, number>;
  policy: {
    thresholds: { mode: 'fixed' | 'history'; fixed: Thresholds; historyK: HistoryK };
    averagingWindowDays: number;
    weights: AllocationPolicy;
  };
  rebalance: { rule: RebalanceRule; driftBand: number };
} {
  return {
    assets: [...settings.assets.tracked],
    mix: { ...settings.assets.mix },
    policy: {
      thresholds: {
        mode: settings.thresholds.mode,
        fixed: { ...settings.thresholds.fixed },
        historyK: { ...settings.thresholds.historyK },
      },
      // The signal averages whole days of funding.
      averagingWindowDays: Math.max(1, Math.round(settings.signal.averagingWindowDays)),
      weights: structuredClone(settings.policy),
    },
    rebalance: { rule: 'regime-and-monthly', driftBand: settings.rebalance.driftBand },
  };
}

export interface BacktestMetrics {
  /** Compound annual growth rate, as a decimal. */
  cagr: number;
  /** Annualized population standard deviation of the bar returns. */
  volatility: number;
  /** Mean bar return over its standard deviation, annualized; 0 when the returns never vary. */
  sharpe: number;
  /** The deepest fall from a peak, as a negative decimal (0 when equity never fell). */
  maxDrawdown: number;
  /** The peak and the trough of the deepest fall (YYYY-MM-DD), null when equity never fell. */
  maxDrawdownFrom: string | null;
  maxDrawdownTo: string | null;
  /** Final equity over starting equity. */
  finalMultiple: number;
  /** Bars on which the strategy traded after its opening position. */
  rebalances: number;
  /** Fees (and slippage) paid, in units of the starting value. */
  feesPaid: number;
  /** Funding received by short perpetuals, net of funding paid, in units of the starting value. */
  fundingEarned: number;
  /** Share of bars spent in each regime (mix-weighted over the assets); empty for the benchmarks. */
  timeInRegime: Partial<Record<Regime, number>>;
}

export interface BacktestStrategyResult {
  name: BacktestStrategyName;
  /** Portfolio value per bar, starting at 1 (less any fee paid on the first bar). */
  equity: number[];
  /** Value per bar over its running peak, less 1 (0 or negative). */
  drawdown: number[];
  metrics: BacktestMetrics;
}

export interface BacktestResult {
  window: { from: string; to: string; days: number };
  step: BacktestStep;
  /** Each bar's date (YYYY-MM-DD), or date and hour (YYYY-MM-DDTHH:00Z) for hourly bars. */
  dates: string[];
  strategies: Record<BacktestStrategyName, BacktestStrategyResult>;
  /** The policy's regime per bar, per asset. */
  regimes: Record<string, Regime[]>;
}

/** The two series downloaded for backtests: each day's close, and every funding settlement. */
export const BACKTEST_HISTORY_SERIES = ['daily-close', 'funding'] as const;
export type BacktestHistorySeries = (typeof BACKTEST_HISTORY_SERIES)[number];

export const backtestHistoryRequestSchema = z.strictObject({
  assets: z
    .array(assetSymbolSchema)
    .min(1, 'name at least one asset')
    .max(100, 'name at most 100 assets'),
});
export type BacktestHistoryRequest = z.infer<typeof backtestHistoryRequestSchema>;

/** How far one series of one asset's download has come. */
export interface BacktestHistoryProgress {
  asset: string;
  series: BacktestHistorySeries;
  /** Points downloaded so far (this run and earlier ones). */
  done: number;
  /** Points expected once complete: `done` and an estimate of what is left. */
  total: number;
  /** Share of the venue's history covered, 0 to 1, never decreasing. */
  fraction: number;
}

/** What a download did, per asset and series, and the pages it asked the venue for. */
export interface BacktestHistoryDownloaded {
  /** Points this download added to the store (some may already have been there). */
  stored: Record<string, Record<BacktestHistorySeries, number>>;
  /** Points of the venue's history now on hand, from this download and earlier ones. */
  held: Record<string, Record<BacktestHistorySeries, number>>;
  pages: number;
}
