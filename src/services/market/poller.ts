// The refresh loop: one bulk fetch per cycle at the settings' interval, a snapshot built from it
// (./cycle-snapshots) and pushed out, and on failure a wait that grows from a few seconds up to a
// short cap (./cycle-failures), so data comes back soon after the venue does; assets marked stale the
// moment their last quotes are two cycles old by wall time (./staleness), and being offline detected
// and said. A venue that refuses this region is not an outage: the loop stops and every asset says
// why, until asked again. Cycles never overlap: the next is scheduled only when one has finished, and
// a retry asked for runs at once unless one is under way.
import type { MarketSnapshot } from '../../shared/market';
import { silentLogger } from '../logger';
import { CycleSnapshots } from './cycle-snapshots';
import { backoffAfter, failureOf, halts, MAX_BACKOFF_MS, OfflineWatch } from './cycle-failures';
import type {
  CycleFailure,
  CycleOutcome,
  Poller,
  PollerOptions,
  PollerTimers,
} from './poller-types';
import { StalenessWatch } from './staleness';

const realTimers: PollerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createPoller(options: PollerOptions): Poller {
  const now = options.now ?? Date.now;
  const timers = options.timers ?? realTimers;
  const logger = options.logger ?? silentLogger;
  const maxBackoffMs = options.maxBackoffMs ?? MAX_BACKOFF_MS;
  const stopWaitMs = options.stopWaitMs ?? 3_000;
  const interval = (): number => options.settings().market.refreshIntervalMs;

  const snapshots = new CycleSnapshots({ ...options, logger });
  const offline = new OfflineWatch(options.offlineAfter ?? 2, (isOffline, failure) =>
    options.onOfflineChange?.(isOffline, failure),
  );
  const staleness = new StalenessWatch({
    timers,
    now,
    intervalMs: interval,
    current: () => snapshots.current,
    onAged: publish,
  });
  const unlistedTold = new Set<string>();

  let started = false;
  let stopped = false;
  let timer: unknown = null;
  let timerDue = 0;
  let halted = false;
  let paused = false;
  let inFlight: Promise<void> | null = null;
  /** A cycle is under way: true from its start until it has scheduled the next (or halted). */
  let cycling = false;
  let lastStart: number | null = null;
  let discoveredFor: readonly string[] | null = null;
  let consecutiveFailures = 0;
  let cycles = 0;
  let failures = 0;
  let lastRequests: number | null = null;
  let lastFailure: CycleFailure | null = null;
  let lastSuccessAt: number | null = null;
  let waiters: ((outcome: CycleOutcome) => void)[] = [];

  function changed(): void {
    try {
      options.onStateChange?.();
    } catch (error) {
      logger.warn('a listener of the market state failed', error);
    }
  }

  function schedule(delay: number): void {
    if (stopped) return;
    if (paused) {
      // The cycle that would have been scheduled is the resume's to run.
      changed();
      return;
    }
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
    if (stopped || paused) return;
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

  function publish(snapshot: MarketSnapshot): void {
    snapshots.adopt(snapshot);
    try {
      options.onSnapshot?.(snapshot);
    } catch (error) {
      logger.warn('a snapshot listener failed', error);
    }
    staleness.watch(snapshot);
  }

  function settle(outcome: CycleOutcome): void {
    const pending = waiters;
    waiters = [];
    for (const resolve of pending) resolve(outcome);
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
      const { snapshot, marketNow } = await snapshots.build(result, options.settings(), wall);
      if (stopped) return;
      cycles++;
      consecutiveFailures = 0;
      lastRequests = result.requests;
      lastFailure = null;
      lastSuccessAt = wall;
      offline.succeeded();
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
      offline.failed(failure);
      options.onFailure?.(failure);
      const halting = halts(failure);
      const why = halting ? failure.message : undefined;
      const stale = snapshots.stale(options.settings(), now(), offline.offline, why);
      if (stale) publish(stale);
      outcome = { ok: false, snapshot: snapshots.current, failure };
      cycling = false;
      if (halting) {
        // Asking again would be refused the same way: wait until someone asks (a setting changes,
        // or the user asks for a retry).
        halted = true;
        options.onHalt?.(failure);
        changed();
      } else {
        schedule(backoffAfter(failure, interval(), maxBackoffMs));
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
      staleness.stop();
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

    snapshot: () => snapshots.current,

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

    pause() {
      if (stopped || paused) return;
      paused = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      changed();
    },

    resume() {
      if (!paused) return;
      paused = false;
      if (!started || stopped) return;
      // A cycle under way schedules the next when it ends.
      if (cycling) changed();
      else schedule(0);
    },

    reschedule() {
      if (!started || stopped || paused || inFlight || timer === null || lastStart === null) return;
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
      offline: offline.offline,
      lastFailure,
      halted,
      nextCycleAt: timer !== null ? timerDue : null,
      inFlight: cycling,
      lastSuccessAt,
      paused,
    }),
  };
}

function sameAssets(a: readonly string[], b: readonly string[] | null): boolean {
  return b !== null && a.length === b.length && a.every((x, i) => x === b[i]);
}
