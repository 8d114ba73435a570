// What the backtester reads: one bar per UTC day with a stored daily close, each with that day's
// close and the funding its settlements paid (every settlement whose time falls in the day, summed).
import { DAY_MS } from '../../shared/time';
import type { HistoryStore } from '../history';
import { downloadTargets } from './download';

export interface BacktestSeries {
  /** Each day's start, 00:00 UTC (ms), oldest first. */
  t: number[];
  /** The day's last spot price. */
  price: number[];
  /** Funding paid over the day per unit of notional held short: its settlements' rates summed. */
  funding: number[];
  /**
   * How many settlements the day's funding sums: 0 before the perpetual existed (or where none was
   * downloaded), so a day without funding data is told from a day that paid nothing.
   */
  settlements: number[];
}

/**
 * The daily bars of the subject's downloaded history between `from` and `to` (both included, by
 * day start); everything stored when they are left out.
 */
export async function readBacktestSeries(
  store: HistoryStore,
  subject: string,
  from?: number,
  to?: number,
): Promise<BacktestSeries> {
  const targets = downloadTargets(subject);
  const first = from === undefined ? -Infinity : Math.ceil(from / DAY_MS) * DAY_MS;
  const last = to === undefined ? Infinity : to;
  const closes = await store.read(targets['daily-close'], { from: first, to: last });
  const out: BacktestSeries = { t: [], price: [], funding: [], settlements: [] };
  if (closes.t.length === 0) return out;
  const start = closes.t[0]!;
  const end = closes.t[closes.t.length - 1]! + DAY_MS - 1;
  const paid = await store.read(targets.funding, { from: start, to: end });
  let j = 0;
  for (let i = 0; i < closes.t.length; i++) {
    const day = closes.t[i]!;
    let sum = 0;
    let count = 0;
    while (j < paid.t.length && paid.t[j]! < day) j++;
    while (j < paid.t.length && paid.t[j]! < day + DAY_MS) {
      sum += paid.v[j]!;
      count++;
      j++;
    }
    out.t.push(day);
    out.price.push(closes.v[i]!);
    out.funding.push(sum);
    out.settlements.push(count);
  }
  return out;
}
