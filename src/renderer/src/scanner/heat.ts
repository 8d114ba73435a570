// The heat map's shading: warm for funding that pays shorts, cool for funding that pays longs, deeper
// as it grows, always light enough that the near-black figure on it keeps a contrast above 4.5:1 in
// either theme (the cell's text colour is fixed, not the theme's).
import { formatPercent } from '../../../core/format';
import { REGIME_LABELS, type Regime } from '../../../shared/strategy';

/** The text colour of every heat cell. */
export const HEAT_TEXT = '#1a1b1e';
/** Annualized funding at which the shade is deepest. */
const FULL_AT = 0.5;

/** The cell's background for an annualized rate; a neutral grey for a day with no settlement. */
export function heatColor(annualized: number | null): string {
  if (annualized === null || !Number.isFinite(annualized)) return 'hsl(0, 0%, 90%)';
  const depth = Math.min(1, Math.abs(annualized) / FULL_AT);
  // From 94% lightness at zero down to 64% at full: black text on 64% lightness stays above 6:1.
  const lightness = Math.round(94 - 30 * depth);
  const hue = annualized >= 0 ? 18 : 185;
  return `hsl(${hue}, 75%, ${lightness}%)`;
}

/** What a cell says to a screen reader: the asset, the day and the rate in words. */
export function heatLabel(asset: string, day: number, annualized: number | null): string {
  const date = new Date(day).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  if (annualized === null) return `${asset} on ${date}: no settlement recorded`;
  const who = annualized >= 0 ? 'longs paid shorts' : 'shorts paid longs';
  return `${asset} on ${date}: ${formatPercent(annualized, 1)} a year, ${who}`;
}

/** A day's column heading: the UTC month and day. */
export function dayHeading(day: number): string {
  return new Date(day).toLocaleDateString('en-US', {
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

export function regimeText(regime: Regime | null, from: 'signal' | 'funding-7d' | null): string {
  if (regime === null) return 'No regime yet: nothing settled in the last 7 days';
  return from === 'funding-7d'
    ? `${REGIME_LABELS[regime]}, by the 7-day average funding`
    : `${REGIME_LABELS[regime]}, by the Markets page's signal`;
}
