// The composition root: takes the data folder's lock, opens the stores, connects the market (the
// in-process simulator in demo mode, a venue's public data when live) and implements the one API over
// them, for whichever host (the Electron main process or the headless host) carries it to the UI.
// Market data starts as soon as the host has finished its own start-up: no answer to the UI waits on
// it, and the last saved snapshot (marked stale) is served until the first live one.
import { join } from 'node:path';
import type { z } from 'zod';
import { evaluateQuote } from '../core';
import type { ApiMethod, AppInfo, PremiaApi, PremiaEvent, QuoteInput } from '../shared/api';
import { apiInputSchemas } from '../shared/api';
import { PremiaError, invalidInput } from '../shared/errors';
import type { MarketSnapshot } from '../shared/market';
import { isDemoMarket, type Settings, type SettingsPatch } from '../shared/settings';
// The control token's rules only, not the simulator: that loads when demo mode starts.
import { controlTokenFromEnv, SIM_CONTROL_TOKEN_ENV } from '../sim/control-token';
import type { AlertNotifier, AlertService } from './alerts';
import { openAlertService } from './alerts';
import type { DataLock } from './data-lock';
import { acquireDataLock } from './data-lock';
import type { ExchangeGatewayOptions } from './gateway';
import {
  createExchangeGateway,
  createListingCache,
  listingCachePath,
  preloadExchange,
} from './gateway';
import type { HistoryStoreOptions } from './history';
import type { Logger } from './logger';
import { createLogger, logLevelFromEnv } from './logger';
import type { ConnectMarket, MarketDiagnostics, MarketService, PollerTimers } from './market';
import { createMarketService, sourceLabelOf } from './market';
import { NoticeBoard } from './notices';
import { startAppLink } from './app-link';
import type { PortfolioParts, PortfolioPartsTuning } from './portfolio-parts';
import { openPortfolioParts, PORTFOLIO_METHODS } from './portfolio-parts';
import { openBacktestParts } from './backtest-parts';
import type { ExecutionParts } from './execution-parts';
import { openExecutionParts } from './execution-parts';
import type { Planner, PlanService } from './plans';
import { createPlanService } from './plans';
import { applySettingsPatch, openSettingsStore } from './settings-store';
import type { KeyKeeper } from './vault';
import { keyKeeperFor } from './vault';

export { SIM_CONTROL_TOKEN_ENV };

/** Seed of a fresh demo market (a saved one keeps its own). */
export const DEMO_SEED = 20_240_521;
/** Pins the in-process simulator's port, so a test in another process knows where to reach it. */
export const SIM_PORT_ENV = 'PREMIA_SIM_PORT';
/** Where the demo market keeps its state, inside the data folder. */
export const SIM_DIR_NAME = 'sim';

export interface MarketOptions {
  /**
   * When market data starts. `auto` (default, the desktop app): right after the services open,
   * once the caller's own start-up (creating the window) has run on, so the first live data comes
   * as early as it can. Its steps are imports and requests that yield to the UI's calls in
   * between; the longest step that does not (compiling ccxt's venue class) takes about 0.1 s.
   * `manual`: only on `startMarket()` — the headless host, which serves the page from this same
   * thread, calls it once a page has painted. `off`: never.
   */
  start?: 'auto' | 'manual' | 'off';
  /** Backfill newly seen assets' history (default true). */
  backfill?: boolean;
  /** Gateway settings for tests: timeouts, retries, the limiter's spacing, the fetch used. */
  gateway?: Pick<ExchangeGatewayOptions, 'timeoutMs' | 'rateLimitMs' | 'retry' | 'fetch'>;
  maxBackoffMs?: number;
  timers?: PollerTimers;
  history?: HistoryStoreOptions;
  /** Between the carry scanner's per-perpetual history requests (default 3 s; tests make it 0). */
  scannerFillSpacingMs?: number;
  /** Fill the carry scanner's last 30 days of funding from the venue (default: as `backfill`). */
  scannerFill?: boolean;
}

export interface AppServicesOptions {
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  now?: () => number;
  logger?: Logger;
  market?: MarketOptions;
  /** Where PREMIA_SIM_PORT and PREMIA_SIM_CONTROL_TOKEN are read (default process.env). */
  env?: Record<string, string | undefined>;
  /**
   * Where "remember on this device" keeps the vault's key: the desktop app's keeper asks main's
   * safeStorage; by default (the headless host) nothing is remembered.
   */
  keyKeeper?: KeyKeeper;
  /** The portfolio's timers, key-derivation cost and gateway settings, for tests. */
  portfolio?: PortfolioPartsTuning;
  /** Answer the API on the data folder's app link for the CLI (default true). */
  appLink?: boolean;
  /** Shows raised alerts as system notifications (the desktop app's main); none by default. */
  notifier?: AlertNotifier;
  /** The rebalance planner (tests give a small one). */
  planner?: Planner;
  /** Every wait of an execution (between a second leg's tries); real time by default, tests pass their own. */
  sleep?: (ms: number) => Promise<void>;
}

export interface AppServices {
  api: PremiaApi;
  /** Hears every event the UI should see; returns the function that stops listening. */
  onEvent(listener: (event: PremiaEvent) => void): () => void;
  /** Starts market data now (with `market.start` manual, or sooner than auto would). */
  startMarket(): Promise<void>;
  /** The snapshot of the next cycle that brings quotes; an `unavailable` PremiaError after the timeout. */
  waitForMarketSnapshot(timeoutMs: number): Promise<MarketSnapshot>;
  /** What the bench and the tests look at in the market; no host uses it. */
  readonly diagnostics: MarketDiagnostics;
  /** Finishes pending writes, stops the market and releases the data folder; safe to call more than once. */
  close(): Promise<void>;
}

/** The port PREMIA_SIM_PORT pins, or 0 (any free port) when it is unset. */
export function simPortFromEnv(env: Record<string, string | undefined>): number {
  const raw = env[SIM_PORT_ENV]?.trim();
  if (raw === undefined || raw === '') return 0;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new PremiaError(
      'invalid-input',
      `${SIM_PORT_ENV} must be a port number from 0 to 65535 (got "${raw}").`,
    );
  }
  return port;
}

/**
 * The token PREMIA_SIM_CONTROL_TOKEN sets, which turns the demo market's HTTP control interface on
 * (for a test in another process); undefined, and the interface off, when it is unset.
 */
export function simControlTokenFromEnv(
  env: Record<string, string | undefined>,
): string | undefined {
  try {
    return controlTokenFromEnv(env);
  } catch (error) {
    throw new PremiaError('invalid-input', `${(error as Error).message}.`);
  }
}

function listenProblem(error: unknown, port: number): PremiaError | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new PremiaError(
      'unavailable',
      `The demo market could not start: port ${port} (${SIM_PORT_ENV}) is in use.`,
    );
  }
  return null;
}

/**
 * The portfolio's methods with their input checked here, as every other method's is, whichever
 * transport delivered the call.
 */
function portfolioApi(parts: PortfolioParts): Pick<PremiaApi, (typeof PORTFOLIO_METHODS)[number]> {
  const checked = {} as Record<string, (input?: unknown) => Promise<unknown>>;
  for (const method of PORTFOLIO_METHODS) {
    const call = parts.api[method] as (input?: unknown) => Promise<unknown>;
    checked[method] = async (input?: unknown) => call(parseInput(method, input));
  }
  return checked as unknown as Pick<PremiaApi, (typeof PORTFOLIO_METHODS)[number]>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type ApiInputOf<M extends ApiMethod> = z.output<(typeof apiInputSchemas)[M]>;

/**
 * The method's input checked against its schema. The transports check too; this check is the one
 * that holds whichever transport (or none, in tests and the CLI) delivered the call.
 */
function parseInput<M extends ApiMethod>(method: M, input: unknown): ApiInputOf<M> {
  // TypeScript cannot narrow the schema union by a generic key; the table pairs each method with
  // its own schema, so the cast states what `satisfies` in the contract already checked.
  const schema = apiInputSchemas[method] as unknown as z.ZodType<ApiInputOf<M>>;
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger({ level: logLevelFromEnv(process.env, 'warn') });
  const env = options.env ?? process.env;
  const demoMarket: DemoMarketOptions = {
    port: simPortFromEnv(env),
    controlToken: simControlTokenFromEnv(env),
  };
  const lock = await acquireDataLock(options.dataDir, { now });
  try {
    return await openServices(options, now, logger, demoMarket, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** How the in-process simulator is started in demo mode, as the environment sets it. */
interface DemoMarketOptions {
  port: number;
  controlToken: string | undefined;
}

async function openServices(
  options: AppServicesOptions,
  now: () => number,
  logger: Logger,
  demoMarket: DemoMarketOptions,
  lock: DataLock,
): Promise<AppServices> {
  const listeners = new Set<(event: PremiaEvent) => void>();
  let closing: Promise<void> | null = null;

  // Opened once the market service exists; it hears the market's snapshots through `emit`.
  let portfolio: PortfolioParts | null = null;
  // Opened before the market: it hears every snapshot and portfolio view through `emit`.
  let alerts: AlertService | null = null;

  // Declared before the events that reach it once it exists.
  let execution: ExecutionParts | null = null;
  const emit = (event: PremiaEvent): void => {
    if (event.type === 'snapshot') {
      portfolio?.snapshotChanged();
      alerts?.snapshotChanged(event.snapshot);
    }
    if (event.type === 'portfolio') alerts?.portfolioChanged(event.portfolio);
    execution?.eventSeen(event);
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener (a closed window, a dropped socket) must not starve the others.
        logger.error(`an event listener failed on a '${event.type}' event`, error);
      }
    }
  };

  const notices = new NoticeBoard();
  const stopNotices = notices.subscribe((change) => {
    if (change.kind === 'added') emit({ type: 'notice', notice: change.notice });
    else emit({ type: 'notice-dismissed', id: change.notice.id });
  });
  const settings = await openSettingsStore({
    dataDir: options.dataDir,
    now,
    notices,
    logger: logger.child('settings'),
  });

  try {
    alerts = await openAlertService({
      dataDir: options.dataDir,
      now,
      settings: () => settings.get(),
      emit,
      tell: (message) => notices.add({ level: 'warning', message, at: now() }),
      logger: logger.child('alerts'),
      notifier: options.notifier,
    });
  } catch (error) {
    stopNotices();
    await settings.close();
    throw error;
  }
  const alertService = alerts;

  const marketOptions = options.market ?? {};
  // The venue's market list, kept between starts per venue and environment (quotes start from it).
  const listingCache = (venue: string, environment: 'live' | 'simulator') =>
    createListingCache({
      file: listingCachePath(options.dataDir, venue, environment),
      logger: logger.child('markets'),
    });
  const connect: ConnectMarket = async (market) => {
    const gatewayOptions = marketOptions.gateway ?? {};
    if (market.source === 'demo') {
      // Demo mode speaks binance's dialect; the simulator is loaded only when it is the market.
      // ccxt loads meanwhile: both imports wait mostly on the disk, not on each other.
      preloadExchange('binance');
      const { startSimulator } = await import('../sim');
      const sim = await startSimulator({
        port: demoMarket.port,
        dataDir: join(options.dataDir, SIM_DIR_NAME),
        seed: DEMO_SEED,
        controlToken: demoMarket.controlToken,
        onError: (message) => logger.child('sim').warn(message),
      }).catch((error: unknown) => {
        throw listenProblem(error, demoMarket.port) ?? error;
      });
      if (sim.recovered) {
        notices.add({
          level: 'warning',
          message: `The demo market's saved state could not be read, so it started afresh (${sim.recovered}).`,
          at: now(),
        });
      }
      const { gateway, diagnostics } = createExchangeGateway({
        ...gatewayOptions,
        exchange: 'binance',
        redirectTo: sim.url,
        venueName: 'the demo market',
        listingCache: listingCache('binance', 'simulator'),
      });
      // The demo portfolio is an account on this market, made and synced beside the first cycle
      // rather than before it; a failure to make it leaves the market up.
      const demoAccess = {
        url: sim.url,
        mintKey: (o: { portfolio: 'demo' }) => sim.control.mintKey(o),
        knowsKey: (apiKey: string) => sim.control.knowsKey(apiKey),
      };
      void portfolio?.demoMarketStarted(demoAccess).catch((error: unknown) => {
        logger.error('the demo portfolio could not be set up', error);
        notices.add({
          level: 'warning',
          message: `The demo portfolio could not be set up on the demo market: ${errorText(error)}`,
          at: now(),
        });
      });
      return {
        label: 'demo',
        gateway,
        close: () => {
          portfolio?.demoMarketStopped();
          return sim.close();
        },
        diagnostics: { gateway: diagnostics, demoMarketUrl: sim.url },
      };
    }
    // Public market data needs no keys.
    const { gateway, diagnostics } = createExchangeGateway({
      ...gatewayOptions,
      exchange: market.exchange,
      listingCache: listingCache(market.exchange, 'live'),
    });
    return {
      label: market.exchange,
      gateway,
      close: async () => undefined,
      diagnostics: { gateway: diagnostics, demoMarketUrl: null },
    };
  };

  let market: MarketService;
  let diagnostics: MarketDiagnostics;
  try {
    ({ market, diagnostics } = await createMarketService({
      dataDir: options.dataDir,
      settings: () => settings.get(),
      connect,
      notices,
      emit,
      now,
      timers: marketOptions.timers,
      backfill: marketOptions.backfill,
      scannerFillSpacingMs: marketOptions.scannerFillSpacingMs,
      scannerFill: marketOptions.scannerFill,
      maxBackoffMs: marketOptions.maxBackoffMs,
      history: marketOptions.history,
      logger: logger.child('market'),
    }));
  } catch (error) {
    await alertService.close();
    stopNotices();
    await settings.close();
    throw error;
  }

  try {
    portfolio = await openPortfolioParts({
      ...options.portfolio,
      dataDir: options.dataDir,
      now,
      logger,
      settings: () => settings.get(),
      snapshot: () => market.snapshot(),
      historyStore: () => market.historyStore(),
      notices,
      emit,
      keyKeeper: options.keyKeeper ?? keyKeeperFor({ host: 'browser', dataDir: options.dataDir }),
      gateway: options.portfolio?.gateway ?? marketOptions.gateway,
    });
  } catch (error) {
    await market.close();
    await alertService.close();
    stopNotices();
    await settings.close();
    throw error;
  }
  const parts = portfolio;

  let plans: PlanService;
  try {
    const sources = parts.planSources();
    plans = await createPlanService({
      dataDir: options.dataDir,
      now,
      logger: logger.child('plans'),
      tell: (message) => notices.add({ level: 'warning', message, at: now() }),
      settings: () => settings.get(),
      snapshot: () => market.snapshot(),
      holdings: sources.holdings,
      gateway: sources.gateway,
      vault: sources.vault,
      fundingHistory: (asset, from) => market.history({ asset, series: 'funding', from }),
      emit,
      planner: options.planner,
    });
  } catch (error) {
    await parts.close();
    await market.close();
    stopNotices();
    await settings.close();
    throw error;
  }

  try {
    execution = await openExecutionParts({
      dataDir: options.dataDir,
      now,
      logger: logger.child('execution'),
      notices,
      settings: () => settings.get(),
      plans,
      portfolio: parts,
      alerts: alertService,
      emit,
      sleep: options.sleep,
    });
  } catch (error) {
    await plans.close();
    await parts.close();
    await market.close();
    stopNotices();
    await settings.close();
    throw error;
  }
  const executor = execution.service;
  const backtests = openBacktestParts({ market, emit });
  const executionParts = execution;

  const settingsChanged = (before: Settings, after: Settings): void => {
    try {
      market.settingsChanged(before, after);
      parts.settingsChanged();
      alertService.settingsChanged();
    } catch (error) {
      logger.error('the market could not follow the new settings', error);
    }
  };

  /**
   * Refuses a patch that starts tracking an asset the market does not list, before anything is
   * saved. A patch the settings refuse anyway is left to them (their refusal says why); one that
   * also changes the market is checked by that market once it runs, which tells of an asset it does
   * not list.
   */
  async function checkNewAssets(before: Settings, patch: SettingsPatch): Promise<void> {
    let after: Settings;
    try {
      after = applySettingsPatch(before, patch);
    } catch {
      return;
    }
    if (sourceLabelOf(after.market) !== sourceLabelOf(before.market)) return;
    const added = after.assets.tracked.filter((asset) => !before.assets.tracked.includes(asset));
    await market.checkTrackable(added);
  }

  const api: PremiaApi = {
    async getAppInfo(input?: unknown): Promise<AppInfo> {
      parseInput('getAppInfo', input);
      // No exchange accounts exist yet: the demo market is in use unless live data is chosen.
      return {
        version: options.version,
        host: options.host,
        demo: isDemoMarket(settings.get()),
        notices: notices.list(),
      };
    },

    async getSettings(input?: unknown) {
      parseInput('getSettings', input);
      return settings.get();
    },

    async updateSettings(patch: SettingsPatch) {
      parseInput('updateSettings', patch);
      const before = settings.get();
      await checkNewAssets(before, patch);
      const updated = await settings.update(patch);
      emit({ type: 'settings', settings: updated });
      settingsChanged(before, updated);
      return updated;
    },

    async resetSettings(input?: unknown) {
      parseInput('resetSettings', input);
      const before = settings.get();
      const updated = await settings.reset();
      emit({ type: 'settings', settings: updated });
      settingsChanged(before, updated);
      return updated;
    },

    async dismissNotice(id: string) {
      notices.dismiss(parseInput('dismissNotice', id));
    },

    async evaluateQuote(input: QuoteInput) {
      const quote = parseInput('evaluateQuote', input);
      try {
        return evaluateQuote(quote, settings.get());
      } catch (error) {
        // The schema admits every finite positive number; a few combinations still overflow (a
        // compounded premium over a very short time), and the engine refuses them with a RangeError.
        if (error instanceof RangeError) throw new PremiaError('invalid-input', error.message);
        throw error;
      }
    },

    async getSnapshot(input?: unknown) {
      parseInput('getSnapshot', input);
      // The live snapshot, or the last one saved (every asset stale) until the first cycle.
      return market.snapshot();
    },

    async getMarketHealth(input?: unknown) {
      parseInput('getMarketHealth', input);
      return market.health();
    },

    async retryMarket(input?: unknown) {
      parseInput('retryMarket', input);
      market.retryNow();
      return market.health();
    },

    async setMarketPaused(paused) {
      market.setPaused(parseInput('setMarketPaused', paused));
      return market.health();
    },

    async getHistory(query) {
      return market.history(parseInput('getHistory', query));
    },

    async getCalibration(query) {
      return market.calibration(parseInput('getCalibration', query));
    },

    async getPastTermStructures(query) {
      return market.pastTermStructures(parseInput('getPastTermStructures', query));
    },

    ...portfolioApi(parts),

    async createPlan(request) {
      return plans.createPlan(parseInput('createPlan', request));
    },
    async getPlan(id) {
      return plans.getPlan(parseInput('getPlan', id));
    },
    async listPlans(input?: unknown) {
      parseInput('listPlans', input);
      return plans.listPlans();
    },

    async executePlan(input) {
      return executor.executePlan(parseInput('executePlan', input).planId);
    },
    async getExecution(planId) {
      return executor.getExecution(parseInput('getExecution', planId));
    },
    async listOpenOrders(input?: unknown) {
      parseInput('listOpenOrders', input);
      return executor.listOpenOrders();
    },
    async cancelOrder(input) {
      return executor.cancelOrder(parseInput('cancelOrder', input));
    },
    async getJournal(query) {
      return executor.journal(parseInput('getJournal', query));
    },
    async exportJournalCsv(input?: unknown) {
      parseInput('exportJournalCsv', input);
      return executor.journalCsv();
    },

    async downloadBacktestHistory(input) {
      return backtests.download(parseInput('downloadBacktestHistory', input).assets);
    },
    async cancelBacktestHistory(input?: unknown) {
      parseInput('cancelBacktestHistory', input);
      backtests.cancel();
    },
    async runBacktest(request) {
      return backtests.run(parseInput('runBacktest', request));
    },
    async runBacktestSweep(input) {
      return backtests.sweep(parseInput('runBacktestSweep', input));
    },
    async cancelBacktestSweep(input?: unknown) {
      parseInput('cancelBacktestSweep', input);
      backtests.cancelSweep();
    },

    async listAlerts(input?: unknown) {
      parseInput('listAlerts', input);
      return alertService.view();
    },

    async acknowledgeAlert(id: string) {
      const parsed = parseInput('acknowledgeAlert', id);
      // An unhedged exposure acknowledged is one the user dealt with by hand: Premia stops raising
      // it and never trades its pair on its own again. Its alert then clears.
      const alert = alertService.view().active.find((a) => a.id === parsed);
      if (alert?.kind === 'unhedged') await executor.resolveExposure(alert.cause);
      const view = await alertService.acknowledge(parsed);
      await alertService.idle();
      return alert?.kind === 'unhedged' ? alertService.view() : view;
    },

    async getCarryScanner(input?: unknown) {
      parseInput('getCarryScanner', input);
      return market.carryScanner();
    },
  };

  const link =
    options.appLink === false
      ? null
      : await startAppLink({
          dataDir: options.dataDir,
          api,
          logger: logger.child('app-link'),
          version: options.version,
          onEvent: (listener) => {
            listeners.add(listener);
            return () => {
              listeners.delete(listener);
            };
          },
        }).catch((error: unknown) => {
          // The app works without it; only the CLI cannot reach it then, and says so.
          logger.error('the app link for the command line could not start', error);
          return null;
        });

  // Once the services are open, app link included, and after the caller's synchronous start-up and
  // its pending I/O callbacks: the window is created, the server listens, then the simulator and
  // ccxt load.
  let startTimer: ReturnType<typeof setImmediate> | null = null;
  if ((marketOptions.start ?? 'auto') === 'auto') {
    startTimer = setImmediate(() => {
      startTimer = null;
      // Nobody waits on this start: a failure is logged here rather than left unhandled, which
      // would end the process.
      if (!closing) {
        market.start().catch((error: unknown) => {
          logger.error('the market could not start', error);
        });
      }
    });
  }

  return {
    api,
    diagnostics,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    startMarket() {
      if (closing)
        return Promise.reject(new PremiaError('unavailable', 'Premia is shutting down.'));
      if (startTimer) clearImmediate(startTimer);
      startTimer = null;
      return market.start();
    },
    waitForMarketSnapshot: (timeoutMs) => market.waitForLiveSnapshot(timeoutMs),
    close() {
      closing ??= (async () => {
        if (startTimer) clearImmediate(startTimer);
        startTimer = null;
        try {
          await link?.close().catch((error: unknown) => {
            logger.error('the app link did not close cleanly', error);
          });
          // A download of history stops between pages; what came is kept.
          backtests.cancel();
          // First: a running execution finishes its step (and its journal records) before anything
          // it reads from closes.
          await executionParts.close().catch((error: unknown) => {
            logger.error('the execution of plans did not close cleanly', error);
          });
          await plans.close().catch((error: unknown) => {
            logger.error('the saved plans did not close cleanly', error);
          });
          // Before the market: the portfolio records its value into the market's history store.
          await parts.close().catch((error: unknown) => {
            logger.error('the portfolio did not close cleanly', error);
          });
          try {
            await market.close();
          } catch (error) {
            logger.error('the market did not close cleanly', error);
          }
          // After the market and the portfolio: their last events may still judge alerts.
          await alertService.close().catch((error: unknown) => {
            logger.error('the alerts did not close cleanly', error);
          });
          stopNotices();
          await settings.close();
          listeners.clear();
        } finally {
          // Whatever failed above, the folder is free for the next Premia.
          await lock.release();
        }
      })();
      return closing;
    },
  };
}
