// The settings document: every user setting, its validation and the shape of a partial update.
import { z } from 'zod';
import {
  basisMethodSchema,
  historyKSchema,
  policySchema,
  signalSourceSchema,
  thresholdsSchema,
  WEIGHT_SUM_TOLERANCE,
} from './strategy';

export const SETTINGS_VERSION = 6;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const fraction = (max: number, label: string) =>
  finite.refine((v) => v >= 0 && v <= max, `must be between 0% and ${label}`);

export const assetSymbolSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,15}$/, 'must be a ticker such as BTC (2 to 15 letters or digits)');

/**
 * The venues Premia can read and trade on: exactly those with an adapter in the services (the
 * services' adapter registry is typed by this list, so the two cannot drift apart).
 */
export const EXCHANGES = ['binance'] as const;
export const exchangeIdSchema = z.enum(EXCHANGES);
export type ExchangeId = z.infer<typeof exchangeIdSchema>;

/** Each venue's name for people. */
export const EXCHANGE_NAMES: Readonly<Record<ExchangeId, string>> = { binance: 'Binance' };

export const MARKET_SOURCES = ['demo', 'live'] as const;

export const thresholdSettingsSchema = z
  .object({
    /** `fixed` uses `fixed`; `history` derives each asset's thresholds from its trailing year. */
    mode: z.enum(['fixed', 'history']),
    fixed: thresholdsSchema,
    historyK: historyKSchema,
  })
  .superRefine((t, ctx) => {
    if (!(t.historyK.moderate < t.historyK.extreme)) {
      ctx.addIssue({
        code: 'custom',
        path: ['historyK', 'extreme'],
        message: 'must be above the moderate multiple',
      });
    }
  });

export const signalSettingsSchema = z.object({
  source: signalSourceSchema,
  averagingWindowDays: finite.refine((v) => v >= 1 && v <= 90, 'must be between 1 and 90 days'),
  minDaysToExpiry: finite.refine((v) => v >= 0 && v <= 60, 'must be between 0 and 60 days'),
  constantMaturityDays: finite.refine((v) => v >= 7 && v <= 365, 'must be between 7 and 365 days'),
  basisMethod: basisMethodSchema,
});

export const assetSettingsSchema = z
  .object({
    tracked: z
      .array(assetSymbolSchema)
      .min(1, 'track at least one asset')
      .max(100, 'track at most 100 assets')
      .refine((a) => new Set(a).size === a.length, 'lists an asset twice'),
    /** Share of the portfolio per asset; empty means equal over the tracked assets. */
    mix: z.record(assetSymbolSchema, fraction(1, '100%')),
  })
  .superRefine((a, ctx) => {
    const keys = Object.keys(a.mix);
    if (keys.length === 0) return;
    const missing = a.tracked.filter((s) => !(s in a.mix));
    const extra = keys.filter((s) => !a.tracked.includes(s));
    if (missing.length || extra.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['mix'],
        message: `must name exactly the tracked assets${missing.length ? ` (missing ${missing.join(', ')})` : ''}${extra.length ? ` (not tracked: ${extra.join(', ')})` : ''}`,
      });
      return;
    }
    const sum = Object.values(a.mix).reduce((s, v) => s + v, 0);
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['mix'],
        message: `shares must sum to 100% (they sum to ${(sum * 100).toFixed(2)}%)`,
      });
    }
  });

export const rebalanceSettingsSchema = z.object({
  /** A bucket further than this from its target (in portfolio weight) triggers a rebalance. */
  driftBand: fraction(0.5, '50%'),
  slippageLimit: fraction(0.05, '5%'),
  leverageCap: finite.refine((v) => v >= 1 && v <= 10, 'must be between 1× and 10×'),
  /** Days a perpetual hedge's carry is counted over (a dated one is counted to its expiry). */
  holdingDays: finite.refine((v) => v >= 1 && v <= 365, 'must be between 1 and 365 days'),
  /** How long a plan may be executed after it was made. */
  planTtlSeconds: z
    .number()
    .int('must be a whole number of seconds')
    .min(15, 'must be at least 15 seconds')
    .max(3_600, 'must be at most an hour'),
  /** Whether a plan may convert stablecoins other than the margin coin (USDC to USDT, say). */
  convertStablecoins: z.boolean(),
});

export const alertSettingsSchema = z.object({
  /** A short whose price is closer than this to its liquidation price raises an alert. */
  liquidationDistance: finite.refine((v) => v > 0 && v <= 1, 'must be above 0% and at most 100%'),
  /** A dated contract held this close to expiry raises an alert. */
  expiryDays: finite.refine((v) => v >= 1 && v <= 30, 'must be between 1 and 30 days'),
  /** Raise alerts as system notifications too (in the desktop app, or a browser that allows it). */
  notifications: z.boolean(),
});

export const marketSettingsSchema = z.object({
  /** `demo` runs the built-in exchange simulator; `live` reads public data from `exchange`. */
  source: z.enum(MARKET_SOURCES),
  exchange: exchangeIdSchema,
  refreshIntervalMs: z
    .number()
    .int('must be a whole number of milliseconds')
    .min(2_000, 'must be at least 2 seconds')
    .max(3_600_000, 'must be at most an hour'),
});

/** Whether the built-in exchange simulator is the market: the app says "Demo" wherever it is. */
export function isDemoMarket(settings: Pick<Settings, 'market'>): boolean {
  return settings.market.source === 'demo';
}

export const portfolioSettingsSchema = z.object({
  /** How often holdings are synced from every account. */
  holdingsIntervalMs: z
    .number()
    .int('must be a whole number of milliseconds')
    .min(10_000, 'must be at least 10 seconds')
    .max(86_400_000, 'must be at most a day'),
  /** Stablecoins beyond the ones Premia knows (USDT, USDC, FDUSD, DAI). */
  extraStablecoins: z
    .array(assetSymbolSchema)
    .max(20, 'list at most 20 stablecoins')
    .refine((a) => new Set(a).size === a.length, 'lists a coin twice'),
});

export const vaultSettingsSchema = z.object({
  /** The vault locks itself after this long without use. */
  autoLockMinutes: finite.refine((v) => v >= 1 && v <= 1440, 'must be between 1 minute and a day'),
});

export const executionSettingsSchema = z.object({
  /** How long the second leg of a basis trade or hedge may take before the first is unwound. */
  secondLegTimeoutSeconds: finite.refine(
    (v) => v >= 1 && v <= 120,
    'must be between 1 and 120 seconds',
  ),
  /** How many orders the second leg may take before the first is unwound. */
  secondLegAttempts: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10, 'must be at most 10'),
});

/** How the desktop app lives beside the user's session. The headless host has no use for them. */
export const desktopSettingsSchema = z.object({
  /**
   * Closing the window leaves Premia running in the tray (the menu bar on macOS), still polling,
   * recording history and raising alerts. Off on Windows and Linux, closing the last window quits; on
   * macOS closing a window never quits (the platform's rule), and off only removes the menu bar icon.
   */
  keepInTray: z.boolean(),
  /** Premia starts when the user logs in. */
  startAtLogin: z.boolean(),
});

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  thresholds: thresholdSettingsSchema,
  signal: signalSettingsSchema,
  policy: policySchema,
  assets: assetSettingsSchema,
  rebalance: rebalanceSettingsSchema,
  market: marketSettingsSchema,
  portfolio: portfolioSettingsSchema,
  vault: vaultSettingsSchema,
  alerts: alertSettingsSchema,
  execution: executionSettingsSchema,
  desktop: desktopSettingsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A partial update: any group may be left out, and within a group any top-level key. Nested objects
 * (a threshold set, a regime's weights) are replaced whole. The merged result is validated again.
 */
export const settingsPatchSchema = z
  .object({
    thresholds: z.looseObject({}).optional(),
    signal: z.looseObject({}).optional(),
    policy: z.looseObject({}).optional(),
    assets: z.looseObject({}).optional(),
    rebalance: z.looseObject({}).optional(),
    market: z.looseObject({}).optional(),
    portfolio: z.looseObject({}).optional(),
    vault: z.looseObject({}).optional(),
    alerts: z.looseObject({}).optional(),
    execution: z.looseObject({}).optional(),
    desktop: z.looseObject({}).optional(),
  })
  .strict();
export type SettingsPatch = {
  [G in Exclude<keyof Settings, 'version'>]?: Partial<Settings[G]>;
};
