// The three history charts of an asset: which stored series each plots, how stored values become
// plotted ones, and the live point each snapshot adds.
import { annualizeFunding } from '../../../core/premium';
import type { AssetSnapshot, HistorySeries, HistorySeriesName } from '../../../shared/market';
import type { ValueKind } from '../charts/chart-data';

export interface HistoryChartSpec {
  series: HistorySeriesName;
  title: string;
  kind: ValueKind;
  /** One line under the title on what the chart shows. */
  about: string;
}

export const HISTORY_CHARTS: readonly HistoryChartSpec[] = [
  { series: 'spot', title: 'Price', kind: 'price', about: 'Spot price.' },
  {
    series: 'premium',
    title: 'Signal premium',
    kind: 'percent',
    about: 'Annualized signal premium, with the regime thresholds in force.',
  },
  {
    series: 'funding',
    title: 'Funding (annualized)',
    kind: 'percent',
    about: 'Perpetual funding per settlement, annualized with the interval it was paid over.',
  },
];

/**
 * Points asked of the host per chart: enough detail for a week's window of years of history; the
 * chart thins them again to its width for the window it shows.
 */
export const HISTORY_MAX_POINTS = 20_000;

function usableInterval(hours: number | null | undefined): hours is number {
  return typeof hours === 'number' && Number.isFinite(hours) && hours > 0;
}

/**
 * The values a chart plots of a stored series. Funding is stored per settlement and plotted
 * annualized, each settlement with the interval it was paid over (the perpetual's current interval
 * only for one stored without it), so the past stays right after the venue changes the interval.
 * Null for funding with no interval at all to annualize with (no perpetual, nothing stored); the
 * other series as they are stored.
 */
export function plottedValues(
  history: Pick<HistorySeries, 'series' | 'v' | 'intervalHours'>,
  currentIntervalHours: number | null,
): number[] | null {
  if (history.series !== 'funding') return history.v;
  const stated = history.intervalHours ?? [];
  if (!usableInterval(currentIntervalHours) && !stated.some(usableInterval)) return null;
  return history.v.map((rate, i) => {
    const own = stated[i];
    const hours = usableInterval(own) ? own : currentIntervalHours;
    // A settlement with no interval to annualize with is left out of the chart.
    return usableInterval(hours) ? annualizeFunding(rate, hours) : Number.NaN;
  });
}

/** Whether a funding chart has anything to annualize with before its history arrives. */
export function fundingChartable(
  series: HistorySeriesName,
  currentIntervalHours: number | null,
): boolean {
  return series !== 'funding' || usableInterval(currentIntervalHours);
}

/** The point a snapshot adds to a chart: the same number the Markets table shows, at its receipt time. */
export function livePoint(
  series: HistorySeriesName,
  asset: AssetSnapshot | null,
  snapshotAt: number | null,
): { t: number; v: number } | null {
  if (!asset) return null;
  const t = asset.receivedAt ?? snapshotAt;
  if (t === null || !Number.isFinite(t)) return null;
  const value =
    series === 'spot'
      ? asset.spot
      : series === 'premium'
        ? asset.premium
        : series === 'mark'
          ? (asset.perp?.mark ?? null)
          : (asset.perp?.annualized ?? null);
  return value !== null && Number.isFinite(value) ? { t, v: value } : null;
}

/**
 * What a chart shows, in words, computed from the points drawn in the window on screen: its dates,
 * the first and last value, and the lowest and highest with their days. The latest live figure
 * leads, as the table shows it.
 */
export function chartSummary(
  format: (value: number) => string,
  drawn: readonly { time: number; value: number }[] | null,
  live: { t: number; v: number } | null,
  formatDay: (ms: number) => string,
): string {
  if (drawn === null) return 'Loading history.';
  const now = live ? `Latest ${format(live.v)}. ` : '';
  const first = drawn[0];
  const last = drawn[drawn.length - 1];
  if (!first || !last) return `${now}No history recorded in this window.`;
  let low = first;
  let high = first;
  for (const d of drawn) {
    if (d.value < low.value) low = d;
    if (d.value > high.value) high = d;
  }
  const day = (seconds: number) => formatDay(seconds * 1000);
  if (first === last)
    return `${now}One point in this window: ${format(first.value)} on ${day(first.time)}.`;
  return (
    `${now}From ${day(first.time)} to ${day(last.time)}: ${format(first.value)} to ${format(last.value)}; ` +
    `low ${format(low.value)} on ${day(low.time)}, high ${format(high.value)} on ${day(high.time)}.`
  );
}
