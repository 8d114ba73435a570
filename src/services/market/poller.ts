// The refresh loop: one bulk fetch per cycle at the settings' interval, a snapshot built from it and
// pushed out, and on failure exponential backoff from a few seconds up to a short cap (Retry-After
// honoured), so data comes back soon after the venue does; assets marked stale the moment their last
// quotes are two cycles old by wall time (a timer, not the next cycle, says it), and being offline
// detected and said. A venue that refuses this region is not an outage: the loop stops and every
// asset says why, until asked again. Cycles never overlap: the next is scheduled only when one has
// finished, and a retry asked for runs at once unless one is under way.
import type { FundingPoint } from '../../core';
import type { AssetSnapshot, MarketSnapshot } from '../../shared/market';
import type { Settings } from '../../shared/settings';
import type { Regime, Thresholds } from '../../shared/strategy';
import type { AssetInstruments, GatewayErrorKind, MarketDataCycle } from '../gateway';
import { GatewayError } from '../gateway';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { DAY_MS } from '../../shared/time';
import { buildAssetSnapshot, emptyAssetSnapshot, hasMarketData } from './snapshot-builder';

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

const realTimers: PollerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

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

const NETWORK_KINDS: ReadonlySet<GatewayErrorKind> = new Set(['network', 'offline']);
/** The first wait after a failure (or the refresh interval, when shorter); it doubles from there. */
const FIRST_RETRY_MS = 5_000;
/**
 * The longest wait between failed cycles by default: short, so data comes back soon after the venue
 * does. A refresh is a couple of requests, far inside any venue's limits even at this pace.
 */
const MAX_BACKOFF_MS = 30_000;
/** Failures that retrying cannot mend: the loop stops until asked again. */
const HALTING_KINDS: ReadonlySet<GatewayErrorKind> = new Set(['region-refused']);

function failureOf(error: unknown, consecutive: number, at: number): CycleFailure {
  if (error instanceof GatewayError) {
    return {
      kind: error.kind,
      message: error.message,
      retryAfterMs: error.retryAfterMs,
      consecutive,
      at,
    };
  }
  return {
    kind: 'internal',
    message: 'Market data could not be read; see the log for details.',
    retryAfterMs: null,
    consecutive,
    at,
  };
}

/** The asset's snapshot saying why its data is short, or nothing when `problem` is absent. */
function withProblem(asset: AssetSnapshot, problem: string | undefined): AssetSnapshot {
  const { problem: _previous, ...rest } = asset;
  return problem === undefined ? rest : { ...rest, problem };
}

function sameAssets(a: readonly string[], b: readonly string[] | null): boolean {
  return b !== null && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The venue's clock for a cycle: the newest time it stamped a quote with, else the receipt time. */
export function marketTimeOf(cycle: MarketDataCycle, fallback: number): number {
  let newest = -Infinity;
  for (const asset of cycle.assets) {
    const times = [asset.perp?.venueTime, ...asset.futures.map((f) => f.venueTime)];
    for (const t of times)
      if (typeof t === 'number' && Number.isFinite(t) && t > newest) newest = t;
  }
  return newest > 0 ? newest : fallback;
}

/** Stale: no quotes yet, or the last ones arrived two refresh intervals ago or more. */
export function isStale(receivedAt: number | null | undefined, now: number, intervalMs: number) {
  return typeof receivedAt !== 'number' || now - receivedAt >= 2 * intervalMs;
}

export function createPoller(options: PollerOptions): Poller {
  const now = options.now ?? Date.now;
  const timers = options.timers ?? realTimers;
  const logger = options.logger ?? silentLogger;
  const maxBackoffMs = options.maxBackoffMs ?? MAX_BACKOFF_MS;
  const offlineAfter = options.offlineAfter ?? 2;
  const stopWaitMs = options.stopWaitMs ?? 3_000;

  // A saved snapshot's problems were the last session's: this one finds its own.
  const initial = options.initial
    ? {
        ...options.initial,
        assets: options.initial.assets.map((a) => withProblem({ ...a, stale: true }, undefined)),
      }
    : null;
  let current: MarketSnapshot | null = initial;
  /** The regime of each asset's last classification, carried for hysteresis. */
  const regimes = new Map<string, Regime>();
  for (const a of initial?.assets ?? []) if (a.regime) regimes.set(a.asset, a.regime);
  const assetsBySymbol = new Map<string, AssetSnapshot>(
    (initial?.assets ?? []).map((a) => [a.asset, a]),
  );
  const unlistedTold = new Set<string>();

  let started = false;
  let stopped = false;
  let timer: unknown = null;
  let timerDue = 0;
  let halted = false;
  let inFlight: Promise<void> | null = null;
  /** A cycle is under way: true from its start until it has scheduled the next (or halted). */
  let cycling = false;
  let lastStart: number | null = null;
  let discoveredFor: readonly string[] | null = null;
  let consecutiveFailures = 0;
  let networkFailures = 0;
  let offline = false;
  let cycles = 0;
  let failures = 0;
  let lastRequests: number | null = null;
  let lastFailure: CycleFailure | null = null;
  let lastSuccessAt: number | null = null;
  let waiters: ((outcome: CycleOutcome) => void)[] = [];
  /** Wakes the loop when an asset's last quotes turn two intervals old, between cycles. */
  let staleTimer: unknown = null;

  const interval = (): number => options.settings().market.refreshIntervalMs;

  function changed(): void {
    try {
      options.onStateChange?.();
    } catch (error) {
      logger.warn('a listener of the market state failed', error);
    }
  }

  function schedule(delay: number): void {
    if (stopped) return;
    halted = false;
    if (timer !== null) timers.clearTimeout(timer);
    const wait = Math.max(0, delay);
    timerDue = now() + wait;
    timer = timers.setTimeout(
      () => {
        timer = null;
        runCycle();
      },
      wait,
      'cycle',
    );
    changed();
  }

  function runCycle(): void {
    if (stopped) return;
    if (inFlight) {
      // The cycle before is winding up (it has scheduled this one already): run right after it.
      void inFlight.then(runCycle);
      return;
    }
    cycling = true;
    inFlight = cycle().finally(() => {
      inFlight = null;
      // A cycle that ended early (the poller stopped) has not said so yet.
      if (cycling) {
        cycling = false;
        changed();
      }
    });
    changed();
  }

  async function rediscover(assets: readonly string[]): Promise<void> {
    let found = await options.feed.discover(assets);
    const missing = () => found.filter((a) => !a.spot && !a.perp && a.futures.length === 0);
    // A newly tracked asset may have been listed since the markets were loaded.
    if (discoveredFor !== null && missing().length > 0) {
      await options.feed.reloadMarkets();
      found = await options.feed.discover(assets);
    }
    for (const a of missing()) {
      if (unlistedTold.has(a.asset)) continue;
      unlistedTold.add(a.asset);
      options.onUnlisted?.(a.asset);
    }
  }

  function withStaleness(asset: AssetSnapshot, wall: number, intervalMs: number): AssetSnapshot {
    return { ...asset, stale: isStale(asset.receivedAt, wall, intervalMs) };
  }

  async function thresholdsFor(asset: string, settings: Settings): Promise<Thresholds> {
    if (settings.thresholds.mode === 'history' && options.historyThresholds) {
      try {
        const found = await options.historyThresholds(asset, settings);
        if (found) return found;
      } catch (error) {
        logger.warn(`thresholds from ${asset}'s history could not be read`, error);
      }
    }
    return settings.thresholds.fixed;
  }

  async function fundingFor(
    asset: string,
    settings: Settings,
    marketNow: number,
    intervalHours: number | null,
  ): Promise<readonly FundingPoint[]> {
    const source = settings.signal.source;
    if (!options.settledFunding || intervalHours === null) return [];
    if (source !== 'auto' && source !== 'funding-average') return [];
    const windowMs = settings.signal.averagingWindowDays * DAY_MS;
    try {
      return await options.settledFunding(asset, marketNow - windowMs, marketNow, intervalHours);
    } catch (error) {
      logger.warn(`settled funding of ${asset} could not be read`, error);
      return [];
    }
  }

  async function build(
    result: MarketDataCycle,
    settings: Settings,
    wall: number,
  ): Promise<{ snapshot: MarketSnapshot; marketNow: number }> {
    const marketNow = marketTimeOf(result, wall);
    const intervalMs = settings.market.refreshIntervalMs;
    const byAsset = new Map(result.assets.map((a) => [a.asset, a]));
    const assets: AssetSnapshot[] = [];
    for (const asset of settings.assets.tracked) {
      const data = byAsset.get(asset);
      const previous = assetsBySymbol.get(asset);
      if (!data || !hasMarketData(data)) {
        const kept = previous
          ? withStaleness(previous, wall, intervalMs)
          : emptyAssetSnapshot(asset, settings.signal.basisMethod);
        assets.push(withProblem(kept, data?.problem));
        continue;
      }
      let built: AssetSnapshot;
      try {
        const thresholds = await thresholdsFor(asset, settings);
        const intervalHours = data.perp?.fundingIntervalHours ?? null;
        built = buildAssetSnapshot({
          data,
          marketNow,
          receivedAt: wall,
          signal: settings.signal,
          thresholds,
          fundingHistory: await fundingFor(asset, settings, marketNow, intervalHours),
          previousRegime: regimes.get(asset) ?? null,
        });
      } catch (error) {
        // One asset's unusable quotes must not take the others down: it keeps its last snapshot.
        logger.warn(`${asset}'s quotes could not be turned into a snapshot`, error);
        assets.push(
          previous
            ? withStaleness(previous, wall, intervalMs)
            : emptyAssetSnapshot(asset, settings.signal.basisMethod),
        );
        continue;
      }
      assets.push(withProblem(built, data.problem));
    }
    return { snapshot: { at: wall, source: options.source, assets, offline: false }, marketNow };
  }

  /** The last known data, aged; `problem` (a refused region) is said on every asset. */
  function staleSnapshot(
    settings: Settings,
    wall: number,
    problem?: string,
  ): MarketSnapshot | null {
    if (current === null && !offline && problem === undefined) return null;
    const intervalMs = settings.market.refreshIntervalMs;
    return {
      at: wall,
      source: options.source,
      offline,
      assets: settings.assets.tracked.map((asset) => {
        const previous = assetsBySymbol.get(asset);
        const kept = previous
          ? withStaleness(previous, wall, intervalMs)
          : emptyAssetSnapshot(asset, settings.signal.basisMethod);
        return problem === undefined ? kept : withProblem(kept, problem);
      }),
    };
  }

  function publish(snapshot: MarketSnapshot): void {
    current = snapshot;
    assetsBySymbol.clear();
    for (const a of snapshot.assets) {
      assetsBySymbol.set(a.asset, a);
      if (a.regime && !a.stale) regimes.set(a.asset, a.regime);
    }
    try {
      options.onSnapshot?.(snapshot);
    } catch (error) {
      logger.warn('a snapshot listener failed', error);
    }
    watchStaleness(snapshot);
  }

  /**
   * Sets the wake for the first moment a fresh asset of `snapshot` turns stale, so it is said then
   * and not at the next cycle, which after failures may be much later. A cycle that brings quotes
   * first sets the wake again.
   */
  function watchStaleness(snapshot: MarketSnapshot): void {
    if (staleTimer !== null) timers.clearTimeout(staleTimer);
    staleTimer = null;
    if (stopped) return;
    const intervalMs = interval();
    let first = Infinity;
    for (const a of snapshot.assets) {
      if (!a.stale && typeof a.receivedAt === 'number') {
        first = Math.min(first, a.receivedAt + 2 * intervalMs);
      }
    }
    if (first === Infinity) return;
    staleTimer = timers.setTimeout(
      () => {
        staleTimer = null;
        // Also while a cycle is under way: a venue that leaves a request hanging is no fresher.
        if (stopped || current === null) return;
        const wall = now();
        const aged = {
          ...current,
          at: wall,
          assets: current.assets.map((a) => withStaleness(a, wall, interval())),
        };
        if (aged.assets.some((a, i) => a.stale !== current!.assets[i]!.stale)) publish(aged);
        else watchStaleness(current);
      },
      Math.max(0, first - now()),
      'staleness',
    );
  }

  function settle(outcome: CycleOutcome): void {
    const pending = waiters;
    waiters = [];
    for (const resolve of pending) resolve(outcome);
  }

  function setOffline(next: boolean, failure: CycleFailure | null): void {
    if (next === offline) return;
    offline = next;
    options.onOfflineChange?.(next, failure);
  }

  async function cycle(): Promise<void> {
    const settings = options.settings();
    const assets = [...settings.assets.tracked];
    lastStart = now();
    let outcome: CycleOutcome;
    try {
      if (!sameAssets(assets, discoveredFor)) {
        await rediscover(assets);
        discoveredFor = assets;
      }
      const result = await options.feed.fetchMarketData(assets);
      if (stopped) return;
      const wall = now();
      const { snapshot, marketNow } = await build(result, options.settings(), wall);
      if (stopped) return;
      cycles++;
      consecutiveFailures = 0;
      networkFailures = 0;
      lastRequests = result.requests;
      lastFailure = null;
      lastSuccessAt = wall;
      setOffline(false, null);
      publish(snapshot);
      try {
        options.onCycle?.({ cycle: result, snapshot, marketNow });
      } catch (error) {
        logger.warn('a cycle could not be recorded', error);
      }
      outcome = { ok: true, snapshot, requests: result.requests };
      cycling = false;
      schedule(lastStart + interval() - now());
    } catch (error) {
      if (stopped) return;
      cycles++;
      failures++;
      consecutiveFailures++;
      const failure = failureOf(error, consecutiveFailures, now());
      lastFailure = failure;
      if (failure.kind === 'internal') logger.error('a market data cycle failed', error);
      else logger.debug(`a market data cycle failed (${failure.kind})`, failure.message);
      if (NETWORK_KINDS.has(failure.kind)) networkFailures++;
      else networkFailures = 0;
      // A name that does not resolve means no network at all; a refused or dropped connection
      // may be a blip, so it takes `offlineAfter` in a row.
      if (failure.kind === 'offline' || networkFailures >= offlineAfter) setOffline(true, failure);
      else if (!NETWORK_KINDS.has(failure.kind)) setOffline(false, null);
      options.onFailure?.(failure);
      const halting = HALTING_KINDS.has(failure.kind);
      const stale = staleSnapshot(options.settings(), now(), halting ? failure.message : undefined);
      if (stale) publish(stale);
      outcome = { ok: false, snapshot: current, failure };
      cycling = false;
      if (halting) {
        // Asking again would be refused the same way: wait until someone asks (a setting changes,
        // or the user asks for a retry).
        halted = true;
        options.onHalt?.(failure);
        changed();
      } else {
        const base = Math.min(interval(), FIRST_RETRY_MS);
        let delay = Math.min(Math.max(maxBackoffMs, base), base * 2 ** (consecutiveFailures - 1));
        if (failure.retryAfterMs !== null) delay = Math.max(delay, failure.retryAfterMs);
        schedule(delay);
      }
    }
    settle(outcome);
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      schedule(0);
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      if (staleTimer !== null) timers.clearTimeout(staleTimer);
      staleTimer = null;
      changed();
      const running = inFlight;
      if (running) {
        let wait: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          running,
          new Promise<void>((resolve) => {
            wait = setTimeout(resolve, stopWaitMs);
          }),
        ]);
        clearTimeout(wait);
      }
    },

    snapshot: () => current,

    refreshSoon() {
      if (!started || stopped) return;
      if (inFlight) {
        // The cycle in flight read the settings already: run another right after it.
        void inFlight.then(() => {
          if (!stopped && (consecutiveFailures === 0 || halted)) schedule(0);
        });
        return;
      }
      schedule(0);
    },

    forgetUnlisted(assets) {
      let forgot = false;
      for (const asset of assets) forgot = unlistedTold.delete(asset) || forgot;
      // The next cycle looks the tracked assets up again, whatever the list looks like by then.
      if (forgot) discoveredFor = null;
    },

    retryNow() {
      if (!started || stopped || cycling) return;
      schedule(0);
    },

    reschedule() {
      if (!started || stopped || inFlight || timer === null || lastStart === null) return;
      if (consecutiveFailures > 0) return;
      const due = lastStart + interval();
      if (due < timerDue) schedule(due - now());
    },

    nextCycle() {
      return new Promise<CycleOutcome>((resolve) => waiters.push(resolve));
    },

    stats: () => ({
      cycles,
      failures,
      consecutiveFailures,
      lastRequests,
      offline,
      lastFailure,
      halted,
      nextCycleAt: timer !== null ? timerDue : null,
      inFlight: cycling,
      lastSuccessAt,
    }),
  };
}
