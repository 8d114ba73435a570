// One market running on one connection: the feed the poller reads through (the stages of the first
// start timed on the way, the cycle's quotes request known so the backfill waits it out), the recorder
// that keeps every cycle as history, the backfill of newly seen assets once the first live snapshot
// is out, and the poller. The service opens one per market and stops it before opening the next.
import type { BackfillProgress, MarketSnapshot } from '../../shared/market';
import type { Settings } from '../../shared/settings';
import type { Thresholds } from '../../shared/strategy';
import type { ExchangeGateway, GatewayDiagnostics, ReadOptions } from '../gateway';
import type { HistoryStore } from '../history';
import type { Logger } from '../logger';
import { createBackfillQueue, type BackfillQueue } from './backfill-queue';
import { gatewayHistorySource, heldWhileQuoting } from './history-source';
import type { StartupTimelineRecorder } from './market-diagnostics';
import { MarketRecorder } from './market-recorder';
import { createCarryScanner, type CarryScanner } from '../scanner/carry-scanner';
import type { CycleFailure, CycleRecord, MarketFeed, Poller, PollerTimers } from './poller-types';
import { createPoller } from './poller';
import type { SourceLabel } from './series';

/** A market to read: the gateway to it, and how to let it go. */
export interface MarketConnection {
  /** `demo`, or the exchange id of a live venue. */
  label: SourceLabel;
  gateway: ExchangeGateway;
  close(): Promise<void>;
  diagnostics: ConnectionDiagnostics;
}

/** What the start-up timeline, the bench and the tests look at in a connection. */
export interface ConnectionDiagnostics {
  gateway: GatewayDiagnostics;
  /** Base URL of the in-process simulator when this is the demo market. */
  demoMarketUrl: string | null;
}

export type ConnectMarket = (market: Settings['market']) => Promise<MarketConnection>;

/**
 * The poller's reads are not retried inside a cycle: the poller retries on its own schedule, and a
 * failure is then known (and shown) at once instead of after the gateway's retries and timeouts.
 */
export const CYCLE_READS: ReadOptions = { retries: 0 };
/** How long after the first live snapshot the backfill waits before it begins. */
const BACKFILL_SETTLE_MS = 1_000;

/** What a run needs of the service around it, which outlives it. */
export interface RunContext {
  settings: () => Settings;
  wallNow: () => number;
  /** The market's clock: wall time plus the lead the venue's clock had at the last cycle. */
  marketNow: () => number;
  /** The poller's timers, and the wait before the first backfill. */
  timers?: PollerTimers;
  backfill: boolean;
  backfillLookbackMs?: number;
  /** Between the scanner's per-perpetual history requests (tests make it 0). */
  scannerFillSpacingMs?: number;
  /** Fill the carry scanner's last 30 days of funding from the venue. */
  scannerFill: boolean;
  maxBackoffMs?: number;
  logger: Logger;
  timeline: StartupTimelineRecorder;
  /** A snapshot from before, of this market: served, all stale, until the first cycle. */
  initial: MarketSnapshot | null;
  intervalHoursOf(asset: string): number;
  historyThresholds(asset: string, settings: Settings): Promise<Thresholds | null>;
  onSnapshot(snapshot: MarketSnapshot): void;
  /** A cycle brought quotes, recorded already. */
  onLive(record: CycleRecord): void;
  onHalt(failure: CycleFailure): void;
  /** The market `source` lists nothing for `asset`. */
  onUnlisted(source: SourceLabel, asset: string): void;
  onStateChange(): void;
  onBackfillProgress(progress: BackfillProgress): void;
  /** An asset's history was filled (or found filled). */
  onBackfilled(asset: string): void;
}

export interface MarketRun {
  readonly connection: MarketConnection;
  readonly poller: Poller;
  /** Every perpetual of the venue, for the carry scanner. */
  readonly scanner: CarryScanner;
  start(): void;
  /** Resolves when no backfill is queued or running. */
  backfillIdle(): Promise<void>;
  /** Stops the poller and the backfill; resolves with the last snapshot. */
  stop(): Promise<MarketSnapshot | null>;
  /** Lets the connection go (a failure to is logged, not passed on). */
  close(): Promise<void>;
}

export function openMarketRun(
  connection: MarketConnection,
  store: HistoryStore,
  context: RunContext,
): MarketRun {
  const { gateway, label: source } = connection;
  const { timeline, logger } = context;
  const recorder = new MarketRecorder(store, source, logger.child('history'));
  let stopped = false;
  /** The cycle's request in flight, which backfill pages wait out: quotes come first. */
  let quoting: Promise<unknown> | null = null;
  /** Settles once the last cycle's assets have been handed to the backfill queue. */
  let backfillQueued: Promise<void> = Promise.resolve();

  const feed: MarketFeed = {
    async discover(assets) {
      const found = await gateway.discover(assets, CYCLE_READS);
      timeline.marketsLoaded(connection.diagnostics.gateway);
      return found;
    },
    async fetchMarketData(assets) {
      const request = gateway.fetchMarketData(assets, CYCLE_READS);
      quoting = request;
      try {
        const cycle = await request;
        timeline.reach('firstQuotesAt');
        return cycle;
      } finally {
        if (quoting === request) quoting = null;
      }
    },
    reloadMarkets: () => gateway.reloadMarkets(CYCLE_READS),
  };

  const clearOfQuotes = async (): Promise<void> => {
    for (let pending = quoting; pending; pending = quoting) await pending.catch(() => undefined);
  };
  const scanner = createCarryScanner({
    store,
    source,
    logger: logger.child('scanner'),
    fill: {
      gateway,
      tracked: () => context.settings().assets.tracked,
      now: context.marketNow,
      clear: clearOfQuotes,
      ...(context.scannerFillSpacingMs !== undefined
        ? { spacingMs: context.scannerFillSpacingMs }
        : {}),
    },
  });

  const backfill: BackfillQueue | null = context.backfill
    ? createBackfillQueue({
        store,
        source: heldWhileQuoting(gatewayHistorySource(gateway), () => quoting),
        label: source,
        now: context.marketNow,
        wallNow: context.wallNow,
        lookbackMs: context.backfillLookbackMs,
        fundingIntervalHours: context.intervalHoursOf,
        onProgress: context.onBackfillProgress,
        onDone: (asset) => {
          recorder.invalidate(asset);
          scanner.forget(asset);
          context.onBackfilled(asset);
        },
        logger: logger.child('backfill'),
      })
    : null;

  /** Hands the assets the snapshot brought fresh quotes for to the backfill. */
  function queueBackfill(snapshot: MarketSnapshot, firstLive: boolean): void {
    const fresh = snapshot.assets.filter((a) => a.receivedAt === snapshot.at);
    if (!backfill || fresh.length === 0) return;
    // Never ahead of the snapshot on its way to the UI, nor of the calls a UI makes once it shows
    // the first live data (the demo market computes a page of history on this thread).
    const delayMs = firstLive ? BACKFILL_SETTLE_MS : 0;
    backfillQueued = new Promise((resolve) => {
      const queue = () => {
        if (!stopped) {
          timeline.reach('backfillStartAt');
          for (const a of fresh) backfill.request(a.asset);
        }
        resolve();
      };
      if (delayMs === 0) setImmediate(queue);
      else if (context.timers) context.timers.setTimeout(queue, delayMs);
      else setTimeout(queue, delayMs).unref();
    });
  }

  const poller = createPoller({
    feed,
    source,
    settings: context.settings,
    now: context.wallNow,
    timers: context.timers,
    initial: context.initial,
    maxBackoffMs: context.maxBackoffMs,
    logger: logger.child('poller'),
    settledFunding: (asset, from, to, hours) => recorder.settledFunding(asset, from, to, hours),
    historyThresholds: context.historyThresholds,
    onSnapshot: context.onSnapshot,
    onCycle: (record) => {
      const firstLive = !timeline.reached('firstSnapshotAt');
      if (firstLive) timeline.reach('firstSnapshotAt');
      recorder.record(record.cycle, record.snapshot, record.marketNow);
      scanner.record(record.cycle.perpetuals, record.marketNow);
      if (firstLive && context.scannerFill) scanner.startFill();
      context.onLive(record);
      queueBackfill(record.snapshot, firstLive);
      if (firstLive) logger.info('first live market data', timeline.timeline());
    },
    onStateChange: context.onStateChange,
    onHalt: context.onHalt,
    onUnlisted: (asset) => context.onUnlisted(source, asset),
  });

  return {
    connection,
    poller,
    scanner,
    start: () => poller.start(),
    async backfillIdle() {
      await backfillQueued;
      await backfill?.idle();
    },
    async stop() {
      stopped = true;
      await poller.stop();
      await Promise.all([backfill?.cancel(), scanner.stop()]);
      return poller.snapshot();
    },
    async close() {
      await connection.close().catch((error: unknown) => {
        logger.warn('the market connection did not close cleanly', error);
      });
    },
  };
}
