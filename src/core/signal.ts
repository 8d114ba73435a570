// The signal premium of an asset (the one number that sets its regime) and its futures term structure.
import type { FutureQuote } from '../shared/market';
import type { BasisMethod, ResolvedSignalSource, SignalSource } from '../shared/strategy';
import { BASIS_METHODS, SIGNAL_SOURCES } from '../shared/strategy';
import type { SettledFunding } from './premium';
import { annualizeBasis, annualizeFunding, annualizeSettledFunding } from './premium';
import { DAY_MS } from '../shared/time';
import { requirePositive, requireTime } from './numbers';

/**
 * One funding payment: the rate per interval, paid at `at` (ms) for the interval ending then, with
 * that interval's own length (a venue may change it: a past settlement keeps the one it had).
 */
export interface FundingPoint extends SettledFunding {
  at: number;
}

export interface DatedFuture {
  symbol: string;
  /** Expiry time in ms. */
  expiry: number;
  price: number;
}

export interface PerpFunding {
  fundingRate: number;
  intervalHours: number;
}

/**
 * What an asset's signal is computed from. Entries that are not usable numbers (a non-finite or
 * non-positive price, an expired contract, a funding point with a non-finite rate) are treated as
 * missing data rather than errors, so one bad quote cannot take the whole asset down.
 */
export interface SignalQuotes {
  now: number;
  spot: number | null;
  perp: PerpFunding | null;
  fundingHistory: readonly FundingPoint[];
  futures: readonly DatedFuture[];
}

export interface SignalOptions {
  source: SignalSource;
  /** Contracts with fewer days left are left out of the signal (their annualized figure explodes). */
  minDaysToExpiry?: number;
  /** Trailing window of the averaged funding. */
  averagingWindowDays?: number;
  /** Target maturity of the constant-maturity premium. */
  constantMaturityDays?: number;
  basisMethod?: BasisMethod;
}

export interface SignalPremium {
  premium: number;
  source: ResolvedSignalSource;
}

export const DEFAULT_SIGNAL_OPTIONS = Object.freeze({
  minDaysToExpiry: 7,
  averagingWindowDays: 7,
  constantMaturityDays: 90,
  basisMethod: 'simple' as BasisMethod,
});

type ResolvedOptions = Required<SignalOptions>;

function resolveOptions(options: SignalOptions): ResolvedOptions {
  const o: ResolvedOptions = {
    source: options.source,
    minDaysToExpiry: options.minDaysToExpiry ?? DEFAULT_SIGNAL_OPTIONS.minDaysToExpiry,
    averagingWindowDays: options.averagingWindowDays ?? DEFAULT_SIGNAL_OPTIONS.averagingWindowDays,
    constantMaturityDays:
      options.constantMaturityDays ?? DEFAULT_SIGNAL_OPTIONS.constantMaturityDays,
    basisMethod: options.basisMethod ?? DEFAULT_SIGNAL_OPTIONS.basisMethod,
  };
  if (!(SIGNAL_SOURCES as readonly string[]).includes(o.source)) {
    throw new RangeError(`unknown signal source "${String(o.source)}"`);
  }
  if (!(BASIS_METHODS as readonly string[]).includes(o.basisMethod)) {
    throw new RangeError(`unknown basis method "${String(o.basisMethod)}"`);
  }
  if (!Number.isFinite(o.minDaysToExpiry) || o.minDaysToExpiry < 0) {
    throw new RangeError(
      `minimum days to expiry must be a finite number ≥ 0 (got ${o.minDaysToExpiry})`,
    );
  }
  requirePositive(o.averagingWindowDays, 'averaging window', 'days');
  requirePositive(o.constantMaturityDays, 'constant maturity', 'days');
  return o;
}

function usableSpot(spot: number | null): spot is number {
  return spot !== null && Number.isFinite(spot) && spot > 0;
}

function usableFuture(f: DatedFuture, now: number): boolean {
  return Number.isFinite(f.price) && f.price > 0 && Number.isFinite(f.expiry) && f.expiry > now;
}

/**
 * Every live dated future annualized against spot, nearest expiry first, each marked with whether it
 * may feed the signal (at least `minDaysToExpiry` left). Expired or unpriced contracts are omitted;
 * without a usable spot price nothing can be annualized and the result is empty.
 */
export function termStructure(
  quotes: Pick<SignalQuotes, 'now' | 'spot' | 'futures'>,
  options: Pick<SignalOptions, 'minDaysToExpiry' | 'basisMethod'> = {},
): FutureQuote[] {
  requireTime(quotes.now);
  const { minDaysToExpiry, basisMethod } = resolveOptions({ source: 'auto', ...options });
  const spot = quotes.spot;
  if (!usableSpot(spot)) return [];
  const curve: FutureQuote[] = [];
  for (const f of quotes.futures) {
    if (!usableFuture(f, quotes.now)) continue;
    const ms = f.expiry - quotes.now;
    let annualized: number;
    try {
      annualized = annualizeBasis(spot, f.price, ms, basisMethod);
    } catch {
      continue; // a compound figure that overflows hours from expiry: nothing to show or use
    }
    const daysToExpiry = ms / DAY_MS;
    curve.push({
      symbol: f.symbol,
      expiry: f.expiry,
      price: f.price,
      daysToExpiry,
      annualized,
      inSignal: daysToExpiry >= minDaysToExpiry,
    });
  }
  return curve.sort((a, b) => a.expiry - b.expiry);
}

function eligibleCurve(quotes: SignalQuotes, o: ResolvedOptions): FutureQuote[] {
  return termStructure(quotes, o).filter((f) => f.inSignal);
}

function nearestFuture(quotes: SignalQuotes, o: ResolvedOptions): SignalPremium | null {
  const nearest = eligibleCurve(quotes, o)[0];
  return nearest ? { premium: nearest.annualized, source: 'nearest-future' } : null;
}

/**
 * The annualized premium at `constantMaturityDays`, interpolated linearly in days between the two
 * eligible contracts that bracket it. Outside the listed range there is nothing to interpolate
 * between, so the nearest eligible contract (the shortest or the longest) stands in for it.
 */
function constantMaturity(quotes: SignalQuotes, o: ResolvedOptions): SignalPremium | null {
  const curve = eligibleCurve(quotes, o);
  const first = curve[0];
  const last = curve[curve.length - 1];
  if (!first || !last) return null;
  const target = o.constantMaturityDays;
  const source = 'constant-maturity';
  if (target <= first.daysToExpiry) return { premium: first.annualized, source };
  if (target >= last.daysToExpiry) return { premium: last.annualized, source };
  for (let i = 1; i < curve.length; i++) {
    const hi = curve[i];
    const lo = curve[i - 1];
    if (!hi || !lo || hi.daysToExpiry < target) continue;
    // lo.daysToExpiry < target ≤ hi.daysToExpiry here, so the span is positive.
    const w = (target - lo.daysToExpiry) / (hi.daysToExpiry - lo.daysToExpiry);
    return { premium: lo.annualized + w * (hi.annualized - lo.annualized), source };
  }
  return { premium: last.annualized, source };
}

function currentFunding(quotes: SignalQuotes): SignalPremium | null {
  const perp = quotes.perp;
  if (!perp || !Number.isFinite(perp.fundingRate)) return null;
  if (!Number.isFinite(perp.intervalHours) || perp.intervalHours <= 0) return null;
  return {
    premium: annualizeFunding(perp.fundingRate, perp.intervalHours),
    source: 'funding-current',
  };
}

/**
 * Funding over the trailing window: what the payments within (now − window, now] paid, annualized
 * over the time they covered (each with its own interval, see `annualizeSettledFunding`). With no
 * payment in the window the current funding stands in, and the source says so.
 */
function averagedFunding(quotes: SignalQuotes, o: ResolvedOptions): SignalPremium | null {
  const from = quotes.now - o.averagingWindowDays * DAY_MS;
  const paid = quotes.fundingHistory.filter(
    (p) =>
      p.at > from &&
      p.at <= quotes.now &&
      Number.isFinite(p.rate) &&
      Number.isFinite(p.intervalHours) &&
      p.intervalHours > 0,
  );
  if (paid.length > 0) {
    return { premium: annualizeSettledFunding(paid), source: 'funding-average' };
  }
  return currentFunding(quotes);
}

/**
 * The signal premium of an asset by the chosen source, or null when that source has no data.
 * `auto` takes the nearest dated future with at least `minDaysToExpiry` left where one exists, else
 * the averaged funding (else the current funding). The result names the source actually used.
 */
export function signalPremium(quotes: SignalQuotes, options: SignalOptions): SignalPremium | null {
  requireTime(quotes.now);
  const o = resolveOptions(options);
  switch (o.source) {
    case 'auto':
      return nearestFuture(quotes, o) ?? averagedFunding(quotes, o);
    case 'nearest-future':
      return nearestFuture(quotes, o);
    case 'constant-maturity':
      return constantMaturity(quotes, o);
    case 'funding-average':
      return averagedFunding(quotes, o);
    case 'funding-current':
      return currentFunding(quotes);
  }
}
