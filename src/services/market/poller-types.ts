// What the poller is and takes: the feed it reads, the timers it waits on, what each cycle comes to,
// the figures it keeps, and the options its owner sets.
import type { FundingPoint } from '../../core';
import type { MarketSnapshot } from '../../shared/market';
import type { Settings } from '../../shared/settings';
import type { Thresholds } from '../../shared/strategy';
import type { AssetInstruments, GatewayErrorKind, MarketDataCycle } from '../gateway';
import type { Logger } from '../logger';

/** What the poller needs of the exchange gateway. */
export interface MarketFeed {
  fetchMarketData(assets: readonly string[]): Promise<MarketDataCycle>;
  discover(assets: readonly string[]): Promise<AssetInstruments[]>;
  reloadMarkets(): Promise<void>;
}

/** What a wait is for, so that a test's clock can tell the loop's waits apart. */
export type TimerPurpose = 'cycle' | 'staleness';

export interface PollerTimers {
  setTimeout(callback: () => void, ms: number, purpose?: TimerPurpose): unknown;
  clearTimeout(handle: unknown): void;
}

/** A cycle that brought quotes, with the snapshot made of them. */
export interface CycleRecord {
  cycle: MarketDataCycle;
  snapshot: MarketSnapshot;
  /** The venue's clock at the quotes. */
  marketNow: number;
}

export interface CycleFailure {
  kind: GatewayErrorKind;
  message: string;
  retryAfterMs: number | null;
  /** Failed cycles in a row, this one included. */
  consecutive: number;
  /** Wall time of the failure. */
  at: number;
}

export type CycleOutcome =
  | { ok: true; snapshot: MarketSnapshot; requests: number }
  | { ok: false; snapshot: MarketSnapshot | null; failure: CycleFailure };

export interface PollerOptions {
  feed: MarketFeed;
  /** The snapshot's `source`: `demo` or the exchange id. */
  source: string;
  settings: () => Settings;
  /** Wall clock: receipt times and staleness. */
  now?: () => number;
  timers?: PollerTimers;
  /** A snapshot from before (the last one saved): served, all stale, until the first live cycle. */
  initial?: MarketSnapshot | null;
  /** Settled funding paid in (from, to], for the averaged-funding signal. */
  settledFunding?: (
    asset: string,
    from: number,
    to: number,
    intervalHours: number,
  ) => Promise<readonly FundingPoint[]>;
  /** The asset's thresholds from its history (settings mode `history`); null falls back to fixed. */
  historyThresholds?: (asset: string, settings: Settings) => Promise<Thresholds | null>;
  onSnapshot?: (snapshot: MarketSnapshot) => void;
  onCycle?: (record: CycleRecord) => void;
  onFailure?: (failure: CycleFailure) => void;
  /** Called when being offline starts (with the failure that showed it) and when it ends. */
  onOfflineChange?: (offline: boolean, failure: CycleFailure | null) => void;
  /** Called once per asset the venue lists nothing for. */
  onUnlisted?: (asset: string) => void;
  /** Called when a failure stops the loop (the venue refuses this region). */
  onHalt?: (failure: CycleFailure) => void;
  /**
   * Called whenever what `stats` tells may have changed: a cycle starts or ends, the next one is
   * scheduled, the loop halts or stops.
   */
  onStateChange?: () => void;
  /** The longest wait between failed cycles (Retry-After may ask for longer). Default 30 s. */
  maxBackoffMs?: number;
  /** Network failures in a row that mean being offline. Default 2. */
  offlineAfter?: number;
  /** How long `stop` waits for a cycle in flight. Default 3 s. */
  stopWaitMs?: number;
  logger?: Logger;
}

export interface PollerStats {
  cycles: number;
  failures: number;
  consecutiveFailures: number;
  /** Requests of the last successful cycle. */
  lastRequests: number | null;
  offline: boolean;
  lastFailure: CycleFailure | null;
  /** Stopped by a failure retrying cannot mend (the venue refuses this region). */
  halted: boolean;
  /** Wall time the next cycle is due (null while one runs, when halted or stopped). */
  nextCycleAt: number | null;
  /** A cycle is under way. */
  inFlight: boolean;
  /** Wall time of the last cycle that brought quotes; null before the first. */
  lastSuccessAt: number | null;
  /** Paused by the user: no cycle is scheduled until resumed (quotes turn stale meanwhile). */
  paused: boolean;
}

export interface Poller {
  start(): void;
  /** Stops scheduling; waits (briefly) for a cycle in flight, whose results are then dropped. */
  stop(): Promise<void>;
  /** The latest snapshot (the initial one, all stale, until the first cycle). */
  snapshot(): MarketSnapshot | null;
  /** Runs a cycle as soon as none is running, instead of waiting out the interval. */
  refreshSoon(): void;
  /**
   * Runs a cycle now instead of waiting out the pause after failures, or asks a venue that refused
   * this region again; nothing when a cycle is under way already.
   */
  retryNow(): void;
  /**
   * Stops asking the venue until `resume`: the wait scheduled is dropped, a cycle under way finishes
   * but schedules none, and refreshes and retries asked for meanwhile wait for the resume.
   */
  pause(): void;
  /** Asks the venue again at once (a refused region too), then at the interval as before. */
  resume(): void;
  /** Re-reads the interval: a shorter one shortens the wait already scheduled. */
  reschedule(): void;
  /**
   * Forgets having told that the venue lists nothing for `assets` (what was said went with them),
   * so that it is told again should they be tracked again, even before the next cycle.
   */
  forgetUnlisted(assets: readonly string[]): void;
  /** Resolves with the outcome of the next cycle to finish. */
  nextCycle(): Promise<CycleOutcome>;
  stats(): PollerStats;
}
