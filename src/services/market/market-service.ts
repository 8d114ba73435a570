// Market data for the app: connects to the market the settings choose (through a connector the
// composition root supplies: the demo simulator or a live venue) and swaps it when the settings change
// it (./market-lifecycle), runs it (./market-run: the poller, the history it records, the backfill),
// keeps the last snapshot on disk, answers history and calibration queries (./market-queries), checks
// assets before they are tracked, and tells how the data stands.
import type { PremiaEvent } from '../../shared/api';
import { PremiaError } from '../../shared/errors';
import type {
  Calibration,
  CalibrationQuery,
  HistoryQuery,
  HistorySeries,
  MarketSnapshot,
  PastTermStructure,
  TermCurveQuery,
} from '../../shared/market';
import type { CarryScannerView } from '../../shared/scanner';
import type { Settings } from '../../shared/settings';
import type { ExchangeGateway } from '../gateway';
import type { HistoryStoreOptions } from '../history';
import { HistoryStore } from '../history';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { NoticeBoard } from '../notices';
import { createSnapshotWriter, readLastSnapshot } from './last-snapshot';
import { LiveWaiters } from './live-waiters';
import type { MarketDiagnostics } from './market-diagnostics';
import { StartupTimelineRecorder } from './market-diagnostics';
import type { MarketHealth } from './market-health';
import { AssetNotices, healthOf, MarketNotices, venueName } from './market-health';
import { MarketLifecycle } from './market-lifecycle';
import { createMarketQueries } from './market-queries';
import type { ConnectMarket, RunContext } from './market-run';
import { CYCLE_READS } from './market-run';
import type { PollerTimers } from './poller-types';
import type { SourceLabel } from './series';
import { readPastCurves } from './term-curves';
import { createListingCheck, notCheckable } from './trackable';

export interface MarketServiceOptions {
  dataDir: string;
  settings: () => Settings;
  connect: ConnectMarket;
  notices: NoticeBoard;
  emit: (event: PremiaEvent) => void;
  /** Wall clock. */
  now?: () => number;
  /** The poller's timers, and the wait before the first backfill. */
  timers?: PollerTimers;
  /** Backfill newly seen assets (default true). */
  backfill?: boolean;
  backfillLookbackMs?: number;
  /** Between the carry scanner's per-perpetual history requests (tests make it 0). */
  scannerFillSpacingMs?: number;
  /** Fill the carry scanner's history from the venue (default: as `backfill`). */
  scannerFill?: boolean;
  maxBackoffMs?: number;
  history?: HistoryStoreOptions;
  /** How long `close` waits for the market to stop before it saves and closes without it. */
  stopLimitMs?: number;
  logger?: Logger;
}

export interface MarketService {
  /** Connects and starts polling; later calls join the first. */
  start(): Promise<void>;
  /** The current snapshot: live, or the last one saved (all stale) until the first cycle. */
  snapshot(): MarketSnapshot | null;
  history(query: HistoryQuery): Promise<HistorySeries>;
  /** The history store the market records into, opened on first use (the portfolio records there too). */
  historyStore(): Promise<HistoryStore>;
  /** The running market's source and gateway, for long history downloads; null while none runs. */
  historySource(): { label: SourceLabel; gateway: ExchangeGateway } | null;
  calibration(query: CalibrationQuery): Promise<Calibration>;
  /** Every perpetual the venue lists, for the carry scanner; `unavailable` while no market runs. */
  carryScanner(): Promise<CarryScannerView>;
  /** The asset's term structure as it stood about 1 and 7 days ago, from what was recorded. */
  pastTermStructures(query: TermCurveQuery): Promise<PastTermStructure>;
  /** Applies changed settings: a different market is swapped in, the rest apply on the next cycle. */
  settingsChanged(previous: Settings, next: Settings): void;
  /**
   * Resolves with the snapshot of the next cycle that brings quotes; rejects after `timeoutMs`, or at
   * once when the venue refuses this region.
   */
  waitForLiveSnapshot(timeoutMs: number): Promise<MarketSnapshot>;
  /**
   * Resolves when every one of `assets` can be tracked on the market that runs; otherwise refuses
   * with the reasons in words (`invalid-input`: not listed, with suggestions), or says why they
   * cannot be checked now (`unavailable`: no listing to be had). See ./trackable.
   */
  checkTrackable(assets: readonly string[]): Promise<void>;
  /** How the market data stands; null while no market runs. */
  health(): MarketHealth | null;
  /**
   * Asks the market again now: a cycle at once instead of the rest of the pause after failures (or
   * after a refused region), or a new attempt to open a market that could not be opened.
   */
  retryNow(): void;
  /**
   * Pauses polling (the quotes shown turn stale, and nothing is recorded) or resumes it with a cycle
   * at once. A market swapped in while paused starts paused; a restart of Premia polls again.
   */
  setPaused(paused: boolean): void;
  close(): Promise<void>;
}

/** The market service, and beside it what the bench and the tests look at in it. */
export interface OpenedMarketService {
  market: MarketService;
  diagnostics: MarketDiagnostics;
}

/** The label of the market the settings choose. */
export function sourceLabelOf(market: Settings['market']): SourceLabel {
  return market.source === 'demo' ? 'demo' : market.exchange;
}

const DEFAULT_INTERVAL_HOURS = 8;
/** Longer than the poller's and the backfill's own waits (3 s and 2 s) together. */
const STOP_LIMIT_MS = 6_000;

export async function createMarketService(
  options: MarketServiceOptions,
): Promise<OpenedMarketService> {
  const wallNow = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const writer = createSnapshotWriter(options.dataDir, logger.child('snapshot'));
  let saved = await readLastSnapshot(options.dataDir, logger);
  let store: Promise<HistoryStore> | null = null;
  /** Market time minus wall time at the last cycle (a simulator's market may run ahead). */
  let marketOffset = 0;
  const standing = new MarketNotices(options.notices, wallNow);
  const assetNotices = new AssetNotices(options.notices, wallNow);
  const waiters = new LiveWaiters();
  /** The health last told to the listeners, as JSON, so only a change is told. */
  let toldHealth: string | undefined;
  let paused = false;
  const listingCheck = createListingCheck({ now: wallNow, read: CYCLE_READS });
  const timeline = new StartupTimelineRecorder();

  const marketNow = (): number => wallNow() + marketOffset;
  const label = (): SourceLabel => sourceLabelOf(options.settings().market);
  // Declared below, used only once the service runs.
  const running = () => lifecycle.running;

  function currentHealth(): MarketHealth | null {
    const run = running();
    if (!run) return null;
    const intervalMs = options.settings().market.refreshIntervalMs;
    return healthOf(run.connection.label, run.poller.stats(), intervalMs);
  }

  function tellHealth(): void {
    const health = currentHealth();
    const json = JSON.stringify(health);
    if (json === toldHealth) return;
    toldHealth = json;
    options.emit({ type: 'market-health', health });
  }

  function openStore(): Promise<HistoryStore> {
    if (lifecycle.closed)
      return Promise.reject(new PremiaError('unavailable', 'Premia is shutting down.'));
    store ??= HistoryStore.open(options.dataDir, {
      onError: (error) => logger.error('the history store failed in the background', error),
      notices: options.notices,
      ...options.history,
    }).catch((error: unknown) => {
      store = null;
      throw error;
    });
    return store;
  }

  function intervalHoursOf(asset: string): number {
    const shown = (running()?.poller.snapshot() ?? saved)?.assets.find((a) => a.asset === asset);
    return shown?.perp?.fundingIntervalHours ?? DEFAULT_INTERVAL_HOURS;
  }

  const queries = createMarketQueries({
    openStore,
    settings: options.settings,
    label,
    intervalHoursOf,
    marketNow,
    wallNow,
  });

  const runContext: Omit<RunContext, 'initial'> = {
    settings: options.settings,
    wallNow,
    marketNow,
    timers: options.timers,
    backfill: options.backfill !== false,
    backfillLookbackMs: options.backfillLookbackMs,
    scannerFillSpacingMs: options.scannerFillSpacingMs,
    scannerFill: options.scannerFill ?? options.backfill !== false,
    maxBackoffMs: options.maxBackoffMs,
    logger,
    timeline,
    intervalHoursOf,
    historyThresholds: async (asset, settings) =>
      (await queries.calibration(asset, settings)).fromHistory,
    onSnapshot: (snapshot) => {
      // The UI first: the copy on disk can wait a moment.
      options.emit({ type: 'snapshot', snapshot });
      writer.save(snapshot);
    },
    onLive: ({ snapshot, marketNow: at }) => {
      marketOffset = at - snapshot.at;
      standing.refusedChanged(null);
      waiters.live(snapshot);
    },
    onHalt: (failure) => {
      standing.refusedChanged(failure);
      // No cycle will come: whoever waits for one is told why at once.
      waiters.refuse(failure.message);
    },
    onUnlisted: (source, asset) => assetNotices.unlisted(source, asset),
    // The poller tells of its first schedule only once the run is the one running.
    onStateChange: () => {
      if (running()) tellHealth();
    },
    onBackfillProgress: (progress) => options.emit({ type: 'backfill', progress }),
    onBackfilled: (asset) => queries.forget(asset),
  };

  const lifecycle = new MarketLifecycle({
    settings: options.settings,
    connect: options.connect,
    notices: options.notices,
    wallNow,
    logger,
    timeline,
    stopLimitMs: options.stopLimitMs ?? STOP_LIMIT_MS,
    openStore,
    runContext,
    saved: () => saved,
    keep: (snapshot) => {
      saved = snapshot;
    },
    paused: () => paused,
    onStarted: tellHealth,
    onStopped: () => {
      standing.clear();
      // What the market said of an asset was that market's: the next one tells its own.
      dropAssetNotices(() => true);
      tellHealth();
    },
  });

  function dropAssetNotices(which: (asset: string) => boolean): void {
    running()?.poller.forgetUnlisted(assetNotices.drop(which));
  }

  const market: MarketService = {
    start: () => lifecycle.start(),

    snapshot() {
      const live = running()?.poller.snapshot();
      if (live) return live;
      return saved && saved.source === label() ? saved : null;
    },

    history: (query) => queries.history(query),

    historyStore: () => openStore(),

    calibration: (query) => queries.calibration(query.asset, options.settings()),

    async carryScanner() {
      const run = running();
      if (!run) {
        throw new PremiaError(
          'unavailable',
          'No market data is running, so the perpetuals cannot be listed. Try again once it is.',
        );
      }
      return run.scanner.view(options.settings(), market.snapshot());
    },

    pastTermStructures: async (query) =>
      readPastCurves(
        await openStore(),
        label(),
        query.asset,
        marketNow(),
        options.settings().signal.basisMethod,
      ),

    settingsChanged(previous, next) {
      if (lifecycle.closed) return;
      if (sourceLabelOf(previous.market) !== sourceLabelOf(next.market)) {
        queries.forgetAll();
        lifecycle.swap();
        return;
      }
      // An asset no longer tracked takes what was said about it along.
      dropAssetNotices((asset) => !next.assets.tracked.includes(asset));
      const poller = running()?.poller;
      if (!poller) return;
      // What shapes a snapshot (the list, its thresholds, how the signal is read) is applied by a
      // cycle at once, so the Markets view never shows regimes from levels already replaced.
      const shaping = (s: Settings) => JSON.stringify([s.assets.tracked, s.thresholds, s.signal]);
      if (shaping(previous) !== shaping(next)) poller.refreshSoon();
      if (previous.market.refreshIntervalMs !== next.market.refreshIntervalMs) poller.reschedule();
      tellHealth();
    },

    waitForLiveSnapshot(timeoutMs) {
      return waiters.wait(timeoutMs, () => {
        const failure = running()?.poller.stats().lastFailure;
        const where = venueName(label());
        return new PremiaError(
          'unavailable',
          `No market data within ${Math.round(timeoutMs / 1000)} s: ${where} did not answer${failure ? ` (${failure.message})` : ''}.`,
        );
      });
    },

    async checkTrackable(assets) {
      if (assets.length === 0) return;
      const source = label();
      const venue = source === 'demo' ? 'the demo market' : venueName(source);
      const run = running();
      if (!run)
        throw notCheckable(
          assets,
          venue,
          ': no market data is running. Try again once it is.',
          'now',
        );
      await listingCheck(run.connection.gateway, assets, venue);
    },

    health: currentHealth,

    retryNow() {
      if (lifecycle.closed) return;
      const run = running();
      if (run) run.poller.retryNow();
      // No market runs: it could not be opened (or has not been started yet). Open it now.
      else lifecycle.reopen();
    },

    setPaused(pause) {
      paused = pause;
      const poller = running()?.poller;
      if (pause) poller?.pause();
      else poller?.resume();
      tellHealth();
    },

    historySource() {
      const run = running();
      return run ? { label: run.connection.label, gateway: run.connection.gateway } : null;
    },

    close: () =>
      lifecycle.close(async () => {
        await writer.flush();
        const opened = store;
        store = null;
        if (opened) await (await opened.catch(() => null))?.close();
      }),
  };

  const diagnostics: MarketDiagnostics = {
    demoMarketUrl: () => running()?.connection.diagnostics.demoMarketUrl ?? null,
    poller: () => running()?.poller ?? null,
    backfillIdle: async () => {
      await running()?.backfillIdle();
    },
    scannerFillIdle: async () => {
      await running()?.scanner.fillIdle();
    },
    startupTimeline: () => timeline.timeline(),
  };

  return { market, diagnostics };
}
