// The term structure as a trader reads it: per contract, the basis over spot in percent and in
// dollars, annualized both simply and compounded, the days left, under the venue's own name; and a
// warning when the perpetual's funding and the dated futures point opposite ways.
import { formatPercent } from '../../../core/format';
import type { AssetSnapshot } from '../../../shared/market';
import { DAYS_PER_YEAR } from '../../../shared/time';

export interface TermRow {
  kind: 'perp' | 'future';
  /** The venue's own contract name (BTCUSDT_260327), or the unified symbol where none is known. */
  contract: string;
  expiry: number | null;
  days: number;
  price: number;
  /** Contract price less spot (the perpetual: mark less index), in the quote currency. */
  basisDollars: number;
  /** The same as a fraction of spot (index). */
  basisFraction: number;
  /** (F/S − 1) × 365 / days; for the perpetual, its funding annualized. */
  simple: number;
  /** (F/S)^(365 / days) − 1; for the perpetual, the same funding annualized. */
  compounded: number;
  inSignal: boolean;
}

/** Simple and compounded annualization of a raw basis over `days`; not finite when it overflows. */
export function annualizedBoth(
  basisFraction: number,
  days: number,
): { simple: number; compounded: number } {
  if (!(days > 0) || !Number.isFinite(basisFraction) || basisFraction <= -1) {
    return { simple: Number.NaN, compounded: Number.NaN };
  }
  const periods = DAYS_PER_YEAR / days;
  const compounded = Math.pow(1 + basisFraction, periods) - 1;
  return {
    simple: basisFraction * periods,
    compounded: Number.isFinite(compounded) ? compounded : Number.NaN,
  };
}

/** The perpetual first (day 0), then every dated future nearest expiry first. */
export function termStructureRows(asset: AssetSnapshot): TermRow[] {
  const rows: TermRow[] = [];
  const perp = asset.perp;
  if (perp && Number.isFinite(perp.annualized)) {
    const reference = perp.index > 0 ? perp.index : (asset.spot ?? Number.NaN);
    const dollars = perp.mark - reference;
    rows.push({
      kind: 'perp',
      contract: perp.id ?? perp.symbol,
      expiry: null,
      days: 0,
      price: perp.mark,
      basisDollars: dollars,
      basisFraction: dollars / reference,
      simple: perp.annualized,
      compounded: perp.annualized,
      inSignal: true,
    });
  }
  const spot = asset.spot;
  const futures = [...asset.futures]
    .filter((f) => Number.isFinite(f.daysToExpiry) && f.daysToExpiry >= 0)
    .sort((a, b) => a.daysToExpiry - b.daysToExpiry);
  for (const f of futures) {
    const fraction = spot !== null && spot > 0 ? f.price / spot - 1 : Number.NaN;
    const both = annualizedBoth(fraction, f.daysToExpiry);
    rows.push({
      kind: 'future',
      contract: f.id ?? f.symbol,
      expiry: f.expiry,
      days: f.daysToExpiry,
      price: f.price,
      basisDollars: spot !== null ? f.price - spot : Number.NaN,
      basisFraction: fraction,
      simple: both.simple,
      compounded: both.compounded,
      inSignal: f.inSignal,
    });
  }
  return rows;
}

/**
 * Words for the user when the perpetual's funding and the dated futures' basis have opposite signs
 * (longs pay on the perpetual while the futures trade below spot, or the reverse): the signal rests
 * on one market and the other says the opposite, so the regime deserves a second look. Null when
 * they agree, when either is missing, or when either is zero.
 */
export function signDisagreement(asset: AssetSnapshot): string | null {
  const funding = asset.perp?.annualized;
  const usable = asset.futures
    .filter((f) => Number.isFinite(f.annualized))
    .sort((a, b) => a.daysToExpiry - b.daysToExpiry);
  // The nearest contract that feeds the signal, else the nearest of all.
  const future = usable.find((f) => f.inSignal) ?? usable[0];
  if (funding === undefined || !Number.isFinite(funding) || !future) return null;
  const basis = future.annualized;
  if (funding === 0 || basis === 0 || Math.sign(funding) === Math.sign(basis)) return null;
  const name = future.id ?? future.symbol;
  const fundingSide = funding > 0 ? 'longs pay shorts' : 'shorts pay longs';
  const basisSide = basis > 0 ? 'above' : 'below';
  return (
    `Funding and basis disagree: the perpetual's funding is ${formatPercent(funding)} a year ` +
    `(${fundingSide}) while ${name} trades ${basisSide} spot (${formatPercent(basis)} a year). ` +
    `The signal premium rests on one of them; the other says the opposite.`
  );
}
