// Market data as the UI and the CLI see it: one snapshot per refresh cycle.
import { z } from 'zod';
import { assetSymbolSchema } from './settings';
import type { Thresholds } from './strategy';
import { basisMethodSchema, regimeSchema, signalSourceSchema, thresholdsSchema } from './strategy';

export const perpQuoteSchema = z.object({
  symbol: z.string(),
  /** The venue's own name of the contract (BTCUSDT); absent in snapshots saved before it was kept. */
  id: z.string().optional(),
  mark: z.number(),
  index: z.number(),
  fundingRate: z.number(),
  fundingIntervalHours: z.number(),
  /** False where the venue publishes no interval and the 8 h default is used. */
  intervalFromVenue: z.boolean(),
  annualized: z.number(),
  nextFundingAt: z.number().nullable(),
});
export type PerpQuote = z.infer<typeof perpQuoteSchema>;

export const futureQuoteSchema = z.object({
  symbol: z.string(),
  /** The venue's own name of the contract (BTCUSDT_260327); absent in snapshots saved before it was kept. */
  id: z.string().optional(),
  expiry: z.number(),
  price: z.number(),
  daysToExpiry: z.number(),
  annualized: z.number(),
  /** Whether this contract may feed the signal (far enough from expiry). */
  inSignal: z.boolean(),
});
export type FutureQuote = z.infer<typeof futureQuoteSchema>;

export const assetSnapshotSchema = z.object({
  asset: z.string(),
  spot: z.number().nullable(),
  perp: perpQuoteSchema.nullable(),
  futures: z.array(futureQuoteSchema),
  premium: z.number().nullable(),
  premiumSource: signalSourceSchema.exclude(['auto']).nullable(),
  basisMethod: basisMethodSchema,
  regime: regimeSchema.nullable(),
  heldByHysteresis: z.boolean(),
  stale: z.boolean(),
  /** Wall time at which this asset's data was last received. */
  receivedAt: z.number().nullable().optional(),
  /** The thresholds that set `regime` (fixed, or from the asset's history). */
  thresholds: thresholdsSchema.optional(),
  /**
   * Why the asset's data is missing or partial, in words for people: the venue refused or delisted
   * its spot pair, or refuses this region. Absent when nothing is wrong.
   */
  problem: z.string().optional(),
});
export type AssetSnapshot = z.infer<typeof assetSnapshotSchema>;

export const marketSnapshotSchema = z.object({
  at: z.number(),
  source: z.string(),
  assets: z.array(assetSnapshotSchema),
  offline: z.boolean().optional(),
});
export type MarketSnapshot = z.infer<typeof marketSnapshotSchema>;

/**
 * How the market data stands. `starting`: no cycle has finished yet; `live`: the last cycle brought
 * quotes; `retrying`: cycles fail and are tried again; `offline`: no network; `refused`: the venue
 * refuses this region, and nothing is tried until asked again; `paused`: the user paused polling, and
 * nothing is asked until it is resumed.
 */
export const MARKET_HEALTH_STATES = [
  'starting',
  'live',
  'retrying',
  'offline',
  'refused',
  'paused',
] as const;
export type MarketHealthState = (typeof MARKET_HEALTH_STATES)[number];

export interface MarketHealth {
  /** `demo`, or the exchange id of a live venue. */
  source: string;
  state: MarketHealthState;
  /** Why the last cycle failed, in words for people; null once a cycle has brought quotes. */
  lastFailure: { kind: string; message: string; at: number } | null;
  /** Wall time of the next cycle, when one is scheduled (null while one runs, or when refused). */
  nextAttemptAt: number | null;
  /** True while a cycle is under way. */
  refreshing: boolean;
  /** Wall time of the last cycle that brought quotes; null before the first. */
  lastQuotesAt: number | null;
  /** The refresh interval in force (ms). */
  refreshIntervalMs: number;
}

export const HISTORY_SERIES = ['spot', 'mark', 'premium', 'funding'] as const;
export const historySeriesSchema = z.enum(HISTORY_SERIES);
export type HistorySeriesName = z.infer<typeof historySeriesSchema>;

// Queries name an asset by the same ticker rule as the tracked assets, so a name that could never be
// tracked (spaces, non-ASCII letters) is refused here, in words, before it reaches the stored series.
export const historyQuerySchema = z.object({
  asset: assetSymbolSchema,
  series: historySeriesSchema,
  from: z.number().optional(),
  to: z.number().optional(),
  /** Downsample to at most this many points for a chart. */
  maxPoints: z.number().int().min(10).max(200_000).optional(),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** A time series as two parallel arrays: times (ms) and values (decimals or prices). */
export interface HistorySeries {
  asset: string;
  series: HistorySeriesName;
  t: number[];
  v: number[];
  /**
   * `funding` only: the interval (hours) each settlement paid for, in parallel with `t`. A rate is
   * annualized with its own interval, which the venue may have changed since.
   */
  intervalHours?: number[];
}

export const calibrationQuerySchema = z.object({
  asset: assetSymbolSchema,
});
export type CalibrationQuery = z.infer<typeof calibrationQuerySchema>;

/** Fixed thresholds beside the ones the asset's own trailing year suggests. */
export interface Calibration {
  asset: string;
  fixed: Thresholds;
  fromHistory: Thresholds | null;
  stats: { mean: number; std: number; count: number; from: number; to: number } | null;
  /** Why `fromHistory` is null (too little history, say). */
  reason: string | null;
}

export interface BackfillProgress {
  asset: string;
  series: HistorySeriesName;
  fraction: number;
  done: boolean;
  error: string | null;
}

export const termCurveQuerySchema = z.object({
  asset: assetSymbolSchema,
});
export type TermCurveQuery = z.infer<typeof termCurveQuerySchema>;

/** One dated future of a past curve, as it stood then. */
export interface PastCurvePoint {
  expiry: number;
  /** Days to expiry at the time of the curve. */
  days: number;
  /** Annualized by the basis method in force now, so it compares with today's curve. */
  annualized: number;
}

/** The term structure about `agoDays` days before now: `at` is null when none was recorded then. */
export interface PastTermCurve {
  agoDays: number;
  at: number | null;
  points: PastCurvePoint[];
}

export interface PastTermStructure {
  asset: string;
  curves: PastTermCurve[];
}
