// Integration: the poller over the real ccxt binance class against the simulator when the venue
// misbehaves, on a clock the test moves: a refused spot pair, a refused region, and a long run with a
// fifth of the answers failing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MarketSnapshot } from '../../shared/market';
import { startSimulator, type Simulator } from '../../sim';
import { MARKET_TIME, pollerClock, pollers, settingsFor, simGateway, step } from './poller-testing';
import type { CycleFailure } from './poller-types';

let sim: Simulator;
const poller = pollers();

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, marketTime: MARKET_TIME, speed: 0 });
  sim.control.setWeightLimits({ spot: 1_000_000, futures: 1_000_000 });
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.control.clearFaults();
});

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('problems the venue will not mend by itself', () => {
  it('keeps the other assets fresh when the venue refuses one spot pair, and says why on that one', async () => {
    const own = await startSimulator({ seed: 6, marketTime: MARKET_TIME, speed: 0 });
    try {
      const clock = pollerClock();
      const p = poller(
        {
          feed: simGateway(own.url, { timeoutMs: 10_000, retry: {} }).gateway,
          settings: () => settingsFor(['BTC', 'XRP', 'ETH']),
        },
        clock,
      );
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
    const clock = pollerClock();
    const halts: CycleFailure[] = [];
    const p = poller(
      {
        feed: simGateway(sim.url, { retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } }).gateway,
        settings: () => settingsFor(['BTC', 'ETH']),
        onHalt: (failure) => halts.push(failure),
      },
      clock,
    );
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
    const clock = pollerClock();
    const feed = simGateway(sim.url, {
      timeoutMs: 150,
      retry: { retries: 1, baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 1_000 },
      // The gateway's backoff moves the clock instead of waiting.
      now: clock.now,
      sleep: async (ms) => clock.advance(ms),
    }).gateway;
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
    const p = poller(
      {
        feed,
        settings: () => settingsFor(tracked, intervalMs),
        maxBackoffMs: 60,
        onSnapshot: (s) => snapshots.push(s),
      },
      clock,
    );
    p.start();
    const warm = await step(p, clock);
    expect(warm.ok).toBe(true);
    sim.control.setFaults({
      rate429: 0.05,
      rate5xx: 0.05,
      rateTimeout: 0.05,
      rateHtml: 0.05,
      retryAfterSeconds: 0,
    });
    while (p.stats().cycles < 300) await step(p, clock);
    const duringFaults = snapshots.length;
    const stats = p.stats();
    expect(stats.cycles).toBe(300);
    expect(stats.failures).toBeGreaterThan(0);

    sim.control.clearFaults();
    const after = [await step(p, clock), await step(p, clock)];
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
