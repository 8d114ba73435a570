// An asset's settled funding as stored: each settlement's rate with its own interval, the one
// recorded beside it (what the venue stated, or what the backfill inferred from the spacing) or, for
// history stored before intervals were kept, the spacing from the settlement before.
import { annualizeFunding, inferSettlementIntervals, MAX_FUNDING_INTERVAL_HOURS } from '../../core';
import type { HistoryStore, SeriesKey } from '../history';
import { HOUR_MS } from '../../shared/time';
import { downsampleMinMax } from '../history';

export interface SettlementKeys {
  funding: SeriesKey;
  fundingInterval: SeriesKey;
}

/** Settlements oldest first: times, rates per interval and interval hours, in parallel. */
export interface SettlementData {
  t: Float64Array;
  v: Float64Array;
  h: Float64Array;
}

export interface SettlementRead {
  from?: number;
  to?: number;
  /** The perpetual's current interval: for a settlement neither stored nor spaced tells. */
  fallbackHours: number;
}

/** The settlements in [from, to] with their intervals. */
export async function readSettlements(
  store: HistoryStore,
  keys: SettlementKeys,
  options: SettlementRead,
): Promise<SettlementData> {
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  // One settlement before `from` gives the first one in range its spacing.
  const reach = Number.isFinite(from) ? from - MAX_FUNDING_INTERVAL_HOURS * HOUR_MS : from;
  const [funding, stated] = await Promise.all([
    store.read(keys.funding, { from: reach, to }),
    store.read(keys.fundingInterval, { from: reach, to }),
  ]);
  const statedAt = new Map<number, number>();
  for (let i = 0; i < stated.t.length; i++) {
    const hours = stated.v[i] as number;
    if (hours > 0) statedAt.set(stated.t[i] as number, hours);
  }
  const inferred = inferSettlementIntervals(funding.t, { fallbackHours: options.fallbackHours });
  let first = 0;
  while (first < funding.t.length && (funding.t[first] as number) < from) first++;
  const n = funding.t.length - first;
  const out: SettlementData = {
    t: funding.t.slice(first),
    v: funding.v.slice(first),
    h: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const t = out.t[i] as number;
    out.h[i] = statedAt.get(t) ?? (inferred[first + i] as number);
  }
  return out;
}

/**
 * At most `maxPoints` settlements for a chart, each kept with its own rate and interval: thinned by
 * the annualized rate (so the spikes a chart shows survive), whatever interval each was paid over.
 */
export function thinSettlements(data: SettlementData, maxPoints: number): SettlementData {
  const n = data.t.length;
  if (n <= maxPoints) return data;
  const annualized = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    annualized[i] = annualizeFunding(data.v[i] as number, data.h[i] as number);
  }
  const kept = downsampleMinMax({ t: data.t, v: annualized }, maxPoints).t;
  // Settlement times are distinct and sorted: each kept time is found by walking forward once.
  const out: SettlementData = {
    t: new Float64Array(kept.length),
    v: new Float64Array(kept.length),
    h: new Float64Array(kept.length),
  };
  let i = 0;
  for (let k = 0; k < kept.length; k++) {
    while ((data.t[i] as number) !== kept[k]) i++;
    out.t[k] = data.t[i] as number;
    out.v[k] = data.v[i] as number;
    out.h[k] = data.h[i] as number;
  }
  return out;
}
