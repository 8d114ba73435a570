// The three history charts of an asset: which stored series each plots, how stored values become
// plotted ones, and the live point each snapshot adds.
import { annualizeFunding } from '../../../core/premium';
import type { AssetSnapshot, HistorySeriesName } from '../../../shared/market';
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
    about: 'Perpetual funding per interval, annualized with the interval the venue uses.',
  },
];

/** Points asked of the host per chart: enough for the chart's width, few enough to draw at once. */
export const HISTORY_MAX_POINTS = 2000;

/**
 * How a stored value becomes a plotted one: funding is stored per interval and plotted annualized
 * (null when there is no perpetual, so no interval to annualize with); the rest as they are.
 */
export function historyValueMapper(
  series: HistorySeriesName,
  intervalHours: number | null,
): ((value: number) => number) | null {
  if (series !== 'funding') return (value) => value;
  if (intervalHours === null || !Number.isFinite(intervalHours) || intervalHours <= 0) return null;
  return (rate) => annualizeFunding(rate, intervalHours);
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
