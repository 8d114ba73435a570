// Annualizing a dated future's basis (ACT/365 on the exact time to expiry) and a perpetual's funding.
import type { BasisMethod } from '../shared/strategy';
import { BASIS_METHODS } from '../shared/strategy';
import { DAY_MS, DAYS_PER_YEAR } from '../shared/time';
import { requireFinite, requirePositive } from './numbers';

function requireMethod(method: string): asserts method is BasisMethod {
  if (!(BASIS_METHODS as readonly string[]).includes(method)) {
    throw new RangeError(
      `unknown basis method "${method}" (expected ${BASIS_METHODS.join(' or ')})`,
    );
  }
}

/**
 * Annualized premium of a dated future over spot: simple `(F/S − 1) × 365 / days` or compound
 * `(F/S)^(365/days) − 1`, with days = msToExpiry / 86 400 000.
 * A compound figure so large it overflows (a wide basis hours from expiry) is a RangeError rather
 * than Infinity, so no caller ever classifies a non-number.
 */
export function annualizeBasis(
  spot: number,
  futures: number,
  msToExpiry: number,
  method: BasisMethod = 'simple',
): number {
  requirePositive(spot, 'spot price');
  requirePositive(futures, 'futures price');
  requirePositive(msToExpiry, 'time to expiry');
  requireMethod(method);
  const days = msToExpiry / DAY_MS;
  const premium =
    method === 'simple'
      ? (futures / spot - 1) * (DAYS_PER_YEAR / days)
      : Math.pow(futures / spot, DAYS_PER_YEAR / days) - 1;
  if (!Number.isFinite(premium)) {
    throw new RangeError(
      `the ${method} annualized premium overflows (${days} days to expiry is too short for this basis)`,
    );
  }
  return premium;
}

/**
 * The futures price that has the given annualized premium over spot: the inverse of
 * `annualizeBasis` for the same method and time to expiry.
 */
export function deannualizeBasis(
  spot: number,
  annualized: number,
  msToExpiry: number,
  method: BasisMethod = 'simple',
): number {
  requirePositive(spot, 'spot price');
  requireFinite(annualized, 'annualized premium');
  requirePositive(msToExpiry, 'time to expiry');
  requireMethod(method);
  const years = msToExpiry / DAY_MS / DAYS_PER_YEAR;
  const futures =
    method === 'simple' ? spot * (1 + annualized * years) : spot * Math.pow(1 + annualized, years);
  if (!Number.isFinite(futures) || futures <= 0) {
    throw new RangeError(
      `no positive futures price has a ${method} annualized premium of ${annualized} over ${years * DAYS_PER_YEAR} days`,
    );
  }
  return futures;
}

/** Annualized premium of a perpetual: funding rate per interval × (24 / interval hours) × 365. */
export function annualizeFunding(rate: number, intervalHours: number): number {
  requireFinite(rate, 'funding rate');
  requirePositive(intervalHours, 'funding interval');
  return rate * (24 / intervalHours) * DAYS_PER_YEAR;
}

/** One funding settlement: the rate it paid and the hours of the interval it paid for. */
export interface SettledFunding {
  rate: number;
  intervalHours: number;
}

/**
 * What a run of settlements paid, annualized over the time they covered:
 * `Σ rates × 24 × 365 / Σ interval hours`. Each settlement counts with its own interval, so a week
 * of 4 days at 8 h and 3 days at 4 h, paying 0.01% a settlement, comes to 0.3% over 7 days, 15.64%
 * a year; annualizing each settlement and averaging them would give the 4 h days more weight (their
 * settlements are twice as many). Where history starts inside a window, the covered time is what
 * the settlements cover, so a partial window is annualized over what it holds.
 */
export function annualizeSettledFunding(settlements: readonly SettledFunding[]): number {
  let rates = 0;
  let hours = 0;
  for (const s of settlements) {
    requireFinite(s.rate, 'funding rate');
    requirePositive(s.intervalHours, 'funding interval');
    rates += s.rate;
    hours += s.intervalHours;
  }
  if (hours === 0) throw new RangeError('no settlement to annualize');
  return annualizeFunding(rates, hours);
}

/** The funding rate per interval that annualizes to `annualized`: the inverse of `annualizeFunding`. */
export function deannualizeFunding(annualized: number, intervalHours: number): number {
  requireFinite(annualized, 'annualized funding');
  requirePositive(intervalHours, 'funding interval');
  return annualized / ((24 / intervalHours) * DAYS_PER_YEAR);
}
