// Which stored series hold an asset's market history. Each market source keeps its own series
// (`demo:BTC`, `binance:BTC`), so simulated prices never mix with a real venue's.
import type { HistorySeriesName } from '../../shared/market';
import type { SeriesField, SeriesKey } from '../history';
import { seriesKey } from '../history';

/** The label of a market source: `demo`, or the exchange id when reading a live venue. */
export type SourceLabel = string;

export function marketSubject(source: SourceLabel, asset: string): string {
  return `${source}:${asset}`;
}

export function marketSeriesKey(source: SourceLabel, asset: string, field: SeriesField): SeriesKey {
  return seriesKey(marketSubject(source, asset), field);
}

/**
 * The stored field behind each series the UI asks for. `funding` is the settled funding per interval
 * (from backfill and from the settlements seen by the poller), which the UI annualizes.
 */
export const FIELD_OF_QUERY: Readonly<Record<HistorySeriesName, SeriesField>> = {
  spot: 'spot',
  mark: 'mark',
  premium: 'premium',
  funding: 'funding',
};
