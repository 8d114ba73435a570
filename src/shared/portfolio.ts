// What the user holds and how it splits into the three buckets: holdings synced from each exchange
// account and typed in by hand, and the portfolio view computed from them at the snapshot's prices.
// Shaped for several accounts on several venues; every value is in USDT, every weight a decimal.
import { z } from 'zod';
import type { AccountMeta, VaultStatus } from './accounts';
import type { ExchangeId } from './settings';
import { assetSymbolSchema } from './settings';
import type { Regime, Weights } from './strategy';

/** Stablecoins Premia always knows; the settings may add more. */
export const DEFAULT_STABLECOINS = ['USDT', 'USDC', 'FDUSD', 'DAI'] as const;
/** Everything is valued in this coin. */
export const VALUATION_COIN = 'USDT';
/** A stablecoin further than this from 1 USDT is flagged as off its peg. */
export const DEPEG_TOLERANCE = 0.005;

/** One coin in a spot wallet. */
export interface SpotBalance {
  asset: string;
  free: number;
  /** Held by open orders. */
  used: number;
  total: number;
}

/** One coin in a futures wallet (binance's USDⓈ-M: USDT, USDC, FDUSD, BNB as collateral). */
export interface FuturesBalance {
  asset: string;
  /** The wallet balance: deposits, realized P&L, funding and fees. */
  wallet: number;
  unrealizedPnl: number;
  /** wallet + unrealized P&L: what the coin is worth to the account now. */
  margin: number;
  /** What can be withdrawn or used for new positions. */
  available: number;
}

export type PositionSide = 'long' | 'short';
export type MarginMode = 'cross' | 'isolated';

/** An open futures position, as the venue reports it. */
export interface FuturesPosition {
  /** ccxt's unified symbol, e.g. BTC/USDT:USDT or BTC/USDT:USDT-261225. */
  symbol: string;
  /** The asset the position is in (PEPE for 1000PEPEUSDT). */
  asset: string;
  kind: 'perp' | 'future';
  /** Delivery time of a dated future; null for a perpetual. */
  expiry: number | null;
  side: PositionSide;
  contracts: number;
  contractSize: number;
  /** Units of the asset one unit of the contract's base stands for (1000 for 1000PEPE). */
  multiplier: number;
  /** Base quantity in units of the asset: contracts × contractSize × multiplier, always ≥ 0. */
  quantity: number;
  /** Prices per unit of the asset. */
  entryPrice: number;
  markPrice: number;
  unrealizedPnl: number;
  leverage: number | null;
  marginMode: MarginMode;
  /** The isolated wallet of an isolated position (already inside the futures wallet balance). */
  isolatedMargin: number | null;
  /** As the venue reports it; null when it reports none. */
  liquidationPrice: number | null;
  /** quantity × markPrice, in USDT. */
  notional: number;
  /** The coin the contract settles in (USDT). */
  settle: string;
}

/** Everything one exchange account held at one sync. */
export interface AccountHoldings {
  accountId: string;
  exchange: ExchangeId;
  /** Wall time at which the venue's answers were in. */
  syncedAt: number;
  spot: SpotBalance[];
  futures: { balances: FuturesBalance[]; positions: FuturesPosition[] };
}

const manualAmount = z
  .number({ error: 'must be a number' })
  .refine(Number.isFinite, 'must be a finite number')
  .refine((v) => v > 0, 'must be above 0');
const shortText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** A holding typed in by hand: a cold wallet, a venue Premia does not connect to. */
export const manualHoldingInputSchema = z
  .object({
    asset: assetSymbolSchema,
    amount: manualAmount,
    where: shortText(80).min(1, 'say where it is held'),
    note: shortText(300).default(''),
  })
  .strict();
export type ManualHoldingInput = z.input<typeof manualHoldingInputSchema>;

export const manualHoldingSchema = z.object({
  id: z.string(),
  asset: z.string(),
  amount: z.number(),
  where: z.string(),
  note: z.string(),
  updatedAt: z.number(),
});
export type ManualHolding = z.infer<typeof manualHoldingSchema>;

export const manualHoldingUpdateSchema = z
  .object({ id: z.string().min(1).max(100), holding: manualHoldingInputSchema })
  .strict();
export type ManualHoldingUpdate = z.input<typeof manualHoldingUpdateSchema>;

/** A CSV file of manual holdings: `asset,amount,where,note` with that header line. */
export const manualHoldingsCsvSchema = z
  .string()
  .max(1_000_000, 'the file is too large (at most 1 MB)');

export const MANUAL_HOLDINGS_CSV_HEADER = ['asset', 'amount', 'where', 'note'] as const;

/** One tracked asset's place in the portfolio. Values in USDT; weights are shares of its value. */
export interface AssetBuckets {
  asset: string;
  /** Base quantities: spot everywhere plus long futures; short futures. */
  long: number;
  short: number;
  /** The snapshot's spot price; null when there is none (the asset is then left out of the value). */
  price: number | null;
  /** Unhedged spot and hedged spot, in USDT. */
  spot: number;
  hedged: number;
  /** (long − short) × price: negative for a naked short. */
  net: number;
  regime: Regime | null;
  /** Shares of the portfolio value; null when the value is not above 0. */
  current: { spot: number; hedged: number } | null;
  /** mix × the slice's weights for the asset's regime. */
  target: Weights;
  drift: { spot: number; hedged: number } | null;
  /** The asset's share of the portfolio in the user's mix. */
  mix: number;
}

/** A coin held that the strategy does not track (and is not a stablecoin). */
export interface UntrackedHolding {
  asset: string;
  quantity: number;
  /** In USDT, when a price is known. */
  value: number | null;
}

export const PORTFOLIO_WARNING_KINDS = [
  'naked-short',
  'depeg',
  'no-price',
  'no-value',
  'stale-prices',
  'stale-holdings',
  'vault-locked',
  'sync-failed',
] as const;
export type PortfolioWarningKind = (typeof PORTFOLIO_WARNING_KINDS)[number];

export interface PortfolioWarning {
  kind: PortfolioWarningKind;
  /** The asset or account it is about, when it is about one. */
  asset?: string;
  accountId?: string;
  message: string;
}

/** The three buckets of the whole portfolio against the targets of each asset's regime. */
export interface PortfolioBuckets {
  /** Portfolio value V = Σ (spot + hedged) + stable, in USDT. */
  value: number;
  /** Stablecoins and futures margin, less the notional of long futures, in USDT. */
  stable: number;
  /** Bucket weights now; null when V ≤ 0 (a warning says why). */
  current: Weights | null;
  target: Weights;
  drift: Weights | null;
  /** True when any portfolio or per-asset drift is beyond the drift band. */
  rebalanceDue: boolean;
  driftBand: number;
  assets: AssetBuckets[];
  untracked: UntrackedHolding[];
  /** Stablecoins held, each with its price, so a depeg shows where it is. */
  stablecoins: { asset: string; quantity: number; price: number; value: number }[];
  warnings: PortfolioWarning[];
}

/** Where a number came from and how old it is, for the freshness shown beside it. */
export interface Freshness {
  at: number | null;
  stale: boolean;
}

/** The portfolio as the views show it. */
export interface PortfolioView {
  /** Wall time this view was computed. */
  at: number;
  buckets: PortfolioBuckets;
  accounts: AccountMeta[];
  /** The last synced holdings of each account (the demo's only while no real account exists). */
  holdings: AccountHoldings[];
  manual: ManualHolding[];
  prices: Freshness;
  holdingsFreshness: Freshness;
  vault: VaultStatus;
  /** True while the demo portfolio is the one shown (no real account exists). */
  demo: boolean;
}

/** A range of the value-over-time chart. */
export const portfolioHistoryQuerySchema = z
  .object({ from: z.number().optional(), to: z.number().optional() })
  .strict();
export type PortfolioHistoryQuery = z.infer<typeof portfolioHistoryQuerySchema>;

export interface PortfolioHistory {
  /** [time, value in USDT] points, oldest first. */
  points: [number, number][];
}
