// The history store and its backfill: what the rest of the services use of src/services/history.
export { HistoryStore, HistoryStoreClosedError, HISTORY_DIR_NAME } from './history-store';
export type {
  CompactionReport,
  HistoryStoreOptions,
  ReadOptions,
  SeriesData,
  SeriesPoint,
} from './history-store';
export {
  Backfiller,
  BACKFILL_SERIES,
  backfillAsset,
  backfillMarkerPath,
  DEFAULT_LOOKBACK_MS,
  defaultBackfillTargets,
  readBackfillMarker,
  storeSettlementIntervals,
} from './backfill';
export type {
  BackfillMarker,
  BackfillOptions,
  BackfillProgress,
  BackfillResult,
  BackfillSeries,
  BackfillTargets,
  HistorySource,
} from './backfill';
export { aggregateBuckets, downsampleMinMax } from './downsample';
export type { BucketRule } from './downsample';
export {
  FIELD_KIND,
  FIELD_LABELS,
  isSeriesField,
  parseSeriesId,
  sameSeries,
  SERIES_FIELDS,
  seriesId,
  seriesKey,
} from './series-keys';
export type { FieldKind, SeriesField, SeriesKey } from './series-keys';
