// The market's life, one step at a time: opened when first asked (a market that could not be opened
// is tried again when asked), swapped for another when the settings choose another, and stopped on
// close within a bounded time, whatever the venue does, before what remains is saved.
import type { MarketSnapshot } from '../../shared/market';
import { PremiaError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import type { HistoryStore } from '../history';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';
import { SerialQueue } from '../serial-queue';
import { settleWithin } from '../settle-within';
import type { StartupTimelineRecorder } from './market-diagnostics';
import type { ConnectMarket, MarketConnection, MarketRun, RunContext } from './market-run';
import { openMarketRun } from './market-run';

export interface MarketLifecycleOptions {
  settings: () => Settings;
  connect: ConnectMarket;
  notices: NoticeBoard;
  wallNow: () => number;
  logger: Logger;
  timeline: StartupTimelineRecorder;
  /** How long `close` waits for the market to stop before it saves and closes without it. */
  stopLimitMs: number;
  /** The history store every run records into (opened on first use). */
  openStore(): Promise<HistoryStore>;
  /** What every run is given. */
  runContext: Omit<RunContext, 'initial'>;
  /** The last snapshot kept: a run of its market starts from it. */
  saved(): MarketSnapshot | null;
  /** Whether polling is paused: a run starts paused then, saying nothing of a first cycle. */
  paused(): boolean;
  /** Keeps the last snapshot of a run that stopped. */
  keep(snapshot: MarketSnapshot): void;
  /** A run started, or one stopped (what it said stands no longer). */
  onStarted(): void;
  onStopped(): void;
}

export class MarketLifecycle {
  readonly #options: MarketLifecycleOptions;
  readonly #queue: SerialQueue;
  #running: MarketRun | null = null;
  #starting: Promise<void> | null = null;
  #closed = false;

  constructor(options: MarketLifecycleOptions) {
    this.#options = options;
    this.#queue = new SerialQueue((error) =>
      options.logger.error('the market could not change', error),
    );
  }

  /** The market running now, if any. */
  get running(): MarketRun | null {
    return this.#running;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Connects and starts the market; later calls join the first. */
  start(): Promise<void> {
    this.#options.timeline.reach('startAt');
    this.#starting ??= this.#queue.run(async () => {
      if (!this.#closed && !this.#running) await this.#startRunning();
    });
    return this.#starting;
  }

  /** The settings chose another market: the one running stops, and the new one starts. */
  swap(): void {
    if (this.#closed || !this.#starting) return;
    // A failed swap is logged by the queue; the promise is not waited on.
    this.#queue
      .run(async () => {
        await this.#stopRunning();
        if (!this.#closed) await this.#startRunning();
      })
      .catch(() => undefined);
  }

  /** No market runs (it could not be opened): opens it now, if it was ever asked to start. */
  reopen(): void {
    if (this.#closed || !this.#starting) return;
    this.#queue
      .run(async () => {
        if (!this.#closed && !this.#running) await this.#startRunning();
      })
      .catch(() => undefined);
  }

  /** Stops the market (within the limit) and then runs `save`; later calls wait for the first. */
  close(save: () => Promise<void>): Promise<void> {
    if (this.#closed) return this.#queue.idle();
    this.#closed = true;
    const { logger, stopLimitMs } = this.#options;
    return this.#queue.run(async () => {
      // However the market's parts stop (a venue that never answers), the snapshot and the
      // history are saved and the store closed within a bounded time.
      const stopping = this.#stopRunning().catch((error: unknown) => {
        logger.warn('the market did not stop cleanly', error);
      });
      if (!(await settleWithin(stopping, stopLimitMs))) {
        logger.warn(`the market had not stopped after ${stopLimitMs} ms; closing without it`);
      }
      await save();
    });
  }

  async #startRunning(): Promise<void> {
    const options = this.#options;
    let connection: MarketConnection;
    try {
      connection = await options.connect(options.settings().market);
    } catch (error) {
      const message =
        error instanceof PremiaError ? error.message : 'The market could not be opened.';
      options.logger.error('the market could not be opened', error);
      options.notices.add({ level: 'error', message, at: options.wallNow() });
      return;
    }
    if (this.#closed) {
      await connection.close();
      return;
    }
    options.timeline.reach('connectedAt');
    let historyStore: HistoryStore;
    try {
      historyStore = await options.openStore();
    } catch (error) {
      // Nothing will run on the connection: let the in-process simulator go.
      await connection.close().catch(() => undefined);
      throw error;
    }
    const saved = options.saved();
    const initial = saved && saved.source === connection.label ? saved : null;
    this.#running = openMarketRun(connection, historyStore, { ...options.runContext, initial });
    if (options.paused()) this.#running.poller.pause();
    this.#running.start();
    options.onStarted();
  }

  async #stopRunning(): Promise<void> {
    const current = this.#running;
    this.#running = null;
    if (!current) return;
    const last = await current.stop();
    if (last) this.#options.keep(last);
    await current.close();
    this.#options.onStopped();
  }
}
