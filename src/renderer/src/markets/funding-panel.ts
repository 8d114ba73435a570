// What the funding panel shows of one perpetual: its settlements newest first, their averages over
// the last 7, 14 and 30 days, every rate in the unit the user picked, and the same rows as CSV.
import { annualizeFunding, annualizeSettledFunding, formatCsv, formatPercent } from '../../../core';
import type { HistorySeries } from '../../../shared/market';
import { DAY_MS, DAYS_PER_YEAR } from '../../../shared/time';

/** How a rate is shown: as paid per settlement interval, per day, or annualized. */
export type FundingUnit = 'interval' | 'day' | 'year';

export const FUNDING_UNITS: readonly { value: FundingUnit; label: string }[] = [
  { value: 'interval', label: 'Per interval' },
  { value: 'day', label: 'Per day' },
  { value: 'year', label: 'Annualized' },
];

export const AVERAGE_WINDOWS_DAYS = [7, 14, 30] as const;

/** How far back the panel reads: the longest average's window. */
export const FUNDING_PANEL_DAYS = 30;

export interface Settlement {
  at: number;
  /** The rate paid for the interval, a decimal. */
  rate: number;
  intervalHours: number;
}

/** The settlements of a `funding` history read, newest first. */
export function settlementsOf(series: HistorySeries, fallbackHours: number): Settlement[] {
  const out: Settlement[] = [];
  for (let i = series.t.length - 1; i >= 0; i--) {
    const hours = series.intervalHours?.[i];
    out.push({
      at: series.t[i] as number,
      rate: series.v[i] as number,
      intervalHours: hours !== undefined && hours > 0 ? hours : fallbackHours,
    });
  }
  return out;
}

/** A rate paid over `intervalHours`, in `unit`. */
export function rateIn(rate: number, intervalHours: number, unit: FundingUnit): number {
  if (unit === 'interval') return rate;
  const annualized = annualizeFunding(rate, intervalHours);
  return unit === 'year' ? annualized : annualized / DAYS_PER_YEAR;
}

/**
 * An annualized figure in `unit`; per interval is over `intervalHours` (the perpetual's current
 * interval, since an average may span settlements of several).
 */
export function annualizedIn(annualized: number, intervalHours: number, unit: FundingUnit): number {
  if (unit === 'year') return annualized;
  const perDay = annualized / DAYS_PER_YEAR;
  return unit === 'day' ? perDay : (perDay * intervalHours) / 24;
}

/** A rate as text: per-interval and per-day rates are small, so they keep four decimals. */
export function formatRate(value: number, unit: FundingUnit): string {
  return formatPercent(value, unit === 'year' ? 2 : 4);
}

export interface FundingAverage {
  days: number;
  /** What the window's settlements paid, annualized over the time they covered; null when none. */
  annualized: number | null;
  count: number;
  /** True when the stored history starts inside the window, so the average covers less of it. */
  partial: boolean;
}

/** The averages over the last 7, 14 and 30 days before `now`, each interval counted by its length. */
export function fundingAverages(settlements: readonly Settlement[], now: number): FundingAverage[] {
  const oldest = settlements.at(-1)?.at ?? null;
  return AVERAGE_WINDOWS_DAYS.map((days) => {
    const since = now - days * DAY_MS;
    const inWindow = settlements.filter((s) => s.at > since && s.at <= now);
    return {
      days,
      annualized: inWindow.length > 0 ? annualizeSettledFunding(inWindow) : null,
      count: inWindow.length,
      partial: oldest === null || oldest > since + DAY_MS,
    };
  });
}

/** The file name of an asset's settlements as CSV, dated by the latest one. */
export function fundingCsvFilename(asset: string, now: number): string {
  return `premia-funding-${asset}-${new Date(now).toISOString().slice(0, 10)}.csv`;
}

/** The settlements as CSV, oldest first, in every unit so a spreadsheet needs no conversion. */
export function fundingCsv(settlements: readonly Settlement[]): string {
  const rows = [...settlements]
    .reverse()
    .map((s) => [
      new Date(s.at).toISOString(),
      s.rate,
      s.intervalHours,
      rateIn(s.rate, s.intervalHours, 'day'),
      rateIn(s.rate, s.intervalHours, 'year'),
    ]);
  return formatCsv([
    ['settled_at_utc', 'rate_per_interval', 'interval_hours', 'rate_per_day', 'rate_annualized'],
    ...rows,
  ]);
}
