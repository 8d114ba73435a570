// The term structure's past: each cycle, every dated future's price is kept as a series of its own
// (one per asset and expiry, so a contract keeps its history while it lists), and the curve as it
// stood about 1 and 7 days ago is read back, annualized against the spot price of the same moment.
import { annualizeBasis } from '../../core';
import type { AssetSnapshot, PastCurvePoint, PastTermStructure } from '../../shared/market';
import type { BasisMethod } from '../../shared/strategy';
import { DAY_MS, HOUR_MS } from '../../shared/time';
import type { HistoryStore, SeriesKey } from '../history';
import { seriesKey } from '../history';
import type { SourceLabel } from './series';
import { marketSeriesKey, marketSubject } from './series';

/** How far from the asked moment a recorded point may lie and still stand for it. */
export const PAST_CURVE_TOLERANCE_MS = 12 * HOUR_MS;
export const PAST_CURVE_DAYS = [1, 7] as const;

function curvePrefix(source: SourceLabel, asset: string): string {
  return `${marketSubject(source, asset)}@`;
}

/** The series of one dated future: `binance:BTC@1774598400000`, its price per cycle. */
export function contractPriceKey(source: SourceLabel, asset: string, expiry: number): SeriesKey {
  return seriesKey(`${curvePrefix(source, asset)}${Math.round(expiry)}`, 'price');
}

/** Appends the price of each of the asset's dated futures at `t`. */
export function recordTermCurve(
  store: HistoryStore,
  source: SourceLabel,
  asset: AssetSnapshot,
  t: number,
): void {
  if (asset.stale) return;
  for (const f of asset.futures) {
    if (Number.isFinite(f.expiry) && f.price > 0 && f.expiry > t) {
      store.append(contractPriceKey(source, asset.asset, f.expiry), t, f.price);
    }
  }
}

async function nearest(
  store: HistoryStore,
  key: SeriesKey,
  at: number,
): Promise<{ t: number; v: number } | null> {
  const data = await store.read(key, {
    from: at - PAST_CURVE_TOLERANCE_MS,
    to: at + PAST_CURVE_TOLERANCE_MS,
  });
  let best: { t: number; v: number } | null = null;
  for (let i = 0; i < data.t.length; i++) {
    const t = data.t[i] as number;
    if (best === null || Math.abs(t - at) < Math.abs(best.t - at)) {
      best = { t, v: data.v[i] as number };
    }
  }
  return best;
}

/**
 * The curve nearest each of 1 and 7 days before `now`: every contract recorded within the tolerance
 * of that moment, annualized by `method` against the spot price nearest its own point. A moment
 * with no contract recorded near it has `at` null and no points: "not recorded yet".
 */
export async function readPastCurves(
  store: HistoryStore,
  source: SourceLabel,
  asset: string,
  now: number,
  method: BasisMethod,
): Promise<PastTermStructure> {
  const prefix = curvePrefix(source, asset);
  const contracts = store
    .keys()
    .filter((k) => k.field === 'price' && k.subject.startsWith(prefix))
    .map((k) => ({ key: k, expiry: Number(k.subject.slice(prefix.length)) }))
    .filter((c) => Number.isFinite(c.expiry));
  const spotKey = marketSeriesKey(source, asset, 'spot');
  const curves = [];
  for (const agoDays of PAST_CURVE_DAYS) {
    const target = now - agoDays * DAY_MS;
    const points: PastCurvePoint[] = [];
    let at: number | null = null;
    for (const c of contracts) {
      if (c.expiry <= target) continue;
      const price = await nearest(store, c.key, target);
      if (!price || c.expiry <= price.t) continue;
      const spot = await nearest(store, spotKey, price.t);
      if (!spot) continue;
      let annualized: number;
      try {
        annualized = annualizeBasis(spot.v, price.v, c.expiry - price.t, method);
      } catch {
        continue; // an unusable price or a figure that overflows: nothing true to draw
      }
      points.push({ expiry: c.expiry, days: (c.expiry - price.t) / DAY_MS, annualized });
      if (at === null || Math.abs(price.t - target) < Math.abs(at - target)) at = price.t;
    }
    points.sort((a, b) => a.expiry - b.expiry);
    curves.push({ agoDays, at, points });
  }
  return { asset, curves };
}
