// The core every gateway call goes through: ccxt loaded once and lazily, each HTTP request counted
// against the call that made it, the venue's Retry-After kept as a cooldown, and reads retried with
// backoff within it. The calls themselves (./market-data, ./candles-books, ./account) build on this.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Exchange } from 'ccxt';
import type { AccountEnvironment, KeyPermissions } from '../../shared/accounts';
import { loadVenueCcxt, type CcxtSource } from './ccxt-loader';
import { classifyError, GatewayError, sentenceCase } from './errors';
import { createFetchHook } from './fetch-redirect';
import { createListings, LISTING_RELOAD_MS, type Listings } from './listings';
import type { ListingCache } from './listings-cache';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import type { RequestEvent } from './types';
import type { VenueAdapter } from './venue';

export interface ExchangeCredentials {
  apiKey: string;
  secret: string;
}

/** How one call reads, where it differs from the gateway's own policy. */
export interface ReadOptions {
  /**
   * Attempts after the first for each read the call makes (default: the gateway's policy). A caller
   * that retries on a schedule of its own (the poller) asks for none, so a failure is known at once.
   */
  retries?: number;
}

export interface GatewayCoreOptions {
  adapter: VenueAdapter;
  /** How messages name the venue, mid-sentence. */
  venue: string;
  credentials: ExchangeCredentials | null;
  redirectTo: string | null;
  /** The venue itself, its testnet or its demo-trading environment (the simulator is `redirectTo`). */
  environment: AccountEnvironment;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  timeoutMs: number;
  rateLimitMs?: number;
  listingReloadMs?: number;
  /** Where the market list is kept between starts (none: loaded at every start). */
  listingCache?: ListingCache | null;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  onRetry?: (error: GatewayError, attempt: number, delayMs: number) => void;
}

/** The call under way: the requests it has made so far. */
export interface CallScope {
  requests: number;
  retries: number | undefined;
}

interface Loaded {
  exchange: Exchange;
  /** Another instance configured as `exchange` (same hooks and options). */
  another(): Exchange;
  importMs: number;
  source: CcxtSource;
}

/**
 * What the bench and the tests look at in a gateway, apart from what the app uses: its requests and
 * how loading ccxt went.
 */
export interface GatewayDiagnostics {
  /** HTTP requests sent so far. */
  requestCount(): number;
  /** Hears every HTTP request from now on (path only, never the query); returns how to stop. */
  onRequest(listener: (event: RequestEvent) => void): () => void;
  /** Milliseconds ccxt took to import (null before `ready`). */
  ccxtImportMs(): number | null;
  /** Whether the venue's ccxt class module alone was loaded, or all of ccxt (null before `ready`). */
  ccxtSource(): CcxtSource | null;
}

export interface GatewayCore {
  readonly adapter: VenueAdapter;
  /** How messages name the venue, mid-sentence. */
  readonly venue: string;
  /** The same, at the start of a sentence. */
  readonly Venue: string;
  readonly now: () => number;
  /** The gateway's wait (injected, so tests see waits without sleeping). */
  readonly sleep: (ms: number) => Promise<void>;
  readonly listings: Listings;
  /** The ccxt instance, loaded (with the markets not yet) on first use. */
  exchange(): Promise<Exchange>;
  /** A new ccxt instance configured as the gateway's own, to load markets beside it. */
  spareExchange(): Promise<Exchange>;
  /** A read: waits out the venue's cooldown, then retries by the policy of the call under way. */
  read<T>(operation: () => Promise<T>): Promise<T>;
  /** Runs one call of the gateway: its requests counted apart, its reads retried as it asks. */
  call<T>(operation: (scope: CallScope) => Promise<T>, read?: ReadOptions): Promise<T>;
  classify(error: unknown): GatewayError;
  /** How long the venue still asks to be left alone (ms; zero or less when it does not). */
  cooldownLeft(): number;
  /** Refuses an account call when no key is set. */
  requireCredentials(): void;
  /** What the key may do, once read (it names the missing permission when the venue refuses). */
  permissions: KeyPermissions | null;
  readonly diagnostics: GatewayDiagnostics;
}

/** Retry-After the venue sent this recently still explains a rate-limit error without one. */
const RETRY_AFTER_MEMORY_MS = 5_000;

export function createGatewayCore(options: GatewayCoreOptions): GatewayCore {
  const { adapter, venue, credentials, now, sleep, random } = options;
  const Venue = sentenceCase(venue);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const secrets = credentials ? [credentials.apiKey, credentials.secret] : [];
  const scope = new AsyncLocalStorage<CallScope>();
  let total = 0;
  const requestListeners = new Set<(event: RequestEvent) => void>();
  /** Until when the venue asked us to hold off (Retry-After), wall time. */
  let blockedUntil = 0;
  let lastRetryAfter: { ms: number; at: number } | null = null;
  let loading: Promise<Loaded> | null = null;
  let loaded: Loaded | null = null;

  const classify = (error: unknown): GatewayError => {
    const recent =
      lastRetryAfter !== null && now() - lastRetryAfter.at < RETRY_AFTER_MEMORY_MS
        ? lastRetryAfter.ms
        : null;
    return classifyError(error, {
      venue,
      codeKinds: adapter.errorKinds,
      messageKinds: adapter.errorMessageKinds,
      codeWords: adapter.errorWords,
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
          redirectTo: options.redirectTo,
          fetch: options.fetch,
          badResponse: (message) => new ccxt.BadResponse(message),
          regionRefused: (message) => new ccxt.RestrictedLocation(message),
          onRequest: (event) => {
            total++;
            const counter = scope.getStore();
            if (counter) counter.requests++;
            for (const listener of requestListeners) listener(event);
          },
          onRetryAfter: (ms) => {
            lastRetryAfter = { ms, at: now() };
            blockedUntil = Math.max(blockedUntil, now() + ms);
          },
        });
        const config: Record<string, unknown> = {
          enableRateLimit: true,
          timeout: options.timeoutMs,
          fetchImplementation: hook,
        };
        if (credentials) {
          config.apiKey = credentials.apiKey;
          config.secret = credentials.secret;
        }
        if (options.rateLimitMs !== undefined) config.rateLimit = options.rateLimitMs;
        const exchange = adapter.create(ccxt, config);
        const inEnvironment = (created: typeof exchange) => {
          if (options.environment === 'testnet') created.setSandboxMode(true);
          if (options.environment === 'demo-trading') created.enableDemoTrading(true);
          return created;
        };
        inEnvironment(exchange);
        loaded = {
          exchange,
          another: () => inEnvironment(adapter.create(ccxt, config)),
          importMs,
          source,
        };
        return loaded;
      })().catch((error: unknown) => {
        loading = null;
        throw error;
      });
    }
    return loading;
  }

  const exchange = async (): Promise<Exchange> => (await load()).exchange;
  const spareExchange = async (): Promise<Exchange> => (await load()).another();

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

  const listings = createListings({
    adapter,
    venue,
    exchange,
    spareExchange,
    cache: options.listingCache ?? null,
    aside: (operation) => scope.run({ requests: 0, retries: undefined }, operation),
    read,
    coolingDown: () => blockedUntil > now(),
    now,
    reloadMinMs: options.listingReloadMs ?? LISTING_RELOAD_MS,
  });

  return {
    adapter,
    venue,
    Venue,
    now,
    sleep,
    listings,
    exchange,
    spareExchange,
    read,
    call(operation, readOptions = {}) {
      const counter: CallScope = { requests: 0, retries: readOptions.retries };
      return scope.run(counter, () => operation(counter));
    },
    classify,
    cooldownLeft: () => blockedUntil - now(),
    permissions: null,
    requireCredentials() {
      if (!credentials) {
        throw new GatewayError(
          'auth',
          `No API key is set for ${venue}: add one to use the account.`,
        );
      }
    },
    diagnostics: {
      requestCount: () => total,
      onRequest(listener) {
        requestListeners.add(listener);
        return () => {
          requestListeners.delete(listener);
        };
      },
      ccxtImportMs: () => loaded?.importMs ?? null,
      ccxtSource: () => loaded?.source ?? null,
    },
  };
}
