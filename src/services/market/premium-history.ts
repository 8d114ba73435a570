// An asset's signal-premium history: the premiums recorded cycle by cycle, and before the first of
// them, premiums derived from the settled funding the backfill fetched.
//
// Why funding: a venue's history of its dated futures' basis is not to be had (expired contracts'
// prices are not served, and binance lists only two quarterlies at a time), while a year of settled
// funding is one or two requests away. The derived premium at each hour is what the averaged-funding
// source would have said then: what the settlements of the trailing averaging window paid, annualized
// over the time they covered, each settlement with its own interval. It is a premium of the same kind and scale as the live one, so the thresholds
// a year of it suggests are comparable with the fixed ones; where dated futures feed the live signal,
// the two sources differ by the carry spread between the perpetual and the quarterly, which is small
// next to the spread of a year.
import { annualizeFunding } from '../../core';
import type { HistoryStore, SeriesData, SeriesKey } from '../history';
import type { SettlementData } from './settlements';
import { readSettlements } from './settlements';
import { HOUR_MS } from '../../shared/time';

export interface PremiumHistoryKeys {
  premium: SeriesKey;
  funding: SeriesKey;
  fundingInterval: SeriesKey;
}

export interface DerivedPremiumOptions {
  from: number;
  /** Last time included. */
  to: number;
  /** The averaging window (ms). */
  windowMs: number;
  /** Spacing of the derived points (ms); hourly by default. */
  stepMs?: number;
}

/**
 * Premiums from settled funding: one point per step (on multiples of the step) from `from` to `to`,
 * each what the settlements in (t − window, t] paid, annualized over the hours they covered
 * (`annualizeSettledFunding` on running sums). Steps with no settlement in their window are left out.
 * `settlements` must be sorted by time.
 */
export function derivePremiumsFromFunding(
  settlements: SettlementData,
  options: DerivedPremiumOptions,
): SeriesData {
  const step = options.stepMs ?? HOUR_MS;
  const n = settlements.t.length;
  if (n === 0 || !(options.windowMs > 0)) {
    return { t: new Float64Array(0), v: new Float64Array(0) };
  }
  const first = settlements.t[0] as number;
  const last = settlements.t[n - 1] as number;
  const start = Math.ceil(Math.max(options.from, first) / step) * step;
  // After the last settlement leaves the window there is nothing to average.
  const end = Math.min(options.to, last + options.windowMs - 1);
  if (!(start <= end)) return { t: new Float64Array(0), v: new Float64Array(0) };
  const count = Math.floor((end - start) / step) + 1;
  const outT = new Float64Array(count);
  const outV = new Float64Array(count);
  let out = 0;
  let lo = 0;
  let hi = 0;
  let rates = 0;
  let hours = 0;
  for (let t = start; t <= end; t += step) {
    for (; hi < n && (settlements.t[hi] as number) <= t; hi++) {
      rates += settlements.v[hi] as number;
      hours += settlements.h[hi] as number;
    }
    for (; lo < hi && (settlements.t[lo] as number) <= t - options.windowMs; lo++) {
      rates -= settlements.v[lo] as number;
      hours -= settlements.h[lo] as number;
    }
    if (hi === lo || !(hours > 0)) continue;
    // Σ rates over Σ hours: annualizeSettledFunding, kept as running sums.
    const value = annualizeFunding(rates, hours);
    if (!Number.isFinite(value)) continue;
    outT[out] = t;
    outV[out] = value;
    out++;
  }
  return { t: outT.slice(0, out), v: outV.slice(0, out) };
}

export interface PremiumHistoryOptions {
  from?: number;
  to?: number;
  windowMs: number;
  /** The perpetual's current interval: for a settlement whose own interval nothing tells. */
  intervalHours: number;
  /** Buckets of the recorded premiums (hourly means for calibration); raw points when absent. */
  bucketMs?: number;
}

/**
 * The recorded premiums between `from` and `to`, preceded by premiums derived from settled funding
 * (hourly) for the time before the first recorded one.
 */
export async function readPremiumHistory(
  store: HistoryStore,
  keys: PremiumHistoryKeys,
  options: PremiumHistoryOptions,
): Promise<SeriesData> {
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const recorded = await store.read(keys.premium, {
    from,
    to,
    ...(options.bucketMs !== undefined ? { bucketMs: options.bucketMs } : {}),
  });
  const firstRecorded = recorded.t.length > 0 ? (recorded.t[0] as number) : Infinity;
  // Recorded bucket starts may precede the first raw point by up to a bucket: derive only before it.
  const derivedTo = Math.min(to, firstRecorded - 1);
  if (!(derivedTo >= from) || derivedTo === -Infinity) return recorded;
  const settled = await readSettlements(store, keys, {
    from: Number.isFinite(from) ? from - options.windowMs : from,
    to: derivedTo,
    fallbackHours: options.intervalHours,
  });
  const derived = derivePremiumsFromFunding(settled, {
    from,
    to: derivedTo,
    windowMs: options.windowMs,
  });
  if (derived.t.length === 0) return recorded;
  const t = new Float64Array(derived.t.length + recorded.t.length);
  const v = new Float64Array(t.length);
  t.set(derived.t, 0);
  t.set(recorded.t, derived.t.length);
  v.set(derived.v, 0);
  v.set(recorded.v, derived.t.length);
  return { t, v };
}
