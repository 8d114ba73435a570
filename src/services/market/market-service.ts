// Market data for the app: connects to the market the settings choose (through a connector the
// composition root supplies: the demo simulator or a live venue), runs the poller, records every
// cycle, backfills newly seen assets, keeps the last snapshot on disk, answers history and
// calibration queries, and swaps the market when the settings change it.
import type { PremiaEvent } from '../../shared/api';
import { PremiaError } from '../../shared/errors';
import type {
  Calibration,
  CalibrationQuery,
  HistoryQuery,
  HistorySeries,
  MarketSnapshot,
} from '../../shared/market';
import type { Settings } from '../../shared/settings';
import type { Thresholds } from '../../shared/strategy';
import type { CcxtSource, ExchangeGateway, GatewayDiagnostics } from '../gateway';
import type { HistorySource, HistoryStoreOptions, SeriesData } from '../history';
import { downsampleMinMax, HistoryStore, HistoryStoreClosedError } from '../history';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { SerialQueue } from '../serial-queue';
import { settleWithin } from '../settle-within';
import type { NoticeBoard } from '../notices';
import type { BackfillQueue } from './backfill-queue';
import { createBackfillQueue } from './backfill-queue';
import { calibrateAsset } from './calibration';
import { gatewayHistorySource } from './history-source';
import { createSnapshotWriter, readLastSnapshot } from './last-snapshot';
import type { MarketHealth } from './market-health';
import { healthOf, MarketNotices, venueName } from './market-health';
import type { ReadOptions } from '../gateway';
import { MarketRecorder } from './market-recorder';
import type { MarketFeed, Poller, PollerTimers } from './poller';
import { createPoller } from './poller';
import { readPremiumHistory } from './premium-history';
import { readSettlements, thinSettlements } from './settlements';
import { createListingCheck, notCheckable } from './trackable';
import type { SourceLabel } from './series';
import { FIELD_OF_QUERY, marketSeriesKey } from './series';
import { DAY_MS } from '../../shared/time';

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
 * When each stage of the market's first start ended, in ms on the process's clock
 * (`performance.now()`, 0 at process start); null until the stage is reached.
 */
export interface StartupTimeline {
  /** `start()` was called. */
  startAt: number | null;
  /** The market was connected to: in demo mode, the simulator has started. */
  connectedAt: number | null;
  /** ccxt loaded and the venue's markets listed (the first discovery answered). */
  marketsLoadedAt: number | null;
  /** How long loading ccxt took, within the stage above, and what was loaded. */
  ccxtImportMs: number | null;
  ccxtSource: CcxtSource | null;
  /** The first cycle's quotes arrived. */
  firstQuotesAt: number | null;
  /** The first live snapshot was built and sent to the listeners (the UI). */
  firstSnapshotAt: number | null;
  /** The first backfill began (never before the first snapshot). */
  backfillStartAt: number | null;
}

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
  calibration(query: CalibrationQuery): Promise<Calibration>;
  /** Applies changed settings: a different market is swapped in, the rest apply on the next cycle. */
  settingsChanged(previous: Settings, next: Settings): void;
  /** The in-process simulator's base URL while the demo market runs. */
  demoMarketUrl(): string | null;
  /**
   * Resolves with the snapshot of the next cycle that brings quotes; rejects after `timeoutMs`, or at
   * once when the venue refuses this region.
   */
  waitForLiveSnapshot(timeoutMs: number): Promise<MarketSnapshot>;
  /**
   * Resolves when every one of `assets` can be tracked on the market that runs; otherwise refuses
   * with the reasons in words (`invalid-input`: not listed, with suggestions), or says why they
   * cannot be checked now (`unavailable`: no listing to be had). See `checkTrackable` below.
   */
  checkTrackable(assets: readonly string[]): Promise<void>;
  /** The running poller, if any (for the bench and the tests). */
  poller(): Poller | null;
  /** How the market data stands; null while no market runs. */
  health(): MarketHealth | null;
  /**
   * Asks the market again now: a cycle at once instead of the rest of the pause after failures (or
   * after a refused region), or a new attempt to open a market that could not be opened.
   */
  retryNow(): void;
  /** Resolves when no backfill is queued or running. */
  backfillIdle(): Promise<void>;
  /** How the first start went, stage by stage (for the bench and the log). */
  startupTimeline(): StartupTimeline;
  close(): Promise<void>;
}

/** The label of the market the settings choose. */
export function sourceLabelOf(market: Settings['market']): SourceLabel {
  return market.source === 'demo' ? 'demo' : market.exchange;
}

const DEFAULT_INTERVAL_HOURS = 8;
/** Longer than the poller's and the backfill's own waits (3 s and 2 s) together. */
const STOP_LIMIT_MS = 6_000;
/**
 * The poller's reads are not retried inside a cycle: the poller retries on its own schedule, and a
 * failure is then known (and shown) at once instead of after the gateway's retries and timeouts.
 */
const CYCLE_READS: ReadOptions = { retries: 0 };
/** How long after the first live snapshot the backfill waits before it begins. */
const BACKFILL_SETTLE_MS = 1_000;
const CALIBRATION_TTL_MS = 3_600_000;

interface LiveWaiter {
  resolve(snapshot: MarketSnapshot): void;
  reject(error: PremiaError): void;
}

interface Running {
  connection: MarketConnection;
  poller: Poller;
  recorder: MarketRecorder;
  backfill: BackfillQueue | null;
}

function toSeries(query: HistoryQuery, data: SeriesData): HistorySeries {
  return { asset: query.asset, series: query.series, t: Array.from(data.t), v: Array.from(data.v) };
}

/**
 * The history source with each page request held while a cycle's quotes are being fetched: backfill
 * shares the venue's rate limit with the poller, and must never make the quotes wait.
 */
function afterQuotes(source: HistorySource, quoting: () => Promise<unknown> | null): HistorySource {
  const clear = async (): Promise<void> => {
    for (let pending = quoting(); pending; pending = quoting())
      await pending.catch(() => undefined);
  };
  return {
    fetchFundingHistory: async (asset, since, until) => {
      await clear();
      return source.fetchFundingHistory(asset, since, until);
    },
    fetchPriceHistory: async (asset, since, until) => {
      await clear();
      return source.fetchPriceHistory(asset, since, until);
    },
  };
}

export async function createMarketService(options: MarketServiceOptions): Promise<MarketService> {
  const wallNow = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const writer = createSnapshotWriter(options.dataDir, logger.child('snapshot'));
  let saved = await readLastSnapshot(options.dataDir, logger);
  let running: Running | null = null;
  let store: Promise<HistoryStore> | null = null;
  const lifecycle = new SerialQueue((error) => logger.error('the market could not change', error));
  let starting: Promise<void> | null = null;
  let closed = false;
  /** Market time minus wall time at the last cycle (a simulator's market may run ahead). */
  let marketOffset = 0;
  const standing = new MarketNotices(options.notices, wallNow);
  let liveWaiters: LiveWaiter[] = [];
  /** The health last told to the listeners, as JSON, so only a change is told. */
  let toldHealth: string | undefined;
  /** Notices about one tracked asset (listed nowhere on the venue), by asset: they go with it. */
  const assetNotices = new Map<string, string>();
  const listingCheck = createListingCheck({ now: wallNow, read: CYCLE_READS });
  /** Settles once the last cycle's assets have been handed to the backfill queue. */
  let backfillQueued: Promise<void> = Promise.resolve();
  const calibrations = new Map<string, { at: number; key: string; value: Calibration }>();
  const timeline: StartupTimeline = {
    startAt: null,
    connectedAt: null,
    marketsLoadedAt: null,
    ccxtImportMs: null,
    ccxtSource: null,
    firstQuotesAt: null,
    firstSnapshotAt: null,
    backfillStartAt: null,
  };
  type Stage = 'startAt' | 'connectedAt' | 'marketsLoadedAt' | 'firstQuotesAt' | 'firstSnapshotAt';
  const reach = (stage: Stage): void => {
    timeline[stage] ??= performance.now();
  };

  const marketNow = (): number => wallNow() + marketOffset;
  const label = (): SourceLabel => sourceLabelOf(options.settings().market);

  function currentHealth(): MarketHealth | null {
    if (!running) return null;
    const intervalMs = options.settings().market.refreshIntervalMs;
    return healthOf(running.connection.label, running.poller.stats(), intervalMs);
  }

  function tellHealth(): void {
    const health = currentHealth();
    const json = JSON.stringify(health);
    if (json === toldHealth) return;
    toldHealth = json;
    options.emit({ type: 'market-health', health });
  }

  function openStore(): Promise<HistoryStore> {
    if (closed) return Promise.reject(new PremiaError('unavailable', 'Premia is shutting down.'));
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
    const shown = (running?.poller.snapshot() ?? saved)?.assets.find((a) => a.asset === asset);
    return shown?.perp?.fundingIntervalHours ?? DEFAULT_INTERVAL_HOURS;
  }

  function premiumKeys(source: SourceLabel, asset: string) {
    return {
      premium: marketSeriesKey(source, asset, 'premium'),
      funding: marketSeriesKey(source, asset, 'funding'),
      fundingInterval: marketSeriesKey(source, asset, 'funding-interval'),
    };
  }

  async function calibrationOf(asset: string, settings: Settings): Promise<Calibration> {
    const source = label();
    const key = JSON.stringify([
      source,
      settings.thresholds.fixed,
      settings.thresholds.historyK,
      settings.signal.averagingWindowDays,
    ]);
    const cached = calibrations.get(asset);
    if (cached && cached.key === key && wallNow() - cached.at < CALIBRATION_TTL_MS) {
      return cached.value;
    }
    const value = await calibrateAsset(await openStore(), premiumKeys(source, asset), {
      asset,
      settings,
      now: marketNow(),
      intervalHours: intervalHoursOf(asset),
    });
    calibrations.set(asset, { at: wallNow(), key, value });
    return value;
  }

  async function startRunning(): Promise<void> {
    const settings = options.settings();
    let connection: MarketConnection;
    try {
      connection = await options.connect(settings.market);
    } catch (error) {
      const message =
        error instanceof PremiaError ? error.message : 'The market could not be opened.';
      logger.error('the market could not be opened', error);
      options.notices.add({ level: 'error', message, at: wallNow() });
      return;
    }
    if (closed) {
      await connection.close();
      return;
    }
    reach('connectedAt');
    let historyStore: HistoryStore;
    try {
      historyStore = await openStore();
    } catch (error) {
      // Nothing will run on the connection: let the in-process simulator go.
      await connection.close().catch(() => undefined);
      throw error;
    }
    const source = connection.label;
    const recorder = new MarketRecorder(historyStore, source, logger.child('history'));
    const gateway = connection.gateway;
    /** The cycle's request in flight, which backfill pages wait out: quotes come first. */
    let quoting: Promise<unknown> | null = null;
    const feed: MarketFeed = {
      async discover(assets) {
        const found = await gateway.discover(assets, CYCLE_READS);
        if (timeline.marketsLoadedAt === null) {
          reach('marketsLoadedAt');
          timeline.ccxtImportMs = connection.diagnostics.gateway.ccxtImportMs();
          timeline.ccxtSource = connection.diagnostics.gateway.ccxtSource();
        }
        return found;
      },
      async fetchMarketData(assets) {
        const request = gateway.fetchMarketData(assets, CYCLE_READS);
        quoting = request;
        try {
          const cycle = await request;
          reach('firstQuotesAt');
          return cycle;
        } finally {
          if (quoting === request) quoting = null;
        }
      },
      reloadMarkets: () => gateway.reloadMarkets(CYCLE_READS),
    };
    const backfill =
      options.backfill === false
        ? null
        : createBackfillQueue({
            store: historyStore,
            source: afterQuotes(gatewayHistorySource(gateway), () => quoting),
            label: source,
            now: marketNow,
            wallNow,
            lookbackMs: options.backfillLookbackMs,
            fundingIntervalHours: intervalHoursOf,
            onProgress: (progress) => options.emit({ type: 'backfill', progress }),
            onDone: (asset) => {
              recorder.invalidate(asset);
              calibrations.delete(asset);
            },
            logger: logger.child('backfill'),
          });
    const initial = saved && saved.source === source ? saved : null;
    const poller = createPoller({
      feed,
      source,
      settings: options.settings,
      now: wallNow,
      timers: options.timers,
      initial,
      maxBackoffMs: options.maxBackoffMs,
      logger: logger.child('poller'),
      settledFunding: (asset, from, to, hours) => recorder.settledFunding(asset, from, to, hours),
      historyThresholds: async (asset, s): Promise<Thresholds | null> =>
        (await calibrationOf(asset, s)).fromHistory,
      onSnapshot: (snapshot) => {
        // The UI first: the copy on disk can wait a moment.
        options.emit({ type: 'snapshot', snapshot });
        writer.save(snapshot);
      },
      onCycle: ({ cycle, snapshot, marketNow: at }) => {
        const firstLive = timeline.firstSnapshotAt === null;
        if (firstLive) reach('firstSnapshotAt');
        marketOffset = at - snapshot.at;
        standing.refusedChanged(null);
        recorder.record(cycle, snapshot, at);
        const waiters = liveWaiters;
        liveWaiters = [];
        for (const waiter of waiters) waiter.resolve(snapshot);
        const fresh = snapshot.assets.filter((a) => a.receivedAt === snapshot.at);
        if (backfill && fresh.length > 0) {
          // Never ahead of the snapshot on its way to the UI, nor of the calls a UI makes once it
          // shows the first live data (the demo market computes a page of history on this thread).
          const delayMs = firstLive ? BACKFILL_SETTLE_MS : 0;
          backfillQueued = new Promise((resolve) => {
            const queue = () => {
              if (running?.backfill === backfill) {
                timeline.backfillStartAt ??= performance.now();
                for (const a of fresh) backfill.request(a.asset);
              }
              resolve();
            };
            if (delayMs === 0) setImmediate(queue);
            else if (options.timers) options.timers.setTimeout(queue, delayMs);
            else setTimeout(queue, delayMs).unref();
          });
        }
        if (firstLive) logger.info('first live market data', timeline);
      },
      onStateChange: () => {
        // The poller is told before `running` holds it, on its first schedule.
        if (running?.poller) tellHealth();
      },
      onHalt: (failure) => {
        standing.refusedChanged(failure);
        // No cycle will come: whoever waits for one is told why at once.
        const waiters = liveWaiters;
        liveWaiters = [];
        for (const waiter of waiters)
          waiter.reject(new PremiaError('unavailable', failure.message));
      },
      onUnlisted: (asset) => {
        const notice = options.notices.add({
          level: 'warning',
          message: `${venueName(source)} lists no spot pair, perpetual or dated future for ${asset}.`,
          at: wallNow(),
        });
        assetNotices.set(asset, notice.id);
      },
    });
    running = { connection, poller, recorder, backfill };
    poller.start();
    tellHealth();
  }

  async function stopRunning(): Promise<void> {
    const current = running;
    running = null;
    if (!current) return;
    await current.poller.stop();
    await current.backfill?.cancel();
    const last = current.poller.snapshot();
    if (last) saved = last;
    await current.connection.close().catch((error: unknown) => {
      logger.warn('the market connection did not close cleanly', error);
    });
    standing.clear();
    // What the market said of an asset was that market's: the next one tells its own.
    dropAssetNotices(() => true);
    tellHealth();
  }

  function dropAssetNotices(which: (asset: string) => boolean): void {
    const dropped: string[] = [];
    for (const [asset, id] of [...assetNotices]) {
      if (!which(asset)) continue;
      options.notices.dismiss(id);
      assetNotices.delete(asset);
      dropped.push(asset);
    }
    running?.poller.forgetUnlisted(dropped);
  }

  function enqueue(step: () => Promise<void>): Promise<void> {
    return lifecycle.run(step);
  }

  return {
    start() {
      reach('startAt');
      starting ??= enqueue(async () => {
        if (!closed && !running) await startRunning();
      });
      return starting;
    },

    snapshot() {
      const live = running?.poller.snapshot();
      if (live) return live;
      return saved && saved.source === label() ? saved : null;
    },

    async history(query) {
      const source = label();
      let historyStore: HistoryStore;
      try {
        historyStore = await openStore();
        const settings = options.settings();
        const from = query.from;
        const to = query.to;
        let data: SeriesData;
        if (query.series === 'premium') {
          data = await readPremiumHistory(historyStore, premiumKeys(source, query.asset), {
            ...(from !== undefined ? { from } : {}),
            ...(to !== undefined ? { to } : {}),
            windowMs: settings.signal.averagingWindowDays * DAY_MS,
            intervalHours: intervalHoursOf(query.asset),
          });
          if (query.maxPoints !== undefined) data = downsampleMinMax(data, query.maxPoints);
        } else if (query.series === 'funding') {
          let settled = await readSettlements(historyStore, premiumKeys(source, query.asset), {
            ...(from !== undefined ? { from } : {}),
            ...(to !== undefined ? { to } : {}),
            fallbackHours: intervalHoursOf(query.asset),
          });
          if (query.maxPoints !== undefined) settled = thinSettlements(settled, query.maxPoints);
          return { ...toSeries(query, settled), intervalHours: Array.from(settled.h) };
        } else {
          data = await historyStore.read(
            marketSeriesKey(source, query.asset, FIELD_OF_QUERY[query.series]),
            {
              ...(from !== undefined ? { from } : {}),
              ...(to !== undefined ? { to } : {}),
              ...(query.maxPoints !== undefined ? { maxPoints: query.maxPoints } : {}),
            },
          );
        }
        return toSeries(query, data);
      } catch (error) {
        if (error instanceof HistoryStoreClosedError) {
          throw new PremiaError('unavailable', 'Premia is shutting down.');
        }
        throw error;
      }
    },

    async calibration(query) {
      return calibrationOf(query.asset, options.settings());
    },

    settingsChanged(previous, next) {
      if (closed) return;
      if (sourceLabelOf(previous.market) !== sourceLabelOf(next.market)) {
        calibrations.clear();
        if (starting) {
          // A failed swap is logged by the queue; the promise is not waited on.
          enqueue(async () => {
            await stopRunning();
            if (!closed) await startRunning();
          }).catch(() => undefined);
        }
        return;
      }
      // An asset no longer tracked takes what was said about it along.
      dropAssetNotices((asset) => !next.assets.tracked.includes(asset));
      const poller = running?.poller;
      if (!poller) return;
      const tracked = (s: Settings) => s.assets.tracked.join(',');
      if (tracked(previous) !== tracked(next)) poller.refreshSoon();
      if (previous.market.refreshIntervalMs !== next.market.refreshIntervalMs) poller.reschedule();
      tellHealth();
    },

    demoMarketUrl: () => running?.connection.diagnostics.demoMarketUrl ?? null,

    waitForLiveSnapshot(timeoutMs) {
      return new Promise<MarketSnapshot>((resolve, reject) => {
        const timer = setTimeout(() => {
          liveWaiters = liveWaiters.filter((w) => w !== waiter);
          const failure = running?.poller.stats().lastFailure;
          const where = venueName(label());
          reject(
            new PremiaError(
              'unavailable',
              `No market data within ${Math.round(timeoutMs / 1000)} s: ${where} did not answer${failure ? ` (${failure.message})` : ''}.`,
            ),
          );
        }, timeoutMs);
        const waiter: LiveWaiter = {
          resolve: (snapshot) => {
            clearTimeout(timer);
            resolve(snapshot);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        liveWaiters.push(waiter);
      });
    },

    async checkTrackable(assets) {
      if (assets.length === 0) return;
      const source = label();
      const venue = source === 'demo' ? 'the demo market' : venueName(source);
      if (!running)
        throw notCheckable(
          assets,
          venue,
          ': no market data is running. Try again once it is.',
          'now',
        );
      await listingCheck(running.connection.gateway, assets, venue);
    },

    poller: () => running?.poller ?? null,

    health: currentHealth,

    retryNow() {
      if (closed) return;
      if (running) {
        running.poller.retryNow();
        return;
      }
      // No market runs: it could not be opened (or has not been started yet). Open it now.
      if (starting) {
        enqueue(async () => {
          if (!closed && !running) await startRunning();
        }).catch(() => undefined);
      }
    },

    backfillIdle: async () => {
      await backfillQueued;
      await running?.backfill?.idle();
    },

    startupTimeline: () => ({ ...timeline }),

    close() {
      if (closed) return lifecycle.idle();
      closed = true;
      return enqueue(async () => {
        // However the market's parts stop (a venue that never answers), the snapshot and the
        // history are saved and the store closed within a bounded time.
        const stopping = stopRunning().catch((error: unknown) => {
          logger.warn('the market did not stop cleanly', error);
        });
        const limitMs = options.stopLimitMs ?? STOP_LIMIT_MS;
        if (!(await settleWithin(stopping, limitMs))) {
          logger.warn(`the market had not stopped after ${limitMs} ms; closing without it`);
        }
        await writer.flush();
        const opened = store;
        store = null;
        if (opened) await (await opened.catch(() => null))?.close();
      });
    },
  };
}
