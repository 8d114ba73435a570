// Market data as the UI and the CLI see it: one snapshot per refresh cycle.
import { z } from 'zod';
import { basisMethodSchema, regimeSchema, signalSourceSchema } from './strategy';

export const perpQuoteSchema = z.object({
  symbol: z.string(),
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
});
export type AssetSnapshot = z.infer<typeof assetSnapshotSchema>;

export const marketSnapshotSchema = z.object({
  at: z.number(),
  source: z.string(),
  assets: z.array(assetSnapshotSchema),
  offline: z.boolean().optional(),
});
export type MarketSnapshot = z.infer<typeof marketSnapshotSchema>;
