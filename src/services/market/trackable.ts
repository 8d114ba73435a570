// Whether a ticker can be tracked on a venue, judged by the venue's listing before the settings take
// it: the quote currency is no asset, a contract on a multiple (1000PEPE) is its asset's (PEPE), and a
// name the venue does not list is refused with the listed names it is closest to.
//
// The listing is known once the venue's markets have been loaded. When they never were (the market
// has just started, or the venue has been out of reach since), the check waits a little for them and
// then refuses to guess: a ticker is never taken unchecked. A listing loaded once is used while the
// venue is out of reach. A name it lacks has the markets loaded again first (at most once a minute),
// since the venue may have listed it since.
import { PremiaError } from '../../shared/errors';
import type { ExchangeGateway, ReadOptions, VenueListing } from '../gateway';
import { settleWithin } from '../settle-within';

/** How long a check waits for the venue's listing (its markets: a request with the gateway's timeout). */
const LISTING_WAIT_MS = 12_000;
/** A check has the markets loaded again for a name they lack at most this often. */
const LISTING_RELOAD_MS = 60_000;
const FIELD = 'assets.tracked';

/** At most this many suggestions follow a refusal. */
const MAX_SUGGESTIONS = 3;

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Edits (insertions, deletions, substitutions) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * Listed assets a name not listed may have meant: the asset of a pair typed whole (BTCUSDT → BTC),
 * then the names a typo or two away (fewer for short names), nearest first.
 */
export function suggestionsFor(asset: string, listing: VenueListing): string[] {
  const out: string[] = [];
  const listed = new Set(listing.assets);
  if (asset.endsWith(listing.quote)) {
    const base = asset.slice(0, -listing.quote.length);
    const named = listing.multiples.get(base)?.asset ?? base;
    if (listed.has(named)) out.push(named);
  }
  const reach = asset.length <= 4 ? 1 : 2;
  const near = listing.assets
    .map((name) => ({ name, distance: editDistance(asset, name) }))
    .filter((n) => n.distance <= reach && !out.includes(n.name))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  for (const { name } of near) out.push(name);
  return out.slice(0, MAX_SUGGESTIONS);
}

function either(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Why `asset` cannot be tracked on the venue `listing` describes, in a sentence for people; null when
 * it can. `venue` names the venue mid-sentence (Binance, the demo market).
 */
export function trackingRefusal(
  asset: string,
  listing: VenueListing,
  venue: string,
): string | null {
  const Venue = capitalized(venue);
  if (asset === listing.quote) {
    return `${asset} is the currency ${venue} quotes every price in, not an asset to track.`;
  }
  const multiple = listing.multiples.get(asset);
  if (multiple) {
    return `${asset} is ${venue}'s contract on ${multiple.multiplier.toLocaleString('en-US')} ${multiple.asset}: track ${multiple.asset}, and Premia converts its prices and quantities.`;
  }
  if (listing.assets.includes(asset)) return null;
  const suggestions = suggestionsFor(asset, listing);
  const hint = suggestions.length > 0 ? ` Did you mean ${either(suggestions)}?` : '';
  return `${Venue} lists no spot pair, perpetual or dated future for ${asset}.${hint}`;
}

/** The refusal when `assets` cannot be checked against the venue's listing, and why. */
export function notCheckable(
  assets: readonly string[],
  venue: string,
  why: string,
  when: 'now' | '' = '',
): PremiaError {
  const at = when === 'now' ? ' now' : '';
  return new PremiaError(
    'unavailable',
    `Premia ${when === 'now' ? 'cannot' : 'could not'} check ${assets.join(', ')} against ${venue}'s listing${at}${why}`,
    FIELD,
  );
}

export interface ListingCheckOptions {
  /** Wall clock. */
  now(): number;
  /** How the checks read the venue. */
  read: ReadOptions;
}

/**
 * Checks tickers against a venue's listing: resolves when every one can be tracked, refuses with the
 * reasons (`invalid-input`) when some cannot, and says why it cannot tell (`unavailable`) when the
 * listing is not to be had.
 */
export function createListingCheck(options: ListingCheckOptions) {
  let reloadedAt = -Infinity;

  async function within<T>(work: Promise<T>, assets: readonly string[], venue: string): Promise<T> {
    if (!(await settleWithin(work, LISTING_WAIT_MS))) {
      work.catch(() => undefined);
      throw notCheckable(
        assets,
        venue,
        ': it did not answer in time. Try again once market data comes in.',
      );
    }
    return work.catch((error: unknown) => {
      const reason = error instanceof PremiaError ? ` (${error.message.replace(/\.+$/, '')})` : '';
      throw notCheckable(assets, venue, `${reason}. Try again once market data comes in.`);
    });
  }

  const refusalsOf = (assets: readonly string[], listing: VenueListing, venue: string) =>
    assets.flatMap((asset) => trackingRefusal(asset, listing, venue) ?? []);

  return async function check(
    gateway: Pick<ExchangeGateway, 'listing' | 'reloadMarkets'>,
    assets: readonly string[],
    venue: string,
  ): Promise<void> {
    if (assets.length === 0) return;
    const listing = await within(gateway.listing(options.read), assets, venue);
    let refusals = refusalsOf(assets, listing, venue);
    if (refusals.length > 0 && options.now() - reloadedAt >= LISTING_RELOAD_MS) {
      reloadedAt = options.now();
      const reloaded = gateway
        .reloadMarkets(options.read)
        .then(() => gateway.listing(options.read));
      // A reload that fails leaves the listing known as it was.
      const fresh = await within(reloaded, assets, venue).catch(() => listing);
      refusals = refusalsOf(assets, fresh, venue);
    }
    if (refusals.length > 0) throw new PremiaError('invalid-input', refusals.join(' '), FIELD);
  };
}
