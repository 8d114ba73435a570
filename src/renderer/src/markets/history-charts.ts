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

/** Points asked of the host per chart: enough for the chart's width, few enough to draw at once. */
export const HISTORY_MAX_POINTS = 2000;

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

/** What a chart shows, in words, for those who cannot see the canvas. */
export function chartSummary(
  format: (value: number) => string,
  data: readonly { time: number; value: number }[] | null,
  live: { t: number; v: number } | null,
  formatDay: (ms: number) => string,
): string {
  if (data === null) return 'Loading history.';
  const first = data[0];
  const last = data[data.length - 1];
  const latest = live ?? (last ? { v: last.value } : null);
  if (!latest) return 'No history recorded yet.';
  const now = `Latest ${format(latest.v)}.`;
  if (!first) return `${now} No history recorded before it.`;
  let low = first.value;
  let high = first.value;
  for (const d of data) {
    if (d.value < low) low = d.value;
    if (d.value > high) high = d.value;
  }
  const count = data.length.toLocaleString('en-US');
  return `${now} ${count} ${data.length === 1 ? 'point' : 'points'} of history since ${formatDay(first.time * 1000)}, from ${format(low)} to ${format(high)}.`;
}
