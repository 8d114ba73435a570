// What the exchange gateway hands to the rest of the services: instruments found for an asset, one
// refresh cycle's market data, history for backfill, books, balances and orders — plain data, no ccxt.
import type { ExchangeId } from '../../shared/settings';

/** The venue's limits: amounts in base units, or contracts for a contract market. */
export interface InstrumentLimits {
  /** Smallest order amount. */
  minAmount: number | null;
  maxAmount: number | null;
  /** Smallest order value in the quote currency. */
  minCost: number | null;
  /** Amount increment (binance: the lot step). */
  amountStep: number | null;
  /** Price increment (the tick), per unit of the asset as every price the gateway gives. */
  priceStep: number | null;
}

interface InstrumentBase {
  /** ccxt's unified symbol, e.g. BTC/USDT, BTC/USDT:USDT, BTC/USDT:USDT-260925. */
  symbol: string;
  /** The venue's own id, e.g. BTCUSDT or BTCUSDT_260925. */
  id: string;
  base: string;
  quote: string;
  limits: InstrumentLimits;
}

export interface SpotInstrument extends InstrumentBase {
  kind: 'spot';
}

export interface PerpInstrument extends InstrumentBase {
  kind: 'perp';
  settle: string;
  /**
   * Units of the asset per contract (1000 for one 1000PEPEUSDT contract, whose base is 1000 PEPE): a
   * hedge of N units of the asset is N / contractSize contracts.
   */
  contractSize: number;
  /**
   * Units of the asset one unit of the contract's base stands for (1000 for 1000PEPE, else 1). The
   * gateway gives every price of the contract per unit of the asset, already divided by it.
   */
  multiplier: number;
  fundingIntervalHours: number;
  /** False where the venue publishes no interval and the 8 h default is assumed. */
  intervalFromVenue: boolean;
}

export interface DatedFutureInstrument extends InstrumentBase {
  kind: 'future';
  settle: string;
  /** Units of the asset per contract, as for a perpetual. */
  contractSize: number;
  /** Units of the asset one unit of the contract's base stands for, as for a perpetual. */
  multiplier: number;
  /** Delivery time, ms since the epoch. */
  expiry: number;
}

export interface AssetInstruments {
  asset: string;
  spot: SpotInstrument | null;
  perp: PerpInstrument | null;
  /** Linear dated futures, nearest expiry first. */
  futures: DatedFutureInstrument[];
}

export interface SpotMarketData {
  symbol: string;
  bid: number | null;
  ask: number | null;
  /** Mid of bid and ask (the one that exists when only one does). */
  price: number;
}

export interface PerpMarketData {
  symbol: string;
  /** The venue's own name of the contract. */
  id?: string;
  mark: number;
  index: number | null;
  /** Funding rate per interval, as the venue quotes it for the coming settlement. */
  fundingRate: number | null;
  fundingIntervalHours: number;
  intervalFromVenue: boolean;
  nextFundingAt: number | null;
  /** Venue timestamp of the quote, when it sends one. */
  venueTime: number | null;
}

export interface FutureMarketData {
  symbol: string;
  /** The venue's own name of the contract. */
  id?: string;
  expiry: number;
  /** The contract's mark price. */
  price: number;
  index: number | null;
  venueTime: number | null;
}

export interface AssetMarketData {
  asset: string;
  spot: SpotMarketData | null;
  perp: PerpMarketData | null;
  futures: FutureMarketData[];
  /** Why part of the asset's data is missing this cycle (the venue refused or delisted its spot pair). */
  problem?: string;
}

/**
 * One perpetual of every one the venue lists, as the cycle's bulk quote gave it (the answer carries
 * them all whatever is tracked), with the asset's nearest dated future and the published taker fees.
 */
export interface PerpetualQuote {
  asset: string;
  symbol: string;
  /** Per unit of the asset. */
  mark: number;
  index: number | null;
  fundingRate: number | null;
  fundingIntervalHours: number;
  nextFundingAt: number | null;
  venueTime: number | null;
  /** The nearest dated future still trading, priced per unit of the asset; null when none. */
  nearestFuture: { symbol: string; expiry: number; price: number } | null;
  /** Published taker fees (decimals): the perpetual's, and the spot pair's (null: no spot pair). */
  perpTakerFee: number | null;
  spotTakerFee: number | null;
}

export interface MarketDataCycle {
  exchange: ExchangeId;
  /** Wall time (the gateway's clock) at which the answers were in. */
  receivedAt: number;
  /** HTTP requests this cycle made, retries included. */
  requests: number;
  assets: AssetMarketData[];
  /** Every perpetual the venue lists and quoted this cycle, tracked or not. */
  perpetuals?: PerpetualQuote[];
}

/** One settlement of some perpetual, from the venue's funding history of every symbol. */
export interface AssetFundingPoint extends FundingPoint {
  asset: string;
}

export interface FundingPoint {
  /** Settlement time, ms. */
  at: number;
  /** Rate per interval. */
  rate: number;
}

/** A UTC day's last spot price. */
export interface DailyClose {
  /** The day's start, 00:00 UTC (ms). */
  day: number;
  close: number;
}

/** How much of a long history to download. */
export interface LongHistoryOptions {
  /** The earliest time wanted, included (ms); default: where the venue's history begins. */
  since?: number;
  /** The latest time wanted, included (ms); default: now. A day is taken once it is over by then. */
  until?: number;
  /** Stops the download between pages, or while it waits out a rate limit. */
  signal?: AbortSignal;
}

/**
 * One page of a long download, oldest first. `next` is where a download resumes once this page is
 * stored: after its last point (or where it asked from, for an empty page). The iteration ends when
 * the venue has nothing more up to `until`.
 */
export interface LongHistoryPage<P> {
  points: P[];
  next: number;
}

export interface Candle {
  at: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export type Timeframe = '1m' | '5m' | '15m' | '30m' | '1h' | '4h' | '8h' | '1d' | '1w';

export interface OrderBookSnapshot {
  symbol: string;
  /**
   * [price, amount], best first: prices per unit of the asset, amounts in the market's own units
   * (contracts for a contract market, as orders are placed).
   */
  bids: [number, number][];
  asks: [number, number][];
  venueTime: number | null;
}

/** A taker fee rate (decimal) and where it came from: the account's own, or the venue's published one. */
export interface TakerFee {
  rate: number;
  source: 'account' | 'venue-default';
}

export interface BalanceEntry {
  free: number;
  used: number;
  total: number;
}

export interface AccountBalances {
  spot: Record<string, BalanceEntry>;
  /** The USDⓈ-M futures wallet. */
  futures: Record<string, BalanceEntry>;
}

export interface OrderRequest {
  symbol: string;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  /** Base units (contracts for contract markets). */
  amount: number;
  /** Per unit of the asset, as every price the gateway gives. */
  price?: number;
  /**
   * Deterministic id chosen by the caller. The venue refuses a new order with the id of one of its
   * OPEN orders (a 'duplicate-order' error); a filled, cancelled or expired order's id may be reused.
   */
  clientOrderId: string;
  reduceOnly?: boolean;
  /**
   * For a limit order (default GTC): IOC fills what the book gives at or better than the price and
   * expires the rest. A market order takes no time in force.
   */
  timeInForce?: 'IOC' | 'GTC';
}

/** An order to cancel, by the venue's id or by the client id it was sent with. */
export type OrderRef = { id: string } | { clientOrderId: string };

/** The account's two wallets Premia moves funds between. */
export type Wallet = 'spot' | 'futures';

export interface TransferResult {
  /** The venue's id of the transfer, when it gave one. */
  id: string | null;
  coin: string;
  amount: number;
  from: Wallet;
  to: Wallet;
}

export interface OrderResult {
  id: string;
  clientOrderId: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  type: string;
  status: 'open' | 'closed' | 'canceled' | 'expired' | 'rejected' | null;
  amount: number | null;
  filled: number;
  /** A limit order's price per unit of the asset; null for a market order. */
  price: number | null;
  /** Per unit of the asset. */
  average: number | null;
  cost: number | null;
  fee: { currency: string; cost: number } | null;
  timestamp: number | null;
}

export interface RequestEvent {
  method: string;
  /** Host the request was meant for (the venue's, even when redirected to the simulator). */
  host: string;
  /** Path only: a query string can carry a signature. */
  path: string;
  status: number | null;
  durationMs: number;
  redirected: boolean;
}
