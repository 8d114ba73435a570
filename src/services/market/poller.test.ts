// Integration: the poller driving the real ccxt binance class over HTTP against the simulator.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core';
import type { MarketSnapshot } from '../../shared/market';
import type { Settings } from '../../shared/settings';
import { startSimulator, type Simulator } from '../../sim';
import {
  createExchangeGateway,
  type ExchangeGateway,
  type ExchangeGatewayOptions,
  type OpenedGateway,
} from '../gateway';
import type {
  CycleFailure,
  CycleOutcome,
  Poller,
  PollerOptions,
  PollerTimers,
  TimerPurpose,
} from './poller-types';
import { createPoller } from './poller';

const MARKET_TIME = Date.UTC(2025, 0, 10, 12, 0, 0);
const INTERVAL = 15_000;
const TWENTY = 20;

let sim: Simulator;
let twenty: string[];
const pollers: Poller[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, marketTime: MARKET_TIME, speed: 0 });
  sim.control.addAssets(TWENTY - sim.control.state().assets.length);
  sim.control.setWeightLimits({ spot: 1_000_000, futures: 1_000_000 });
  twenty = sim.control.state().assets.map((a) => a.asset);
});

afterAll(async () => {
  await sim.close();
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
  sim.control.clearFaults();
});

function openGateway(extra: Partial<ExchangeGatewayOptions> = {}): OpenedGateway {
  return createExchangeGateway({
    exchange: 'binance',
    redirectTo: sim.url,
    rateLimitMs: 1,
    timeoutMs: 1_000,
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5_000 },
    ...extra,
  });
}

function gateway(extra: Partial<ExchangeGatewayOptions> = {}): ExchangeGateway {
  return openGateway(extra).gateway;
}

function settingsFor(tracked: string[], refreshIntervalMs = INTERVAL): Settings {
  const s = defaultSettings();
  // Intervals below the settings' 2 s floor are for tests only: the poller takes what it is given.
  return { ...s, assets: { tracked, mix: {} }, market: { ...s.market, refreshIntervalMs } };
}

/**
 * Timers the test fires by hand, recording every delay the poller asked for a cycle. The wake for
 * staleness between cycles is held apart and fired on its own.
 */
function manualTimers() {
  const pending = new Map<TimerPurpose, { callback: () => void; ms: number }>();
  const delays: number[] = [];
  const timers: PollerTimers = {
    setTimeout(callback, ms, purpose = 'cycle') {
      if (purpose === 'cycle') delays.push(ms);
      const handle = { callback, ms };
      pending.set(purpose, handle);
      return handle;
    },
    clearTimeout(handle) {
      for (const [purpose, held] of pending) if (held === handle) pending.delete(purpose);
    },
  };
  const fire = (purpose: TimerPurpose) => {
    const due = pending.get(purpose);
    pending.delete(purpose);
    if (!due) throw new Error(purpose === 'cycle' ? 'no cycle is scheduled' : 'no wake is set');
    due.callback();
  };
  return {
    timers,
    delays,
    lastDelay: () => delays[delays.length - 1],
    /** Fires the scheduled cycle. */
    fire: () => fire('cycle'),
    /** Fires the wake set for the moment a fresh asset turns stale; returns the wait it was set for. */
    fireStaleness() {
      const ms = pending.get('staleness')?.ms;
      fire('staleness');
      return ms;
    },
  };
}

/**
 * A clock that moves only by the waits asked of it: the timer due first fires on the next turn of the
 * event loop with the clock moved on to its time, and the gateway's backoff sleeps move it without
 * waiting.
 */
function virtualClock(start = 1_800_000_000_000) {
  let wall = start;
  const pending = new Set<{ due: number; callback: () => void }>();
  let pumping = false;
  const pump = () => {
    if (pumping) return;
    pumping = true;
    setImmediate(() => {
      pumping = false;
      let next: { due: number; callback: () => void } | null = null;
      for (const timer of pending) if (!next || timer.due < next.due) next = timer;
      if (!next) return;
      pending.delete(next);
      wall = Math.max(wall, next.due);
      next.callback();
      if (pending.size > 0) pump();
    });
  };
  const timers: PollerTimers = {
    setTimeout(callback, ms) {
      const handle = { due: wall + ms, callback };
      pending.add(handle);
      pump();
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle as { due: number; callback: () => void });
    },
  };
  return {
    timers,
    now: () => wall,
    sleep: async (ms: number) => {
      wall += ms;
    },
  };
}

function poller(
  options: Partial<PollerOptions> & Pick<PollerOptions, 'feed' | 'settings'>,
): Poller {
  const p = createPoller({ source: 'demo', ...options });
  pollers.push(p);
  return p;
}

/** Fires the scheduled cycle and waits for its outcome. */
async function step(p: Poller, clock: ReturnType<typeof manualTimers>): Promise<CycleOutcome> {
  const next = p.nextCycle();
  clock.fire();
  return next;
}

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('requests per cycle', () => {
  it('costs the same requests and the same cycles for 20 assets as for 2', async () => {
    const runs = [];
    for (const tracked of [twenty.slice(0, 2), twenty]) {
      const { gateway: g, diagnostics } = openGateway();
      const clock = manualTimers();
      const p = poller({ feed: g, settings: () => settingsFor(tracked), timers: clock.timers });
      p.start();
      const first = await step(p, clock);
      expect(first.ok).toBe(true);
      const before = diagnostics.requestCount();
      const outcomes: CycleOutcome[] = [];
      for (let i = 0; i < 4; i++) outcomes.push(await step(p, clock));
      runs.push({
        tracked,
        perCycle: (diagnostics.requestCount() - before) / outcomes.length,
        outcomes,
        cycles: p.stats().cycles,
      });
    }
    const [two, all] = runs;
    expect(two!.perCycle).toBe(2);
    expect(all!.perCycle).toBe(two!.perCycle);
    expect(all!.cycles).toBe(two!.cycles);
    for (const run of runs) {
      for (const outcome of run.outcomes) {
        expect(outcome).toMatchObject({ ok: true, requests: 2 });
        const snapshot = outcome.snapshot!;
        expect(snapshot.assets.map((a) => a.asset)).toEqual(run.tracked);
        for (const a of snapshot.assets) {
          expect(a.stale, a.asset).toBe(false);
          expect(a.premium, a.asset).not.toBeNull();
          expect(a.regime, a.asset).not.toBeNull();
        }
      }
    }
  });
});

describe('staleness and backoff', () => {
  it('marks an asset stale after two missed cycles by wall time and fresh once quotes arrive', async () => {
    let wall = 1_800_000_000_000;
    const clock = manualTimers();
    const p = poller({
      feed: gateway(),
      settings: () => settingsFor(['BTC', 'ETH']),
      timers: clock.timers,
      now: () => wall,
    });
    p.start();
    const first = await step(p, clock);
    expect(first.snapshot!.assets.map((a) => [a.stale, a.receivedAt])).toEqual([
      [false, wall],
      [false, wall],
    ]);
    const receivedAt = wall;

    sim.control.setFaults({ rate5xx: 1 });
    wall += INTERVAL;
    const missedOne = await step(p, clock);
    expect(missedOne.ok).toBe(false);
    expect(missedOne.snapshot!.assets.every((a) => !a.stale && a.receivedAt === receivedAt)).toBe(
      true,
    );

    wall += INTERVAL;
    const missedTwo = await step(p, clock);
    expect(missedTwo.ok).toBe(false);
    expect(missedTwo.snapshot!.assets.every((a) => a.stale)).toBe(true);
    // The numbers stay the last ones received, so they still match their regime.
    expect(missedTwo.snapshot!.assets.map((a) => a.premium)).toEqual(
      first.snapshot!.assets.map((a) => a.premium),
    );

    sim.control.clearFaults();
    wall += 2 * INTERVAL;
    const back = await step(p, clock);
    expect(back.ok).toBe(true);
    expect(back.snapshot!.assets.every((a) => !a.stale && a.receivedAt === wall)).toBe(true);
  });

  it('says an asset is stale the moment its last quotes are two intervals old, between failed cycles', async () => {
    let wall = 1_800_000_000_000;
    const clock = manualTimers();
    const published: MarketSnapshot[] = [];
    const p = poller({
      feed: gateway(),
      settings: () => settingsFor(['BTC', 'ETH']),
      timers: clock.timers,
      now: () => wall,
      onSnapshot: (snapshot) => published.push(snapshot),
    });
    p.start();
    await step(p, clock);
    const receivedAt = wall;
    sim.control.setFaults({ rate5xx: 1 });
    wall += INTERVAL;
    expect((await step(p, clock)).ok).toBe(false);
    // The next attempt is set for later than the moment the quotes turn stale: a wake says it then.
    expect(clock.lastDelay()).toBe(5_000);
    wall += 5_000;
    expect((await step(p, clock)).ok).toBe(false);
    expect(clock.lastDelay()).toBe(10_000);
    expect(published.at(-1)!.assets.every((a) => !a.stale)).toBe(true);

    expect(clock.fireStaleness()).toBe(receivedAt + 2 * INTERVAL - wall);
    wall = receivedAt + 2 * INTERVAL;
    clock.fireStaleness();
    // The wake was fired early above and found nothing stale yet; the one it set again, on time, did.
    const aged = published.at(-1)!;
    expect(aged.at).toBe(receivedAt + 2 * INTERVAL);
    expect(aged.assets.map((a) => [a.stale, a.receivedAt])).toEqual([
      [true, receivedAt],
      [true, receivedAt],
    ]);
    expect(() => clock.fireStaleness()).toThrow('no wake is set');
  });

  it('waits a few seconds after a first failure and doubles up to half a minute, so data is back soon after the venue', async () => {
    const clock = manualTimers();
    const p = poller({
      feed: gateway(),
      settings: () => settingsFor(['BTC'], INTERVAL),
      timers: clock.timers,
    });
    p.start();
    await step(p, clock);
    sim.control.setFaults({ rate5xx: 1 });
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect((await step(p, clock)).ok).toBe(false);
      waits.push(clock.lastDelay()!);
    }
    expect(waits).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);
    sim.control.clearFaults();
    expect((await step(p, clock)).ok).toBe(true);
    expect(clock.lastDelay()).toBeGreaterThan(INTERVAL - 1_000);
  });

  it('runs a cycle at once when a retry is asked for, and none while one is under way', async () => {
    const clock = manualTimers();
    const changes: string[] = [];
    const p = poller({
      feed: gateway(),
      settings: () => settingsFor(['BTC'], INTERVAL),
      timers: clock.timers,
      onStateChange: () => {
        const stats = p.stats();
        changes.push(
          stats.inFlight ? 'running' : stats.nextCycleAt !== null ? 'scheduled' : 'idle',
        );
      },
    });
    p.start();
    await step(p, clock);
    sim.control.setFaults({ rate5xx: 1 });
    for (let i = 0; i < 3; i++) await step(p, clock);
    expect(clock.lastDelay()).toBe(20_000);
    expect(p.stats().lastFailure).toMatchObject({ kind: 'unavailable' });

    sim.control.clearFaults();
    changes.length = 0;
    p.retryNow();
    expect(clock.lastDelay()).toBe(0);
    const back = p.nextCycle();
    clock.fire();
    expect(p.stats().inFlight).toBe(true);
    p.retryNow(); // a cycle is under way: nothing more is scheduled
    expect(clock.lastDelay()).toBe(0);
    expect((await back).ok).toBe(true);
    expect(p.stats()).toMatchObject({ lastFailure: null, consecutiveFailures: 0, inFlight: false });
    expect(changes).toEqual(['scheduled', 'running', 'scheduled']);
  });

  it('backs off exponentially while cycles fail and honours a Retry-After longer than that', async () => {
    const clock = manualTimers();
    const p = poller({
      feed: gateway(),
      settings: () => settingsFor(['BTC'], 1_000),
      timers: clock.timers,
      maxBackoffMs: 10_000,
    });
    p.start();
    await step(p, clock);
    sim.control.setFaults({ rate5xx: 1 });
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const outcome = await step(p, clock);
      expect(outcome.ok).toBe(false);
      waits.push(clock.lastDelay()!);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 10_000]);

    sim.control.setFaults({ rate5xx: 0, rate429: 1, retryAfterSeconds: 60 });
    const limited = await step(p, clock);
    expect(limited.ok).toBe(false);
    expect((limited as { failure: CycleFailure }).failure).toMatchObject({ kind: 'rate-limited' });
    expect(clock.lastDelay()).toBeGreaterThanOrEqual(60_000);
  });

  it('never runs two cycles at once, however often a refresh is asked for', async () => {
    const g = gateway();
    let running = 0;
    let most = 0;
    const feed = {
      discover: (assets: readonly string[]) => g.discover(assets),
      reloadMarkets: () => g.reloadMarkets(),
      async fetchMarketData(assets: readonly string[]) {
        running++;
        most = Math.max(most, running);
        try {
          return await g.fetchMarketData(assets);
        } finally {
          running--;
        }
      },
    };
    sim.control.setFaults({ latencyMs: 60 });
    const p = poller({ feed, settings: () => settingsFor(['BTC'], 20) });
    p.start();
    while (p.stats().cycles < 4) {
      p.refreshSoon();
      p.refreshSoon();
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    expect(p.stats().failures).toBe(0);
    expect(most).toBe(1);
  });

  it('takes a shorter refresh interval from the next wait on', async () => {
    let settings = settingsFor(['BTC'], 60_000);
    const clock = manualTimers();
    const p = poller({ feed: gateway(), settings: () => settings, timers: clock.timers });
    p.start();
    await step(p, clock);
    expect(clock.lastDelay()).toBeGreaterThan(59_000);
    settings = settingsFor(['BTC'], 5_000);
    p.reschedule();
    expect(clock.lastDelay()).toBeLessThanOrEqual(5_000);
    await step(p, clock);
    expect(clock.lastDelay()).toBeGreaterThan(4_000);
    expect(clock.lastDelay()).toBeLessThanOrEqual(5_000);
  });
});

describe('offline', () => {
  it('says it is offline once after network failures in a row, and clears it when the venue answers', async () => {
    let own = await startSimulator({ seed: 4, marketTime: MARKET_TIME, speed: 0 });
    const port = own.port;
    try {
      const changes: boolean[] = [];
      const clock = manualTimers();
      const p = poller({
        feed: createExchangeGateway({
          exchange: 'binance',
          redirectTo: own.url,
          rateLimitMs: 1,
          retry: { retries: 0 },
        }).gateway,
        settings: () => settingsFor(['BTC']),
        timers: clock.timers,
        onOfflineChange: (offline) => changes.push(offline),
      });
      p.start();
      expect((await step(p, clock)).ok).toBe(true);
      await own.close();

      const first = await step(p, clock);
      expect(first).toMatchObject({ ok: false, failure: { kind: 'network' } });
      expect(first.snapshot!.offline).toBe(false);
      const second = await step(p, clock);
      expect(second.snapshot!.offline).toBe(true);
      await step(p, clock);
      expect(changes).toEqual([true]);
      expect(p.stats().offline).toBe(true);

      own = await startSimulator({ seed: 4, marketTime: MARKET_TIME, speed: 0, port });
      const back = await step(p, clock);
      expect(back.ok).toBe(true);
      expect(back.snapshot!.offline).toBe(false);
      expect(back.snapshot!.assets[0]!.stale).toBe(false);
      expect(changes).toEqual([true, false]);
    } finally {
      await own.close();
    }
  });
});

describe('regimes across cycles', () => {
  it('holds extreme contango by hysteresis until the premium falls below the exit level', async () => {
    const clock = manualTimers();
    // ETH lists quarterlies, whose basis follows a new premium at once (funding would need days).
    const p = poller({
      feed: gateway(),
      settings: () => settingsFor(['ETH']),
      timers: clock.timers,
    });
    p.start();
    const regimeAt = async (premium: number) => {
      sim.control.setPremium('ETH', premium);
      const outcome = await step(p, clock);
      const eth = outcome.snapshot!.assets[0]!;
      return { premium: eth.premium, regime: eth.regime, held: eth.heldByHysteresis };
    };
    try {
      const entered = await regimeAt(0.4);
      expect(entered).toMatchObject({ regime: 'extreme-contango', held: false });
      expect(entered.premium!).toBeGreaterThan(0.2);
      const held = await regimeAt(0.12);
      expect(held).toMatchObject({ regime: 'extreme-contango', held: true });
      expect(held.premium!).toBeLessThan(0.2);
      expect(held.premium!).toBeGreaterThan(0.05);
      const left = await regimeAt(-0.01);
      expect(left).toMatchObject({ regime: 'neutral', held: false });
    } finally {
      sim.control.setPremium('ETH', null);
    }
  });

  it('carries the regime of an earlier snapshot into the first cycle', async () => {
    const clock = manualTimers();
    sim.control.setPremium('XRP', 0.12);
    const initial: MarketSnapshot = {
      at: 1,
      source: 'demo',
      assets: [
        {
          asset: 'XRP',
          spot: 1,
          perp: null,
          futures: [],
          premium: 0.3,
          premiumSource: 'nearest-future',
          basisMethod: 'simple',
          regime: 'extreme-contango',
          heldByHysteresis: false,
          stale: false,
          receivedAt: 1,
          problem:
            'Binance refused the XRP/USDT spot pair; Premia is checking whether it was delisted.',
        },
      ],
    };
    try {
      const p = poller({
        feed: gateway(),
        settings: () => settingsFor(['XRP']),
        timers: clock.timers,
        initial,
      });
      expect(p.snapshot()!.assets[0]).toMatchObject({ stale: true, premium: 0.3 });
      // What went wrong last time is not said again before this session finds it so.
      expect(p.snapshot()!.assets[0]!.problem).toBeUndefined();
      p.start();
      const outcome = await step(p, clock);
      expect(outcome.snapshot!.assets[0]).toMatchObject({
        regime: 'extreme-contango',
        heldByHysteresis: true,
      });
    } finally {
      sim.control.setPremium('XRP', null);
    }
  });
});

describe('tracked assets', () => {
  it('finds a newly listed asset when it is tracked and tells once of one the venue does not list', async () => {
    let tracked = ['BTC'];
    const unlisted: string[] = [];
    const clock = manualTimers();
    const p = poller({
      feed: gateway(),
      settings: () => settingsFor(tracked),
      timers: clock.timers,
      onUnlisted: (asset) => unlisted.push(asset),
    });
    p.start();
    await step(p, clock);
    const [added] = sim.control.addAssets(1);
    tracked = ['BTC', added!, 'NOPE'];
    const outcome = await step(p, clock);
    expect(outcome.ok).toBe(true);
    const [, fresh, none] = outcome.snapshot!.assets;
    expect(fresh).toMatchObject({ asset: added, stale: false });
    expect(fresh!.spot).toBeGreaterThan(0);
    expect(none).toMatchObject({ asset: 'NOPE', stale: true, spot: null, premium: null });
    await step(p, clock);
    expect(unlisted).toEqual(['NOPE']);
  });
});

describe('problems the venue will not mend by itself', () => {
  it('keeps the other assets fresh when the venue refuses one spot pair, and says why on that one', async () => {
    const own = await startSimulator({ seed: 6, marketTime: MARKET_TIME, speed: 0 });
    try {
      const clock = manualTimers();
      const p = poller({
        feed: createExchangeGateway({ exchange: 'binance', redirectTo: own.url, rateLimitMs: 1 })
          .gateway,
        settings: () => settingsFor(['BTC', 'XRP', 'ETH']),
        timers: clock.timers,
      });
      p.start();
      expect((await step(p, clock)).ok).toBe(true);
      own.control.delist('XRP', 'spot');

      for (let i = 0; i < 3; i++) {
        const outcome = await step(p, clock);
        expect(outcome.ok).toBe(true);
        const [btc, xrp, eth] = outcome.snapshot!.assets;
        for (const fresh of [btc!, eth!]) {
          expect(fresh).toMatchObject({ stale: false });
          expect(fresh.problem).toBeUndefined();
          expect(fresh.spot).toBeGreaterThan(0);
        }
        expect(xrp).toMatchObject({ asset: 'XRP', spot: null, stale: false });
        expect(xrp!.problem).toMatch(/^Binance refused the XRP\/USDT spot pair/);
        // Its perpetual still gives it a premium.
        expect(xrp!.premium).not.toBeNull();
      }
      expect(p.stats().failures).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('stops asking a venue that refuses this region, and says so on every asset', async () => {
    const clock = manualTimers();
    const halts: CycleFailure[] = [];
    const p = poller({
      feed: gateway({ retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } }),
      settings: () => settingsFor(['BTC', 'ETH']),
      timers: clock.timers,
      onHalt: (failure) => halts.push(failure),
    });
    p.start();
    expect((await step(p, clock)).ok).toBe(true);
    sim.control.setFaults({ refuseRegion: true });

    const refused = await step(p, clock);
    expect(refused).toMatchObject({ ok: false, failure: { kind: 'region-refused' } });
    expect(() => clock.fire()).toThrow('no cycle is scheduled');
    expect(p.stats()).toMatchObject({ halted: true, nextCycleAt: null, offline: false });
    expect(halts.map((f) => f.kind)).toEqual(['region-refused']);
    for (const asset of refused.snapshot!.assets) {
      expect(asset.problem).toMatch(/Binance refuses connections from this region \(HTTP 451\)/);
      expect(asset.problem).toMatch(/another exchange, or the demo market/);
      // The last numbers received stay, marked stale once they are old.
      expect(asset.premium).not.toBeNull();
    }

    // Asked again (a retry, or a setting changed), it tries once more and resumes when the venue
    // answers.
    sim.control.clearFaults();
    const next = p.nextCycle();
    p.retryNow();
    clock.fire();
    const back = await next;
    expect(back.ok).toBe(true);
    expect(back.snapshot!.assets.every((a) => a.problem === undefined)).toBe(true);
    expect(p.stats().halted).toBe(false);
  });
});

describe('fault soak', () => {
  it('survives a fifth of answers failing for hundreds of cycles and recovers within two cycles', async () => {
    const intervalMs = 15;
    const snapshots: MarketSnapshot[] = [];
    const tracked = ['BTC', 'ETH', 'SOL'];
    const clock = virtualClock();
    const feed = gateway({
      timeoutMs: 150,
      retry: { retries: 1, baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 1_000 },
      now: clock.now,
      sleep: clock.sleep,
    });
    // The first load of the markets is cold (ccxt parses them, the simulator builds its paths): on
    // a busy machine it may outlast the soak's short timeout, which is about hanging requests.
    for (let attempt = 1; ; attempt++) {
      const loaded = await feed.ready().then(
        () => true,
        (error: unknown) => {
          if (attempt >= 5) throw error;
          return false;
        },
      );
      if (loaded) break;
    }
    const p = poller({
      feed,
      settings: () => settingsFor(tracked, intervalMs),
      now: clock.now,
      timers: clock.timers,
      maxBackoffMs: 60,
      onSnapshot: (s) => snapshots.push(s),
    });
    p.start();
    const warm = await p.nextCycle();
    expect(warm.ok).toBe(true);
    sim.control.setFaults({
      rate429: 0.05,
      rate5xx: 0.05,
      rateTimeout: 0.05,
      rateHtml: 0.05,
      retryAfterSeconds: 0,
    });
    while (p.stats().cycles < 300) await p.nextCycle();
    const duringFaults = snapshots.length;
    const stats = p.stats();
    expect(stats.cycles).toBe(300);
    expect(stats.failures).toBeGreaterThan(0);

    sim.control.clearFaults();
    await p.nextCycle(); // the cycle in flight may still meet a fault sent before the clear
    const after = [await p.nextCycle(), await p.nextCycle()];
    const recovered = after.find((o) => o.ok);
    expect(recovered).toBeDefined();
    expect(recovered!.snapshot!.assets.every((a) => !a.stale)).toBe(true);

    for (const s of snapshots) {
      expect(numbersIn(s).every(Number.isFinite)).toBe(true);
      for (const a of s.assets) {
        const old = a.receivedAt == null || s.at - a.receivedAt >= 2 * intervalMs;
        expect(a.stale).toBe(old);
      }
    }
    const staleWhileFaulty = snapshots
      .slice(0, duringFaults)
      .some((s) => s.assets.some((a) => a.stale));
    expect(staleWhileFaulty).toBe(true);
  }, 50_000);
});
