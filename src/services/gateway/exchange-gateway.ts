// The exchange gateway: one ccxt instance per exchange account, loaded lazily, rate limiter on, its
// listings kept up to date (./listings), pointed at the simulator through ccxt's fetchImplementation
// when asked. Reads are retried with backoff (./gateway-core); orders never are (./account).
// Everything it returns is plain data (./types).
import type { MaintenanceBracket } from '../../core/planner-types';
import type { AccountEnvironment, AccountModes, KeyPermissions } from '../../shared/accounts';
import { PremiaError } from '../../shared/errors';
import type { ExchangeId } from '../../shared/settings';
import { fetchBalances, fetchOrderByClientId, placeOrder } from './account';
import { ADAPTERS, adapterOf } from './adapters';
import {
  fetchFundingHistory,
  fetchRecentFundingOfAll,
  fetchOrderBook,
  fetchPriceHistory,
  type FundingHistoryOptions,
  type PriceHistoryOptions,
} from './candles-books';
import { loadVenueCcxt } from './ccxt-loader';
import { createLongHistory } from './long-history';
import type { GatewayError } from './errors';
import {
  createGatewayCore,
  type ExchangeCredentials,
  type GatewayDiagnostics,
  type ReadOptions,
} from './gateway-core';
import {
  fetchAccountModes,
  fetchHoldings,
  fetchKeyPermissions,
  fetchSpotPrices,
  type Holdings,
} from './holdings';
import type { VenueListing } from './listings';
import type { ListingCache } from './listings-cache';
import { fetchMarketData } from './market-data';
import type { RetryPolicy } from './retry';
import type {
  AccountBalances,
  AssetInstruments,
  Candle,
  DailyClose,
  FundingPoint,
  AssetFundingPoint,
  LongHistoryOptions,
  LongHistoryPage,
  MarketDataCycle,
  OrderBookSnapshot,
  OrderRef,
  OrderRequest,
  OrderResult,
  TakerFee,
  Timeframe,
  TransferResult,
  Wallet,
} from './types';
import { fetchMaintenanceBrackets, fetchTakerFees } from './trading-costs';
import { setLeverage, setMarginMode, type MarginMode } from './futures-settings';
import { cancelOrder, fetchOpenOrders } from './orders';
import { transfer } from './transfers';

export type { ExchangeCredentials, GatewayDiagnostics, ReadOptions } from './gateway-core';
export type { FundingHistoryOptions, PriceHistoryOptions } from './candles-books';
export type { MarginMode } from './futures-settings';

/** Exchanges the gateway can talk to. */
export function supportedExchanges(): ExchangeId[] {
  return Object.keys(ADAPTERS) as ExchangeId[];
}

/**
 * Starts loading the exchange's ccxt class before a gateway needs it, so the import overlaps other
 * start-up work; a failure is left for the gateway's `ready()` to report.
 */
export function preloadExchange(exchange: ExchangeId): void {
  const adapter = adapterOf(exchange);
  if (adapter) loadVenueCcxt(adapter.ccxtClass).catch(() => undefined);
}

export interface ExchangeGatewayOptions {
  exchange: ExchangeId;
  /** Needed only for account calls; market data is public. */
  credentials?: ExchangeCredentials | null;
  /** Base URL of the simulator (http://127.0.0.1:port): the venue's hosts are sent there instead. */
  redirectTo?: string | null;
  /**
   * Where the account's requests go (default live): `testnet` is ccxt's sandbox, `demo-trading` the
   * venue's demo-trading hosts, `simulator` needs `redirectTo`.
   */
  environment?: AccountEnvironment;
  /**
   * How messages name the venue, mid-sentence (default: the adapter's display name): "the demo
   * market" when the simulator stands in for it.
   */
  venueName?: string;
  /** Wall clock (ms). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. */
  random?: () => number;
  /** ccxt's request timeout (ms). Default 10 000. */
  timeoutMs?: number;
  /** Overrides ccxt's spacing between requests (ms); the limiter stays on. For tests. */
  rateLimitMs?: number;
  /** Least time between reloads of the markets the quotes prompt (ms). Default 3 min. */
  listingReloadMs?: number;
  /**
   * The venue's market list kept between starts (see ./listings-cache): a start quotes from the
   * saved list while a fresh one loads. None: the list is loaded before the first quotes.
   */
  listingCache?: ListingCache | null;
  retry?: Partial<RetryPolicy>;
  /** The fetch ccxt's requests finally go through (default: the global fetch). */
  fetch?: typeof fetch;
  /** Funding-history pages long downloads may take per five minutes (default: the venue's share). */
  fundingPagesPer5Min?: number;
  /** Sees every retry of a read. */
  onRetry?: (error: GatewayError, attempt: number, delayMs: number) => void;
}

export interface ExchangeGateway {
  readonly exchange: ExchangeId;
  /** False when redirected to the simulator. */
  readonly live: boolean;
  /** Loads ccxt and the markets (once; later calls share the same promise). */
  ready(): Promise<void>;
  discover(assets: readonly string[], read?: ReadOptions): Promise<AssetInstruments[]>;
  /** One refresh cycle: a constant number of bulk requests whatever the number of assets. */
  fetchMarketData(assets: readonly string[], read?: ReadOptions): Promise<MarketDataCycle>;
  fetchFundingHistory(asset: string, options?: FundingHistoryOptions): Promise<FundingPoint[]>;
  /** The newest `limit` settlements of every perpetual together, in one request. */
  fetchRecentFundingOfAll(limit: number): Promise<AssetFundingPoint[]>;
  fetchPriceHistory(
    asset: string,
    timeframe: Timeframe,
    options?: PriceHistoryOptions,
  ): Promise<Candle[]>;
  /**
   * Every daily spot close the venue has of the asset in the window (by default all of them), page by
   * page as they arrive; only days that are over.
   */
  downloadDailyCloses(
    asset: string,
    options?: LongHistoryOptions,
  ): AsyncGenerator<LongHistoryPage<DailyClose>>;
  /**
   * Every funding settlement of the asset's perpetual in the window (by default all of them), page by
   * page, within the venue's shared limit on funding requests.
   */
  downloadFundingSettlements(
    asset: string,
    options?: LongHistoryOptions,
  ): AsyncGenerator<LongHistoryPage<FundingPoint>>;
  /** What the venue lists, to check a ticker before it is tracked (loads the markets if need be). */
  listing(read?: ReadOptions): Promise<VenueListing>;
  fetchOrderBook(symbol: string, limit?: number): Promise<OrderBookSnapshot>;
  /** Spot and USDⓈ-M wallets (signed). */
  fetchBalances(): Promise<AccountBalances>;
  /**
   * Sends one order, once: never retried, by ccxt or by the gateway. A client id held by an open
   * order is refused as 'duplicate-order'; a lost answer is an error with `outcomeUnknown`.
   */
  placeOrder(request: OrderRequest): Promise<OrderResult>;
  /**
   * Looks an order up by the client id it was sent with, open or done (filled, cancelled, expired);
   * null when the venue has none. Where an id was reused, the latest order with it.
   */
  fetchOrderByClientId(symbol: string, clientOrderId: string): Promise<OrderResult | null>;
  /** Cancels an order; null when the venue has no open order by that reference. */
  cancelOrder(symbol: string, ref: OrderRef): Promise<OrderResult | null>;
  /** The open orders of a symbol, or of every spot and futures symbol. */
  fetchOpenOrders(symbol?: string): Promise<OrderResult[]>;
  /**
   * Moves a coin between the spot and futures wallets, once: never retried; a lost answer is an
   * error with `outcomeUnknown`.
   */
  transfer(coin: string, amount: number, from: Wallet, to: Wallet): Promise<TransferResult>;
  /** Sets a contract's leverage; setting the one it has succeeds. */
  setLeverage(symbol: string, leverage: number): Promise<void>;
  /** Sets a contract's margin mode; setting the one it has succeeds. */
  setMarginMode(symbol: string, mode: MarginMode): Promise<void>;
  /** Reloads the markets now (a newly tracked asset may have been listed since). */
  reloadMarkets(read?: ReadOptions): Promise<void>;
  /** Both wallets and the open positions (signed): a constant number of bulk requests. */
  fetchHoldings(): Promise<Holdings>;
  /** The USDT price of each coin from one bulk request (null for a coin with no pair). */
  fetchSpotPrices(coins: readonly string[]): Promise<Record<string, number | null>>;
  /** What the key may do (signed). */
  fetchKeyPermissions(): Promise<KeyPermissions>;
  /** The futures account's position and margin modes (signed). */
  fetchAccountModes(): Promise<AccountModes>;
  /**
   * The taker rate of each symbol: the account's own where the venue reports it (signed), else the
   * market's published rate, marked `venue-default`.
   */
  fetchTakerFees(symbols: readonly string[]): Promise<Record<string, TakerFee>>;
  /** The maintenance-margin brackets of each contract symbol, ascending by cap (signed). */
  fetchMaintenanceBrackets(
    symbols: readonly string[],
  ): Promise<Record<string, MaintenanceBracket[]>>;
}

/** A gateway, and beside it what the bench and the tests look at in it. */
export interface OpenedGateway {
  gateway: ExchangeGateway;
  diagnostics: GatewayDiagnostics;
}

export function createExchangeGateway(options: ExchangeGatewayOptions): OpenedGateway {
  const adapter = adapterOf(options.exchange);
  const environment = options.environment ?? 'live';
  if (environment === 'simulator' && !options.redirectTo) {
    throw new PremiaError('invalid-input', 'The built-in simulator is not running.', 'environment');
  }
  if (!adapter) {
    throw new PremiaError(
      'invalid-input',
      `${options.exchange} is not supported yet; supported: ${supportedExchanges().join(', ')}.`,
      'market.exchange',
    );
  }
  const core = createGatewayCore({
    adapter,
    venue: options.venueName ?? adapter.displayName,
    credentials: options.credentials ?? null,
    redirectTo: options.redirectTo ?? null,
    environment,
    now: options.now ?? Date.now,
    sleep:
      options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? 10_000,
    rateLimitMs: options.rateLimitMs,
    listingReloadMs: options.listingReloadMs,
    listingCache: options.listingCache,
    retry: options.retry,
    fetch: options.fetch,
    onRetry: options.onRetry,
  });
  const { listings } = core;
  const longHistory = createLongHistory(
    core,
    options.fundingPagesPer5Min ?? adapter.fundingPagesPer5Min,
  );

  const gateway: ExchangeGateway = {
    exchange: adapter.id,
    live: !options.redirectTo,
    async ready() {
      await core.call(() => listings.ready());
    },
    discover: (assets, read) => core.call(() => listings.instruments(assets), read),
    fetchMarketData: (assets, read) => fetchMarketData(core, assets, read),
    fetchFundingHistory: (asset, history) => fetchFundingHistory(core, asset, history),
    fetchRecentFundingOfAll: (limit) => fetchRecentFundingOfAll(core, limit),
    fetchPriceHistory: (asset, timeframe, history) =>
      fetchPriceHistory(core, asset, timeframe, history),
    downloadDailyCloses: (asset, history) => longHistory.dailyCloses(asset, history),
    downloadFundingSettlements: (asset, history) => longHistory.fundingSettlements(asset, history),
    listing: (read) => core.call(() => listings.listing(), read),
    fetchOrderBook: (symbol, limit) => fetchOrderBook(core, symbol, limit),
    fetchBalances: () => fetchBalances(core),
    placeOrder: (request) => placeOrder(core, request),
    fetchOrderByClientId: (symbol, clientOrderId) =>
      fetchOrderByClientId(core, symbol, clientOrderId),
    cancelOrder: (symbol, ref) => cancelOrder(core, symbol, ref),
    fetchOpenOrders: (symbol) => fetchOpenOrders(core, symbol ?? null),
    transfer: (coin, amount, from, to) => transfer(core, coin, amount, from, to),
    setLeverage: (symbol, leverage) => setLeverage(core, symbol, leverage),
    setMarginMode: (symbol, mode) => setMarginMode(core, symbol, mode),
    async reloadMarkets(read) {
      await core.call(() => listings.reload(), read);
    },
    fetchHoldings: () => fetchHoldings(core),
    fetchSpotPrices: (coins) => fetchSpotPrices(core, coins),
    fetchKeyPermissions: () => fetchKeyPermissions(core),
    fetchAccountModes: () => fetchAccountModes(core),
    fetchTakerFees: (symbols) => fetchTakerFees(core, symbols),
    fetchMaintenanceBrackets: (symbols) => fetchMaintenanceBrackets(core, symbols),
  };
  return { gateway, diagnostics: core.diagnostics };
}
