// For the poller's tests: the gateway as the poller uses it on a simulator, settings tracking given
// assets, pollers stopped after each test, and the shared manual clock with the poller's two kinds of
// wait told apart, so a test moves time to the next cycle, or to the moment quotes turn stale.
import { afterEach } from 'vitest';
import { defaultSettings } from '../../core';
import { manualTimers } from '../../shared/manual-timers';
import type { Settings } from '../../shared/settings';
import { createExchangeGateway, type ExchangeGatewayOptions, type OpenedGateway } from '../gateway';
import { createPoller } from './poller';
import type {
  CycleOutcome,
  Poller,
  PollerOptions,
  PollerTimers,
  TimerPurpose,
} from './poller-types';

/** The market's moment in the simulators of the poller's tests. */
export const MARKET_TIME = Date.UTC(2025, 0, 10, 12, 0, 0);
/** The refresh interval the tests' settings ask for unless they say otherwise. */
export const INTERVAL = 15_000;

/** A gateway on the simulator at `url`, failing fast: it is the poller that retries. */
export function simGateway(
  url: string,
  extra: Partial<ExchangeGatewayOptions> = {},
): OpenedGateway {
  return createExchangeGateway({
    exchange: 'binance',
    redirectTo: url,
    rateLimitMs: 1,
    timeoutMs: 1_000,
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5_000 },
    ...extra,
  });
}

export function settingsFor(tracked: string[], refreshIntervalMs = INTERVAL): Settings {
  const s = defaultSettings();
  // Intervals below the settings' 2 s floor are for tests only: the poller takes what it is given.
  return { ...s, assets: { tracked, mix: {} }, market: { ...s.market, refreshIntervalMs } };
}

export interface PollerClock {
  /** The poller's timers, on the clock. */
  timers: PollerTimers;
  now(): number;
  /** Moves the clock on by `ms`, firing every wait that falls due, in order. */
  advance(ms: number): void;
  /** The delay of the last cycle the poller scheduled. */
  lastDelay(): number | undefined;
  /** Moves the clock on to the cycle scheduled, which starts; throws when none is. */
  fire(): void;
  /** How long until the wake set for the moment a fresh asset turns stale; throws when none is. */
  untilStale(): number;
}

export function pollerClock(start = 1_800_000_000_000): PollerClock {
  const clock = manualTimers(start);
  const delays: number[] = [];
  const due = new Map<TimerPurpose, { handle: unknown; at: number }>();
  const timers: PollerTimers = {
    setTimeout(callback, ms, purpose = 'cycle') {
      if (purpose === 'cycle') delays.push(ms);
      const handle = clock.timers.setTimeout(() => {
        if (due.get(purpose)?.handle === handle) due.delete(purpose);
        callback();
      }, ms);
      due.set(purpose, { handle, at: clock.now() + Math.max(0, ms) });
      return handle;
    },
    clearTimeout(handle) {
      clock.timers.clearTimeout(handle);
      for (const [purpose, held] of due) if (held.handle === handle) due.delete(purpose);
    },
  };
  const until = (purpose: TimerPurpose): number => {
    const held = due.get(purpose);
    if (!held) throw new Error(purpose === 'cycle' ? 'no cycle is scheduled' : 'no wake is set');
    return held.at - clock.now();
  };
  return {
    timers,
    now: clock.now,
    advance: (ms) => clock.advance(ms),
    lastDelay: () => delays.at(-1),
    fire: () => clock.advance(until('cycle')),
    untilStale: () => until('staleness'),
  };
}

/** Fires the scheduled cycle and waits for its outcome. */
export async function step(p: Poller, clock: PollerClock): Promise<CycleOutcome> {
  const next = p.nextCycle();
  clock.fire();
  return next;
}

type PollerStart = Partial<PollerOptions> & Pick<PollerOptions, 'feed' | 'settings'>;

/**
 * Makes pollers (source `demo`, on `clock` when one is given: its timers and its time) and stops
 * them after each test of the calling file.
 */
export function pollers(): (options: PollerStart, clock?: PollerClock) => Poller {
  const made: Poller[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((p) => p.stop()));
  });
  return (options, clock) => {
    const p = createPoller({
      source: 'demo',
      ...(clock ? { timers: clock.timers, now: clock.now } : {}),
      ...options,
    });
    made.push(p);
    return p;
  };
}
