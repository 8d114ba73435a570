// Market data: the poller, the snapshots it builds, their history and the service that runs them.
export { calibrateAsset, trailingYearPremiums } from './calibration';
export type { CalibrationInput } from './calibration';
export { createBackfillQueue } from './backfill-queue';
export type { BackfillQueue, BackfillQueueOptions } from './backfill-queue';
export { gatewayHistorySource, HISTORY_PAGE_LIMIT } from './history-source';
export {
  createSnapshotWriter,
  LAST_SNAPSHOT_FILE,
  lastSnapshotPath,
  readLastSnapshot,
} from './last-snapshot';
export type { SnapshotWriter } from './last-snapshot';
export { AssetNotices, healthOf, MarketNotices, venueName } from './market-health';
export type { MarketHealth } from './market-health';
export { MarketRecorder } from './market-recorder';
export { createMarketService, sourceLabelOf } from './market-service';
export type { MarketService, MarketServiceOptions, OpenedMarketService } from './market-service';
export type { ConnectionDiagnostics, ConnectMarket, MarketConnection } from './market-run';
export type { MarketDiagnostics, StartupTimeline } from './market-diagnostics';
export { createPoller } from './poller';
export { marketTimeOf } from './cycle-snapshots';
export { isStale } from './staleness';
export type {
  CycleFailure,
  CycleOutcome,
  CycleRecord,
  MarketFeed,
  Poller,
  PollerOptions,
  PollerStats,
  PollerTimers,
  TimerPurpose,
} from './poller-types';
export { derivePremiumsFromFunding, readPremiumHistory } from './premium-history';
export type { PremiumHistoryKeys, PremiumHistoryOptions } from './premium-history';
export { FIELD_OF_QUERY, marketSeriesKey, marketSubject } from './series';
export type { SourceLabel } from './series';
export { buildAssetSnapshot, emptyAssetSnapshot, hasMarketData } from './snapshot-builder';
export type { AssetSnapshotInput } from './snapshot-builder';
