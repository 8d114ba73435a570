// What the exchange gateway hands to the rest of the services: instruments found for an asset, one
// refresh cycle's market data, history for backfill, books, balances and orders — plain data, no ccxt.
import type { ExchangeId } from '../../shared/settings';

export interface InstrumentLimits {
  /** Smallest order amount (base units, or contracts for a contract market). */
  minAmount: number | null;
  maxAmount: number | null;
  /** Smallest order value in the quote currency. */
  minCost: number | null;
  /** Amount increment (binance: the lot step). */
  amountStep: number | null;
  /** Price increment (the tick). */
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
  /** Base units per contract. */
  contractSize: number;
  fundingIntervalHours: number;
  /** False where the venue publishes no interval and the 8 h default is assumed. */
  intervalFromVenue: boolean;
}

export interface DatedFutureInstrument extends InstrumentBase {
  kind: 'future';
  settle: string;
  contractSize: number;
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

export interface MarketDataCycle {
  exchange: ExchangeId;
  /** Wall time (the gateway's clock) at which the answers were in. */
  receivedAt: number;
  /** HTTP requests this cycle made, retries included. */
  requests: number;
  assets: AssetMarketData[];
}

export interface FundingPoint {
  /** Settlement time, ms. */
  at: number;
  /** Rate per interval. */
  rate: number;
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
  /** [price, amount], best first. */
  bids: [number, number][];
  asks: [number, number][];
  venueTime: number | null;
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
  price?: number;
  /** Deterministic id chosen by the caller; the venue refuses a second order with it. */
  clientOrderId: string;
  reduceOnly?: boolean;
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
