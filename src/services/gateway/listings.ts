// The venue's listings as the gateway knows them, kept true while the venue changes them: the markets
// (loaded once, reloaded when the quotes show them out of date, at most once per a few minutes), each
// perpetual's funding interval (re-read on a schedule the venue's limits allow, and at once when a
// settlement comes at a time the known interval does not explain), and the spot pairs the venue
// refused by name (left out of the quotes until a reload tells whether they were delisted).
// With a cache (./listings-cache), a start takes the markets saved last at once, loads a fresh list
// beside them on a spare ccxt instance (the gateway's own would make every quote wait for that load),
// and then changes over to it; each list loaded is saved for the next start.
import type { Exchange } from 'ccxt';
import { instrumentsFor, type Multiple } from './discovery';
import {
  listingChanged,
  marketsOf,
  sameIntervals,
  settledOffSchedule,
  stateOf,
  type MarketState,
} from './listing-state';
import { sentenceCase } from './errors';
import type { ListingCache, SavedListing } from './listings-cache';
import type { AssetInstruments } from './types';
import type { VenueAdapter, VenueQuotes } from './venue';

export interface ListingsDeps {
  adapter: VenueAdapter;
  /** How messages name the venue, mid-sentence. */
  venue: string;
  exchange(): Promise<Exchange>;
  /** A new ccxt instance configured as `exchange()`'s, for loading a fresh list beside it. */
  spareExchange(): Promise<Exchange>;
  /** The market list kept between starts, or null. */
  cache: ListingCache | null;
  /**
   * Runs `operation` as a call of its own, apart from the call under way (whose requests and retries
   * it would otherwise share): for a load that goes on in the background.
   */
  aside<T>(operation: () => Promise<T>): Promise<T>;
  /** A read with the gateway's retries and cooldown. */
  read<T>(operation: () => Promise<T>): Promise<T>;
  /** True while the venue has asked for a pause: optional requests wait for a later cycle. */
  coolingDown(): boolean;
  /** Wall clock (ms). */
  now(): number;
  /** Least time between reloads the quotes prompt. */
  reloadMinMs: number;
}

/** What a venue lists, for checking a ticker before it is tracked. */
export interface VenueListing {
  /** The currency every price is quoted in (USDT): not an asset to track. */
  quote: string;
  /** Every asset with a spot pair, a perpetual or a dated future against `quote`, sorted. */
  assets: string[];
  /** Contract bases that stand for a multiple of an asset, by base (1000PEPE → PEPE × 1000). */
  multiples: ReadonlyMap<string, Multiple>;
}

export interface Listings {
  /** Loads the markets once (a failed load is tried again on the next call). */
  ready(): Promise<void>;
  /** What the venue lists: the markets loaded last (loaded now if they never were). */
  listing(): Promise<VenueListing>;
  /** Units of the asset per unit of the market's base: 1000 for 1000PEPE, 1 for any other. */
  multiplierOf(symbol: string): number;
  /** Before a cycle: a reload the quotes asked for, once its wait is over, or a due interval read. */
  prepare(): Promise<void>;
  instruments(assets: readonly string[]): Promise<AssetInstruments[]>;
  /** The spot pairs to quote: the venue's refused ones are left out until the next reload. */
  quotable(spotSymbol: string): boolean;
  /**
   * After a cycle's quotes: notes what they say of the listings. Resolves true when the funding
   * intervals were re-read and changed (the cycle's instruments are then out of date).
   */
  afterQuotes(found: readonly AssetInstruments[], quotes: VenueQuotes): Promise<boolean>;
  /** Why the asset's data is short this cycle (a refused or delisted spot pair), or null. */
  problemOf(asset: string): string | null;
  /** Reloads now, whatever the wait (a newly tracked asset); throws when the reload fails. */
  reload(): Promise<void>;
}

/** Reloads the quotes prompt are at most this frequent. */
export const LISTING_RELOAD_MS = 3 * 60_000;
/** A failed interval read is tried again after this. */
const INTERVAL_RETRY_MS = 60_000;
/** Unexpected settlements re-read the intervals at most this often (the endpoint's limit is shared). */
const UNEXPECTED_REREAD_MS = 60_000;
export function createListings(deps: ListingsDeps): Listings {
  const { adapter, venue } = deps;
  const Venue = sentenceCase(venue);
  let loading: Promise<MarketState> | null = null;
  let state: MarketState | null = null;
  let intervals = new Map<string, number>();
  let intervalsDueAt = Infinity;
  /** When a settlement off schedule last had the intervals re-read. */
  let offScheduleReadAt = -Infinity;
  let reloadWanted = false;
  let reloadTriedAt = -Infinity;
  let reloading: Promise<void> | null = null;
  /** True while the markets in use are the saved ones, not yet replaced by a load. */
  let servingSaved = false;
  /** The next funding time each perpetual was last quoted with. */
  const lastNextFunding = new Map<string, number>();
  /** Spot pairs refused by name since the last reload: symbol → asset and the venue's reason. */
  const refused = new Map<string, { asset: string; reason: string | null }>();
  /** Assets whose spot pair a reload found gone, with what to tell. */
  const delisted = new Map<string, string>();

  /** Loads the markets and funding intervals into `exchange` and returns them (not yet in use). */
  async function fetchListing(
    exchange: Exchange,
  ): Promise<{ state: MarketState; intervals: Map<string, number> }> {
    // Always `reload`: ccxt keeps a failed load's rejected promise and would hand it back forever;
    // the listings are cached here.
    await deps.read(() => exchange.loadMarkets(true));
    const loaded = stateOf(adapter, marketsOf(exchange), Number(exchange.precisionMode));
    const read = await deps.read(() => adapter.fundingIntervals(exchange, loaded.perps));
    return { state: loaded, intervals: read };
  }

  function adopt(fresh: MarketState, freshIntervals: Map<string, number>, saved = false): void {
    servingSaved = saved;
    intervals = freshIntervals;
    intervalsDueAt = deps.now() + adapter.fundingIntervalRefreshMs;
    settleRefusals(fresh);
    state = fresh;
    reloadWanted = false;
  }

  /** Saves what `exchange` loaded for the next start, in the background (the cache logs a failure). */
  function save(exchange: Exchange, loadedAt: number): void {
    if (!deps.cache) return;
    const listing: SavedListing = {
      markets: marketsOf(exchange),
      fundingIntervals: intervals,
      loadedAt,
    };
    void deps.cache.write(listing);
  }

  async function load(): Promise<MarketState> {
    reloadTriedAt = deps.now();
    const exchange = await deps.exchange();
    const fresh = await fetchListing(exchange);
    adopt(fresh.state, fresh.intervals);
    save(exchange, reloadTriedAt);
    return fresh.state;
  }

  /** The saved list taken into the gateway's instance, or null when there is none it can use. */
  async function restore(): Promise<MarketState | null> {
    const saved = await deps.cache?.read();
    if (!saved) return null;
    const exchange = await deps.exchange();
    try {
      exchange.setMarkets(saved.markets);
      const restored = stateOf(adapter, marketsOf(exchange), Number(exchange.precisionMode));
      adopt(restored, saved.fundingIntervals, true);
      return restored;
    } catch {
      // Markets ccxt will not take back are as good as none: a load replaces them.
      return null;
    }
  }

  /** A fresh list loaded on a spare instance while the saved one serves, then put in its place. */
  async function refreshBeside(): Promise<void> {
    reloadTriedAt = deps.now();
    const loadedAt = reloadTriedAt;
    const spare = await deps.spareExchange();
    const fresh = await fetchListing(spare);
    (await deps.exchange()).setMarketsFromExchange(spare);
    adopt(fresh.state, fresh.intervals);
    save(spare, loadedAt);
  }

  async function start(): Promise<MarketState> {
    const restored = await restore();
    if (!restored) return load();
    // The saved list serves meanwhile. A failed load leaves it in use and is tried again after the
    // usual wait, as a reload the quotes asked for; a reload asked for meanwhile joins this one.
    reloading = deps
      .aside(refreshBeside)
      .catch(() => {
        reloadWanted = true;
      })
      .finally(() => {
        reloading = null;
      });
    return restored;
  }

  /** After a reload: a refused pair still listed is tried again; one gone is delisted. */
  function settleRefusals(fresh: MarketState): void {
    const spotOf = (asset: string) =>
      instrumentsFor(asset, fresh.index, intervals, adapter.defaultFundingIntervalHours).spot;
    for (const [symbol, { asset }] of refused) {
      if (spotOf(asset)?.symbol !== symbol) {
        delisted.set(
          asset,
          `${Venue} has delisted the ${symbol} spot pair: ${asset} is shown from its futures alone.`,
        );
      }
    }
    refused.clear();
    for (const asset of [...delisted.keys()]) if (spotOf(asset)) delisted.delete(asset);
  }

  async function current(): Promise<MarketState> {
    if (state) return state;
    loading ??= start().finally(() => {
      loading = null;
    });
    return loading;
  }

  function reloadOnce(): Promise<void> {
    reloading ??= load()
      .then(() => undefined)
      .finally(() => {
        reloading = null;
      });
    return reloading;
  }

  async function rereadIntervals(): Promise<boolean> {
    try {
      const exchange = await deps.exchange();
      const fresh = await adapter.fundingIntervals(exchange, state?.perps ?? []);
      intervalsDueAt = deps.now() + adapter.fundingIntervalRefreshMs;
      const changed = !sameIntervals(fresh, intervals);
      intervals = fresh;
      return changed;
    } catch {
      // The intervals known stay in use; the read is tried again shortly.
      intervalsDueAt = deps.now() + INTERVAL_RETRY_MS;
      return false;
    }
  }

  return {
    async ready() {
      await current();
    },

    async listing() {
      const { index } = await current();
      return {
        quote: index.quote,
        assets: [...index.byBase.keys()].sort(),
        multiples: index.multiples,
      };
    },

    multiplierOf(symbol) {
      for (const markets of state?.index.byBase.values() ?? []) {
        const found = markets.find((m) => m.symbol === symbol);
        if (found) return found.multiplier;
      }
      return 1;
    },

    async prepare() {
      await current();
      const now = deps.now();
      if (reloadWanted && now - reloadTriedAt >= deps.reloadMinMs && !deps.coolingDown()) {
        // The markets known stay in use when a reload fails; it is tried again after the wait.
        await reloadOnce().catch(() => undefined);
        return;
      }
      if (now >= intervalsDueAt && !deps.coolingDown()) await rereadIntervals();
    },

    async instruments(assets) {
      const of = (known: MarketState) =>
        assets.map((asset) =>
          instrumentsFor(
            asset.toUpperCase(),
            known.index,
            intervals,
            adapter.defaultFundingIntervalHours,
          ),
        );
      const found = of(await current());
      const unlisted = found.some((a) => !a.spot && !a.perp && a.futures.length === 0);
      // An asset the saved list lacks may have been listed since: the fresh list under way tells.
      if (!unlisted || !servingSaved || !reloading) return found;
      await reloading;
      return of(state ?? (await current()));
    },

    quotable: (symbol) => !refused.has(symbol),

    async afterQuotes(found, quotes) {
      const known = await current();
      for (const [symbol, reason] of quotes.refusedSpot) {
        const asset = found.find((a) => a.spot?.symbol === symbol)?.asset;
        if (asset !== undefined) refused.set(symbol, { asset, reason });
      }
      if (quotes.refusedSpot.size > 0 || listingChanged(known, found, quotes, deps.now()))
        reloadWanted = true;
      const off = settledOffSchedule(found, quotes, lastNextFunding, deps.now());
      if (!off || deps.now() - offScheduleReadAt < UNEXPECTED_REREAD_MS || deps.coolingDown()) {
        return false;
      }
      offScheduleReadAt = deps.now();
      return rereadIntervals();
    },

    problemOf(asset) {
      for (const [symbol, entry] of refused) {
        if (entry.asset !== asset) continue;
        const why = entry.reason ? ` (${entry.reason.replace(/\.+$/, '')})` : '';
        return `${Venue} refused the ${symbol} spot pair${why}; Premia is checking whether it was delisted.`;
      }
      return delisted.get(asset) ?? null;
    },

    async reload() {
      await current();
      const under = reloading;
      if (under) {
        await under;
        // The load that follows a start on the saved list keeps that list when it fails.
        if (!servingSaved) return;
      }
      await reloadOnce();
    },
  };
}
