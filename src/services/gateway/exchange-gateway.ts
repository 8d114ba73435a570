// The exchange gateway: one ccxt instance per exchange account, loaded lazily, rate limiter on, its
// listings kept up to date (./listings), pointed at the simulator through ccxt's fetchImplementation
// when asked. Reads are retried with backoff; orders never are. Everything it returns is plain data
// (./types).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Balances, Exchange, Order } from 'ccxt';
import { PremiaError } from '../../shared/errors';
import type { ExchangeId } from '../../shared/settings';
import { ADAPTERS, adapterOf } from './adapters';
import { loadVenueCcxt, type CcxtSource } from './ccxt-loader';
import { classifyError, GatewayError, sentenceCase } from './errors';
import { createFetchHook } from './fetch-redirect';
import { createListings, LISTING_RELOAD_MS, type VenueListing } from './listings';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import type {
  AccountBalances,
  AssetInstruments,
  AssetMarketData,
  BalanceEntry,
  Candle,
  FundingPoint,
  MarketDataCycle,
  OrderBookSnapshot,
  OrderRequest,
  OrderResult,
  RequestEvent,
  Timeframe,
} from './types';
import type { VenueAdapter } from './venue';
import { finiteOrNull, positiveOrNull } from '../../core';

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

export interface ExchangeCredentials {
  apiKey: string;
  secret: string;
}

export interface ExchangeGatewayOptions {
  exchange: ExchangeId;
  /** Needed only for account calls; market data is public. */
  credentials?: ExchangeCredentials | null;
  /** Base URL of the simulator (http://127.0.0.1:port): the venue's hosts are sent there instead. */
  redirectTo?: string | null;
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
  retry?: Partial<RetryPolicy>;
  /** The fetch ccxt's requests finally go through (default: the global fetch). */
  fetch?: typeof fetch;
  /** Sees every HTTP request (path only, never the query). */
  onRequest?: (event: RequestEvent) => void;
  /** Sees every retry of a read. */
  onRetry?: (error: GatewayError, attempt: number, delayMs: number) => void;
}

export interface PriceHistoryOptions {
  since?: number;
  until?: number;
  limit?: number;
  instrument?: 'spot' | 'perp';
}

/** How one call reads, where it differs from the gateway's own policy. */
export interface ReadOptions {
  /**
   * Attempts after the first for each read the call makes (default: the gateway's policy). A caller
   * that retries on a schedule of its own (the poller) asks for none, so a failure is known at once.
   */
  retries?: number;
}

export interface FundingHistoryOptions {
  since?: number;
  until?: number;
  limit?: number;
}

export interface ExchangeGateway {
  readonly exchange: ExchangeId;
  /** False when redirected to the simulator. */
  readonly live: boolean;
  /** HTTP requests sent so far. */
  requestCount(): number;
  /** Loads ccxt and the markets (once; later calls share the same promise). */
  ready(): Promise<void>;
  /** Milliseconds ccxt took to import (null before `ready`). */
  ccxtImportMs(): number | null;
  /** Whether the venue's ccxt class module alone was loaded, or all of ccxt (null before `ready`). */
  ccxtSource(): CcxtSource | null;
  discover(assets: readonly string[], read?: ReadOptions): Promise<AssetInstruments[]>;
  /** One refresh cycle: a constant number of bulk requests whatever the number of assets. */
  fetchMarketData(assets: readonly string[], read?: ReadOptions): Promise<MarketDataCycle>;
  fetchFundingHistory(asset: string, options?: FundingHistoryOptions): Promise<FundingPoint[]>;
  fetchPriceHistory(
    asset: string,
    timeframe: Timeframe,
    options?: PriceHistoryOptions,
  ): Promise<Candle[]>;
  /** What the venue lists, to check a ticker before it is tracked (loads the markets if need be). */
  listing(read?: ReadOptions): Promise<VenueListing>;
  fetchOrderBook(symbol: string, limit?: number): Promise<OrderBookSnapshot>;
  /** Spot and USDⓈ-M wallets (signed). */
  fetchBalances(): Promise<AccountBalances>;
  /** Sends one order, once: never retried, by ccxt or by the gateway. */
  placeOrder(request: OrderRequest): Promise<OrderResult>;
  /** Looks an order up by the client id it was sent with; null when the venue has none. */
  fetchOrderByClientId(symbol: string, clientOrderId: string): Promise<OrderResult | null>;
  /** Reloads the markets now (a newly tracked asset may have been listed since). */
  reloadMarkets(read?: ReadOptions): Promise<void>;
}

interface CallScope {
  requests: number;
  retries: number | undefined;
}

interface Loaded {
  exchange: Exchange;
  importMs: number;
  source: CcxtSource;
}

/** A contract's price per unit of the asset: its price per unit of the contract's base, divided. */
function perUnit(price: number | null, multiplier: number): number | null {
  return price === null ? null : price / multiplier;
}

export function createExchangeGateway(options: ExchangeGatewayOptions): ExchangeGateway {
  const found = adapterOf(options.exchange);
  if (!found) {
    throw new PremiaError(
      'invalid-input',
      `${options.exchange} is not supported yet; supported: ${supportedExchanges().join(', ')}.`,
      'market.exchange',
    );
  }
  const adapter: VenueAdapter = found;
  const venue = options.venueName ?? adapter.displayName;
  const Venue = sentenceCase(venue);
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const credentials = options.credentials ?? null;
  const secrets = credentials ? [credentials.apiKey, credentials.secret] : [];
  /** The call under way: its request count and how its reads retry. */
  const scope = new AsyncLocalStorage<CallScope>();
  let total = 0;
  /** Until when the venue asked us to hold off (Retry-After), wall time. */
  let blockedUntil = 0;
  let lastRetryAfter: { ms: number; at: number } | null = null;
  let loading: Promise<Loaded> | null = null;
  let loaded: Loaded | null = null;

  const classify = (error: unknown): GatewayError => {
    const recent =
      lastRetryAfter !== null && now() - lastRetryAfter.at < 5_000 ? lastRetryAfter.ms : null;
    return classifyError(error, {
      venue,
      codeKinds: adapter.errorKinds,
      retryAfterMs: recent,
      secrets,
    });
  };

  function load(): Promise<Loaded> {
    if (!loading) {
      loading = (async () => {
        const { ccxt, importMs, source } = await loadVenueCcxt(adapter.ccxtClass);
        const hook = createFetchHook({
          venueHosts: adapter.hosts,
          redirectTo: options.redirectTo ?? null,
          fetch: options.fetch,
          badResponse: (message) => new ccxt.BadResponse(message),
          regionRefused: (message) => new ccxt.RestrictedLocation(message),
          onRequest: (event) => {
            total++;
            const counter = scope.getStore();
            if (counter) counter.requests++;
            options.onRequest?.(event);
          },
          onRetryAfter: (ms) => {
            lastRetryAfter = { ms, at: now() };
            blockedUntil = Math.max(blockedUntil, now() + ms);
          },
        });
        const config: Record<string, unknown> = {
          enableRateLimit: true,
          timeout: options.timeoutMs ?? 10_000,
          fetchImplementation: hook,
        };
        if (credentials) {
          config.apiKey = credentials.apiKey;
          config.secret = credentials.secret;
        }
        if (options.rateLimitMs !== undefined) config.rateLimit = options.rateLimitMs;
        const exchange = adapter.create(ccxt, config);
        loaded = { exchange, importMs, source };
        return loaded;
      })().catch((error: unknown) => {
        loading = null;
        throw error;
      });
    }
    return loading;
  }

  /** Waits out a Retry-After the venue asked for, or refuses when the wait is too long. */
  async function respectCooldown(): Promise<void> {
    const wait = blockedUntil - now();
    if (wait <= 0) return;
    if (wait > policy.maxRetryAfterMs) {
      throw new GatewayError(
        'rate-limited',
        `${Venue} is limiting requests; Premia waits ${Math.ceil(wait / 1000)} s before asking again.`,
        { retryAfterMs: wait },
      );
    }
    await sleep(wait);
  }

  function read<T>(operation: () => Promise<T>): Promise<T> {
    const retries = scope.getStore()?.retries;
    return withRetry(
      async () => {
        await respectCooldown();
        return operation();
      },
      {
        policy: retries === undefined ? policy : { ...policy, retries },
        classify,
        sleep,
        random,
        onRetry: options.onRetry,
      },
    );
  }

  function counted<T>(
    operation: (counter: CallScope) => Promise<T>,
    readOptions: ReadOptions = {},
  ): Promise<T> {
    const counter: CallScope = { requests: 0, retries: readOptions.retries };
    return scope.run(counter, () => operation(counter));
  }

  const listings = createListings({
    adapter,
    venue,
    exchange: () => exchangeOf(),
    read,
    coolingDown: () => blockedUntil > now(),
    now,
    reloadMinMs: options.listingReloadMs ?? LISTING_RELOAD_MS,
  });
  const instruments = (assets: readonly string[]) => listings.instruments(assets);
  const marketState = () => listings.ready();

  async function exchangeOf(): Promise<Exchange> {
    return (await load()).exchange;
  }

  function requireCredentials(): void {
    if (!credentials) {
      throw new GatewayError('auth', `No API key is set for ${venue}: add one to use the account.`);
    }
  }

  /** An order as the gateway gives it: its average price per unit of the asset. */
  const toOrder = (order: Order, multiplier: number): OrderResult => ({
    id: String(order.id),
    clientOrderId: order.clientOrderId ?? null,
    symbol: order.symbol ?? '',
    side: order.side as 'buy' | 'sell',
    type: String(order.type ?? ''),
    status: (order.status as OrderResult['status']) ?? null,
    amount: finiteOrNull(order.amount),
    filled: finiteOrNull(order.filled) ?? 0,
    average: perUnit(finiteOrNull(order.average), multiplier),
    cost: finiteOrNull(order.cost),
    fee:
      order.fee && typeof order.fee.cost === 'number' && typeof order.fee.currency === 'string'
        ? { currency: order.fee.currency, cost: order.fee.cost }
        : null,
    timestamp: finiteOrNull(order.timestamp),
  });

  return {
    exchange: adapter.id,
    live: !options.redirectTo,

    requestCount: () => total,

    ccxtImportMs: () => loaded?.importMs ?? null,
    ccxtSource: () => loaded?.source ?? null,

    async ready() {
      await counted(() => listings.ready());
    },

    discover: (assets, readOptions) => counted(() => instruments(assets), readOptions),

    fetchMarketData: (assets, readOptions) =>
      counted(async (counter) => {
        await listings.prepare();
        let found = await instruments(assets);
        const exchange = await exchangeOf();
        const spotSymbols = found.flatMap((a) =>
          a.spot && listings.quotable(a.spot.symbol) ? [a.spot.symbol] : [],
        );
        const contractSymbols = found.flatMap((a) => [
          ...(a.perp ? [a.perp.symbol] : []),
          ...a.futures.map((f) => f.symbol),
        ]);
        const quotes = await read(() =>
          adapter.fetchQuotes(exchange, { spotSymbols, contractSymbols }),
        );
        // Funding intervals re-read after a settlement off schedule apply to this cycle already.
        if (await listings.afterQuotes(found, quotes)) found = await instruments(assets);
        const receivedAt = now();
        const assetsData: AssetMarketData[] = found.map((a) => {
          const spotQuote = a.spot ? quotes.spot.get(a.spot.symbol) : undefined;
          const bid = spotQuote?.bid ?? null;
          const ask = spotQuote?.ask ?? null;
          const mid = bid !== null && ask !== null ? (bid + ask) / 2 : (bid ?? ask);
          const perpQuote = a.perp ? quotes.contracts.get(a.perp.symbol) : undefined;
          const perpUnit = a.perp?.multiplier ?? 1;
          const problem = listings.problemOf(a.asset);
          return {
            asset: a.asset,
            ...(problem !== null ? { problem } : {}),
            spot: a.spot && mid !== null ? { symbol: a.spot.symbol, bid, ask, price: mid } : null,
            perp:
              a.perp && perpQuote && perpQuote.mark !== null
                ? {
                    symbol: a.perp.symbol,
                    mark: perpQuote.mark / perpUnit,
                    index: perUnit(perpQuote.index, perpUnit),
                    fundingRate: perpQuote.fundingRate,
                    fundingIntervalHours: a.perp.fundingIntervalHours,
                    intervalFromVenue: a.perp.intervalFromVenue,
                    nextFundingAt: perpQuote.nextFundingAt,
                    venueTime: perpQuote.venueTime,
                  }
                : null,
            futures: a.futures.flatMap((f) => {
              const q = quotes.contracts.get(f.symbol);
              return q && q.mark !== null
                ? [
                    {
                      symbol: f.symbol,
                      expiry: f.expiry,
                      price: q.mark / f.multiplier,
                      index: perUnit(q.index, f.multiplier),
                      venueTime: q.venueTime,
                    },
                  ]
                : [];
            }),
          };
        });
        return { exchange: adapter.id, receivedAt, requests: counter.requests, assets: assetsData };
      }, readOptions),

    async fetchFundingHistory(asset, history = {}) {
      const [found] = await instruments([asset]);
      const perp = found?.perp;
      if (!perp) throw new GatewayError('bad-symbol', `${Venue} lists no perpetual for ${asset}.`);
      const exchange = await exchangeOf();
      const params = history.until !== undefined ? { until: history.until } : {};
      const rows = await read(() =>
        exchange.fetchFundingRateHistory(perp.symbol, history.since, history.limit, params),
      );
      return rows.flatMap((r) => {
        const at = positiveOrNull(r.timestamp);
        const rate = finiteOrNull(r.fundingRate);
        return at !== null && rate !== null ? [{ at, rate }] : [];
      });
    },

    async fetchPriceHistory(asset, timeframe, history = {}) {
      const [found] = await instruments([asset]);
      const instrument = history.instrument === 'perp' ? found?.perp : found?.spot;
      if (!instrument) {
        throw new GatewayError(
          'bad-symbol',
          `${Venue} lists no ${history.instrument ?? 'spot'} market for ${asset}.`,
        );
      }
      const exchange = await exchangeOf();
      const params = history.until !== undefined ? { until: history.until } : {};
      const rows = await read(() =>
        exchange.fetchOHLCV(instrument.symbol, timeframe, history.since, history.limit, params),
      );
      // A perpetual on a multiple (1000PEPE) is priced per multiple: per unit of the asset here.
      const m = instrument.kind === 'perp' ? instrument.multiplier : 1;
      return rows.flatMap((row) => {
        const [at, open, high, low, close, volume] = row.map((v) => finiteOrNull(v));
        return at != null && open != null && high != null && low != null && close != null
          ? [
              {
                at,
                open: open / m,
                high: high / m,
                low: low / m,
                close: close / m,
                volume: (volume ?? 0) * m,
              },
            ]
          : [];
      });
    },

    listing: (readOptions) => counted(() => listings.listing(), readOptions),

    async fetchOrderBook(symbol, limit) {
      await marketState();
      const exchange = await exchangeOf();
      const book = await read(() => exchange.fetchOrderBook(symbol, limit));
      const m = listings.multiplierOf(symbol);
      const side = (levels: unknown[][]) =>
        levels.flatMap((l) => {
          const price = positiveOrNull(l[0]);
          const amount = positiveOrNull(l[1]);
          return price !== null && amount !== null ? [[price / m, amount] as [number, number]] : [];
        });
      return {
        symbol,
        bids: side(book.bids),
        asks: side(book.asks),
        venueTime: positiveOrNull(book.timestamp),
      };
    },

    async fetchBalances() {
      requireCredentials();
      await marketState();
      const exchange = await exchangeOf();
      const { spot, futures } = await read(() => adapter.fetchBalances(exchange));
      const notCurrencies = new Set([
        'info',
        'free',
        'used',
        'total',
        'debt',
        'timestamp',
        'datetime',
      ]);
      const entries = (balances: Balances): Record<string, BalanceEntry> => {
        const out: Record<string, BalanceEntry> = {};
        for (const [code, entry] of Object.entries(balances)) {
          if (notCurrencies.has(code) || typeof entry !== 'object' || entry === null) continue;
          const total = finiteOrNull((entry as { total?: unknown }).total);
          if (total === null) continue;
          out[code] = {
            free: finiteOrNull((entry as { free?: unknown }).free) ?? 0,
            used: finiteOrNull((entry as { used?: unknown }).used) ?? 0,
            total,
          };
        }
        return out;
      };
      return { spot: entries(spot), futures: entries(futures) };
    },

    async placeOrder(request) {
      requireCredentials();
      await marketState();
      const exchange = await exchangeOf();
      const wait = blockedUntil - now();
      if (wait > 0) {
        throw new GatewayError(
          'rate-limited',
          `${Venue} is limiting requests; the order was not sent.`,
          {
            retryAfterMs: wait,
          },
        );
      }
      const params: Record<string, unknown> = { clientOrderId: request.clientOrderId };
      if (request.reduceOnly) params.reduceOnly = true;
      // The venue prices a contract on a multiple (1000PEPE) per multiple.
      const m = listings.multiplierOf(request.symbol);
      try {
        return toOrder(
          await exchange.createOrder(
            request.symbol,
            request.type,
            request.side,
            request.amount,
            request.price === undefined ? undefined : request.price * m,
            params,
          ),
          m,
        );
      } catch (thrown) {
        const error = classify(thrown);
        const unknown = ['network', 'offline', 'timeout', 'unavailable', 'bad-response'].includes(
          error.kind,
        );
        if (!unknown) throw error;
        throw new GatewayError(
          error.kind,
          `${error.message} The order may or may not have reached ${venue}: look it up by its client id before sending it again.`,
          {
            retryAfterMs: error.retryAfterMs,
            venueCode: error.venueCode,
            detail: error.detail,
            outcomeUnknown: true,
          },
        );
      }
    },

    async fetchOrderByClientId(symbol, clientOrderId) {
      requireCredentials();
      await marketState();
      const exchange = await exchangeOf();
      try {
        return toOrder(
          await read(() => adapter.fetchOrderByClientId(exchange, symbol, clientOrderId)),
          listings.multiplierOf(symbol),
        );
      } catch (thrown) {
        const error = classify(thrown);
        if (error.kind === 'order-not-found') return null;
        throw error;
      }
    },

    async reloadMarkets(readOptions) {
      await counted(() => listings.reload(), readOptions);
    },
  };
}
