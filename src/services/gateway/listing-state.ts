// The markets the listings hold, built from what ccxt loaded, and what a cycle's quotes say of them:
// a listing out of date, or a funding settlement off the known schedule.
import type { Exchange, MarketInterface } from 'ccxt';
import { indexMarkets, type MarketIndex } from './discovery';
import type { AssetInstruments } from './types';
import type { VenueAdapter, VenueQuotes } from './venue';
import { HOUR_MS } from '../../shared/time';

export interface MarketState {
  index: MarketIndex;
  perps: MarketInterface[];
  /** Dated futures that trade: unified symbol → expiry (to notice a delivery). */
  futures: Map<string, number>;
  /** Base assets with a dated future listed but not trading yet (a new quarterly). */
  pendingBases: Set<string>;
}

/** The markets `exchange` holds, as a list. */
export function marketsOf(exchange: Exchange): MarketInterface[] {
  return Object.values(exchange.markets ?? {}).filter((m): m is MarketInterface => m !== undefined);
}

/** What the listings need of a market list, indexed. */
export function stateOf(
  adapter: VenueAdapter,
  list: readonly MarketInterface[],
  precisionMode: number,
): MarketState {
  const perps = list.filter((m) => m.swap && m.linear);
  const dated = list.filter(
    (m) => m.future && m.linear && m.quote === adapter.quote && typeof m.expiry === 'number',
  );
  return {
    index: indexMarkets(list, adapter.quote, precisionMode, (base) =>
      adapter.contractMultiple(base),
    ),
    perps,
    futures: new Map(
      dated.filter((m) => m.active !== false).map((m) => [m.symbol, m.expiry!] as const),
    ),
    pendingBases: new Set(dated.filter((m) => m.active === false).map((m) => m.base)),
  };
}

/** Whether two sets of funding intervals (hours by symbol) are the same. */
export function sameIntervals(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [symbol, hours] of a) if (b.get(symbol) !== hours) return false;
  return true;
}

/** How far a next funding time may sit from the expected one and still be on schedule. */
const FUNDING_TIME_SLACK_MS = 60_000;

/**
 * Whether any perpetual's next funding time is not where its known interval puts it: moved without
 * a settlement, or after one by other than a whole number of intervals. `lastNextFunding` (each
 * perpetual's next funding time as last quoted) is brought up to this cycle's quotes.
 */
export function settledOffSchedule(
  found: readonly AssetInstruments[],
  quotes: VenueQuotes,
  lastNextFunding: Map<string, number>,
  now: number,
): boolean {
  let off = false;
  for (const { perp } of found) {
    if (!perp) continue;
    const quote = quotes.contracts.get(perp.symbol);
    const next = quote?.nextFundingAt ?? null;
    if (next === null) continue;
    const before = lastNextFunding.get(perp.symbol);
    lastNextFunding.set(perp.symbol, next);
    if (before === undefined || next === before) continue;
    const at = quote?.venueTime ?? now;
    const interval = perp.fundingIntervalHours * HOUR_MS;
    const expected =
      at < before ? before : before + interval * (Math.floor((at - before) / interval) + 1);
    if (Math.abs(next - expected) > FUNDING_TIME_SLACK_MS) off = true;
  }
  return off;
}

/**
 * Whether the listing is out of date: the venue quotes a contract it does not list (a new
 * quarterly), one it lists has been delivered (gone from the quotes, or past its expiry by the
 * venue's own clock), or a tracked asset has a dated future waiting to trade.
 */
export function listingChanged(
  current: MarketState,
  found: readonly AssetInstruments[],
  quotes: VenueQuotes,
  now: number,
): boolean {
  if (quotes.unknownContracts.length > 0) return true;
  if (found.some((a) => current.pendingBases.has(a.asset))) return true;
  const listed = [...current.futures.keys()];
  const quotesFutures = listed.some((symbol) => quotes.contracts.has(symbol));
  if (quotesFutures && listed.some((symbol) => !quotes.contracts.has(symbol))) return true;
  const times = [...quotes.contracts.values()].flatMap((q) =>
    q.venueTime === null ? [] : [q.venueTime],
  );
  const venueNow = times.length > 0 ? Math.max(...times) : now;
  return [...current.futures.values()].some((expiry) => expiry <= venueNow);
}
