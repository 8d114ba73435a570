// What the bench and the tests look at in the market, apart from what the app uses: the demo market's
// address, the poller at work, the backfill's progress to idle, and the timeline of the first start
// (which the service also logs once the first live data is in).
import type { CcxtSource, GatewayDiagnostics } from '../gateway';
import type { Poller } from './poller-types';

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

export interface MarketDiagnostics {
  /** The in-process simulator's base URL while the demo market runs. */
  demoMarketUrl(): string | null;
  /** The running poller, if any. */
  poller(): Poller | null;
  /** Resolves when no backfill is queued or running. */
  backfillIdle(): Promise<void>;
  /** Resolves once the carry scanner's history fill has ended. */
  scannerFillIdle(): Promise<void>;
  /** How the first start went, stage by stage. */
  startupTimeline(): StartupTimeline;
}

type Stage =
  | 'startAt'
  | 'connectedAt'
  | 'marketsLoadedAt'
  | 'firstQuotesAt'
  | 'firstSnapshotAt'
  | 'backfillStartAt';

/** The first start's timeline as it is being reached: each stage's time is the first one told. */
export class StartupTimelineRecorder {
  readonly #timeline: StartupTimeline = {
    startAt: null,
    connectedAt: null,
    marketsLoadedAt: null,
    ccxtImportMs: null,
    ccxtSource: null,
    firstQuotesAt: null,
    firstSnapshotAt: null,
    backfillStartAt: null,
  };

  reach(stage: Stage): void {
    this.#timeline[stage] ??= performance.now();
  }

  reached(stage: Stage): boolean {
    return this.#timeline[stage] !== null;
  }

  /** The venue's markets are listed: the stage, and how loading ccxt for it went. */
  marketsLoaded(gateway: GatewayDiagnostics): void {
    if (this.reached('marketsLoadedAt')) return;
    this.reach('marketsLoadedAt');
    this.#timeline.ccxtImportMs = gateway.ccxtImportMs();
    this.#timeline.ccxtSource = gateway.ccxtSource();
  }

  timeline(): StartupTimeline {
    return { ...this.#timeline };
  }
}
