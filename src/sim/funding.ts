// Funding as binance USDⓈ-M computes it: the rate settled for an interval is the interval's average
// premium index P plus clamp(I − P, ±0.05%), with I the interest per interval, then held within the
// symbol's cap and floor. Whenever the premium sits within 0.05% of the interest, funding is exactly
// the interest (0.01% per 8 h): that is why most perpetuals pay 10.95% a year in ordinary markets.
import { HOUR_MS, MINUTE_MS, YEAR_MS } from '../shared/time';

/** The venue's interest component: 0.03% a day, 0.01% per 8 hours. */
export const INTEREST_PER_8H = 0.0001;
/** How far the premium may stray from the interest before funding follows it. */
export const FUNDING_CLAMP = 0.0005;
/** The premium index is sampled once a minute (the venue samples every few seconds). */
export const PREMIUM_SAMPLE_MS = MINUTE_MS;
const HOURS_PER_YEAR = YEAR_MS / HOUR_MS;
/**
 * Annualized distance of the carry from the interest over which the perpetual's premium moves from
 * the middle of the clamp band to its edge (see premiumIndexForCarry).
 */
const CARRY_RAMP = 0.12;

/** Interest per funding interval, scaled from 0.01% per 8 hours. */
export function interestRate(intervalHours: number): number {
  return (INTEREST_PER_8H * intervalHours) / 8;
}

/** The rate settled for an interval whose average premium index was `averagePremium`. */
export function venueFundingRate(
  averagePremium: number,
  intervalHours: number,
  cap: number,
): number {
  const interest = interestRate(intervalHours);
  const gap = interest - averagePremium;
  // Inside the band the venue pays the interest itself, not P + (I − P) with its rounding.
  const rate =
    Math.abs(gap) <= FUNDING_CLAMP ? interest : averagePremium + Math.sign(gap) * FUNDING_CLAMP;
  return Math.min(cap, Math.max(-cap, rate));
}

/**
 * The premium index of a perpetual whose market carries `carry` a year (the premium the dated futures
 * price in). Traders who can earn the carry through funding push the perpetual's premium away from
 * the interest until funding pays it: beyond CARRY_RAMP from the interest the premium is the carry per
 * interval plus the whole clamp, so funding equals the carry. Nearer the interest the premium moves
 * proportionally inside the clamp band, where funding stays exactly the interest whatever the
 * premium — the flat 10.95% a year of ordinary markets.
 */
export function premiumIndexForCarry(carry: number, intervalHours: number): number {
  const perInterval = (carry * intervalHours) / HOURS_PER_YEAR;
  const ramp = (CARRY_RAMP * intervalHours) / HOURS_PER_YEAR;
  const away = (perInterval - interestRate(intervalHours)) / ramp;
  return perInterval + FUNDING_CLAMP * Math.max(-1, Math.min(1, away));
}

/** The venue's time-weighted average of an interval's premium samples: the k-th weighs k. */
export function weightedAverage(samples: ArrayLike<number>): number {
  let sum = 0;
  let weights = 0;
  for (let k = 0; k < samples.length; k++) {
    sum += (k + 1) * samples[k]!;
    weights += k + 1;
  }
  return weights === 0 ? Number.NaN : sum / weights;
}
