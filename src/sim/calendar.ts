// Contract calendar of a binance-style venue: quarterly expiries (last Friday of Mar/Jun/Sep/Dec at
// 08:00 UTC), contract suffixes, and funding settlement times on an interval grid from midnight UTC.
import { HOUR_MS } from '../shared/time';

/** Binance's "delivery date" of a perpetual: far in the future (2100-12-25). */
export const PERPETUAL_DELIVERY_DATE = 4133404800000;

const QUARTER_MONTHS = [2, 5, 8, 11];

/** 08:00 UTC on the last Friday of the given month (0-based month). */
export function lastFridayExpiry(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const back = (lastDay.getUTCDay() - 5 + 7) % 7;
  return Date.UTC(year, month, lastDay.getUTCDate() - back, 8);
}

/** The `count` quarterly expiries strictly after `at`, nearest first. */
export function quarterlyExpiriesAfter(at: number, count: number): number[] {
  const out: number[] = [];
  const date = new Date(at);
  let year = date.getUTCFullYear();
  let index = 0;
  while (index < QUARTER_MONTHS.length && lastFridayExpiry(year, QUARTER_MONTHS[index]!) <= at)
    index++;
  while (out.length < count) {
    if (index >= QUARTER_MONTHS.length) {
      index = 0;
      year++;
    }
    out.push(lastFridayExpiry(year, QUARTER_MONTHS[index]!));
    index++;
  }
  return out;
}

/** Every quarterly expiry in (from, to], oldest first. */
export function quarterlyExpiriesBetween(from: number, to: number): number[] {
  const out: number[] = [];
  let cursor = from;
  for (;;) {
    const [next] = quarterlyExpiriesAfter(cursor, 1);
    if (next === undefined || next > to) return out;
    out.push(next);
    cursor = next;
  }
}

/** `YYMMDD` of a UTC timestamp, as binance and ccxt name dated contracts. */
export function yymmdd(at: number): string {
  const d = new Date(at);
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

/** The first funding settlement strictly after `at` on an `intervalHours` grid from midnight UTC. */
export function nextFundingTime(at: number, intervalHours: number): number {
  const interval = intervalHours * HOUR_MS;
  return Math.floor(at / interval) * interval + interval;
}

/** Funding settlement times in (from, to], oldest first. */
export function fundingTimesBetween(from: number, to: number, intervalHours: number): number[] {
  const out: number[] = [];
  const interval = intervalHours * HOUR_MS;
  for (let t = nextFundingTime(from, intervalHours); t <= to; t += interval) out.push(t);
  return out;
}
