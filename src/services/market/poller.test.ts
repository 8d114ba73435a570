// Integration: the poller driving the real ccxt binance class over HTTP against the simulator, on a
// clock the test moves: requests per cycle, the waits between cycles, and regimes across cycles.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MarketSnapshot } from '../../shared/market';
import { startSimulator, type Simulator } from '../../sim';
import type { ExchangeGatewayOptions } from '../gateway';
import {
  INTERVAL,
  MARKET_TIME,
  pollerClock,
  pollers,
  settingsFor,
  simGateway,
  step,
} from './poller-testing';
import type { CycleFailure, CycleOutcome, MarketFeed } from './poller-types';

const TWENTY = 20;

let sim: Simulator;
let twenty: string[];
const poller = pollers();

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, marketTime: MARKET_TIME, speed: 0 });
  sim.control.addAssets(TWENTY - sim.control.state().assets.length);
  sim.control.setWeightLimits({ spot: 1_000_000, futures: 1_000_000 });
  twenty = sim.control.state().assets.map((a) => a.asset);
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.control.clearFaults();
});

const gateway = (extra: Partial<ExchangeGatewayOptions> = {}) => simGateway(sim.url, extra).gateway;

/** Calls held at the door until the test lets them through, and word of each one that arrives. */
function door() {
  let held: (() => void)[] = [];
  let knock: (() => void) | null = null;
  let wide = false;
  return {
    /** Waits until the test opens the door. */
    enter: () =>
      new Promise<void>((resolve) => {
        if (wide) return resolve();
        held.push(resolve);
        knock?.();
        knock = null;
      }),
    /** Resolves once a call is waiting at the door. */
    waiting: () =>
      held.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => (knock = resolve)),
    /** Lets through the calls waiting. */
    open() {
      const through = held;
      held = [];
      for (const resolve of through) resolve();
    },
    /** Lets through every call from now on. */
    openWide() {
      wide = true;
      this.open();
    },
  };
}

describe('requests per cycle', () => {
  it('costs the same requests and the same cycles for 20 assets as for 2', async () => {
    const runs = [];
    for (const tracked of [twenty.slice(0, 2), twenty]) {
      const { gateway: g, diagnostics } = simGateway(sim.url);
      const clock = pollerClock();
      const p = poller({ feed: g, settings: () => settingsFor(tracked) }, clock);
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

describe('waits between cycles', () => {
  it('waits a few seconds after a first failure and doubles up to half a minute, so data is back soon after the venue', async () => {
    const clock = pollerClock();
    const p = poller({ feed: gateway(), settings: () => settingsFor(['BTC'], INTERVAL) }, clock);
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
    const clock = pollerClock();
    const changes: string[] = [];
    const p = poller(
      {
        feed: gateway(),
        settings: () => settingsFor(['BTC'], INTERVAL),
        onStateChange: () => {
          const stats = p.stats();
          changes.push(
            stats.inFlight ? 'running' : stats.nextCycleAt !== null ? 'scheduled' : 'idle',
          );
        },
      },
      clock,
    );
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
    const clock = pollerClock();
    const p = poller(
      { feed: gateway(), settings: () => settingsFor(['BTC'], 1_000), maxBackoffMs: 10_000 },
      clock,
    );
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
    const quotes = door();
    let running = 0;
    let most = 0;
    const feed: MarketFeed = {
      discover: (assets) => g.discover(assets),
      reloadMarkets: () => g.reloadMarkets(),
      async fetchMarketData(assets) {
        running++;
        most = Math.max(most, running);
        try {
          await quotes.enter();
          return await g.fetchMarketData(assets);
        } finally {
          running--;
        }
      },
    };
    const clock = pollerClock();
    const p = poller({ feed, settings: () => settingsFor(['BTC'], 20) }, clock);
    p.start();
    while (p.stats().cycles < 4) {
      const finished = p.nextCycle();
      // Whatever is due runs: the cycle asked for, or the next by the interval.
      clock.advance(20);
      await quotes.waiting();
      // While the cycle waits for its quotes, refreshes and retries are asked for and time passes.
      for (let i = 0; i < 3; i++) {
        p.refreshSoon();
        p.refreshSoon();
        p.retryNow();
        clock.advance(15);
      }
      quotes.open();
      expect((await finished).ok).toBe(true);
    }
    quotes.openWide();
    await p.stop();
    expect(p.stats().failures).toBe(0);
    expect(most).toBe(1);
  });

  it('asks nothing while paused, not even when a refresh or a retry is asked for, and asks at once on resuming', async () => {
    const clock = pollerClock();
    const p = poller({ feed: gateway(), settings: () => settingsFor(['BTC'], INTERVAL) }, clock);
    p.start();
    await step(p, clock);
    p.pause();
    expect(p.stats()).toMatchObject({ paused: true, nextCycleAt: null });
    p.refreshSoon();
    p.retryNow();
    p.reschedule();
    clock.advance(INTERVAL * 10);
    expect(p.stats()).toMatchObject({ cycles: 1, nextCycleAt: null });
    // Two refreshes on, what was shown is said to be stale rather than passed off as current.
    expect(p.snapshot()?.assets.every((a) => a.stale)).toBe(true);

    p.resume();
    expect(p.stats().paused).toBe(false);
    expect(clock.lastDelay()).toBe(0);
    expect((await step(p, clock)).ok).toBe(true);
    expect(p.stats().cycles).toBe(2);
    expect(clock.lastDelay()).toBeGreaterThan(INTERVAL - 1_000);
  });

  it('lets a cycle under way when paused finish without scheduling the next', async () => {
    const g = gateway();
    const quotes = door();
    const feed: MarketFeed = {
      discover: (assets) => g.discover(assets),
      reloadMarkets: () => g.reloadMarkets(),
      async fetchMarketData(assets) {
        await quotes.enter();
        return g.fetchMarketData(assets);
      },
    };
    const clock = pollerClock();
    const p = poller({ feed, settings: () => settingsFor(['BTC'], INTERVAL) }, clock);
    p.start();
    const finished = p.nextCycle();
    clock.fire();
    await quotes.waiting();
    p.pause();
    quotes.openWide();
    expect((await finished).ok).toBe(true);
    expect(p.stats()).toMatchObject({ paused: true, inFlight: false, nextCycleAt: null });
  });

  it('takes a shorter refresh interval from the next wait on', async () => {
    let settings = settingsFor(['BTC'], 60_000);
    const clock = pollerClock();
    const p = poller({ feed: gateway(), settings: () => settings }, clock);
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

describe('regimes across cycles', () => {
  it('holds extreme contango by hysteresis until the premium falls below the exit level', async () => {
    const clock = pollerClock();
    // ETH lists quarterlies, whose basis follows a new premium at once (funding would need days).
    const p = poller({ feed: gateway(), settings: () => settingsFor(['ETH']) }, clock);
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
    const clock = pollerClock();
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
      const p = poller({ feed: gateway(), settings: () => settingsFor(['XRP']), initial }, clock);
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
    const clock = pollerClock();
    const p = poller(
      {
        feed: gateway(),
        settings: () => settingsFor(tracked),
        onUnlisted: (asset) => unlisted.push(asset),
      },
      clock,
    );
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
