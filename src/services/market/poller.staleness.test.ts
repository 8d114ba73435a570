// Integration: how the poller ages what it shows, over the real ccxt binance class against the
// simulator on a clock the test moves: quotes stale two intervals after they arrived, said the moment
// they turn so even between failed cycles, and being offline said once and cleared.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MarketSnapshot } from '../../shared/market';
import { startSimulator, type Simulator } from '../../sim';
import {
  INTERVAL,
  MARKET_TIME,
  pollerClock,
  pollers,
  settingsFor,
  simGateway,
  step,
} from './poller-testing';

let sim: Simulator;
const poller = pollers();

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, marketTime: MARKET_TIME, speed: 0 });
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.control.clearFaults();
});

describe('staleness', () => {
  it('marks an asset stale after two missed cycles by wall time and fresh once quotes arrive', async () => {
    const clock = pollerClock();
    const p = poller(
      { feed: simGateway(sim.url).gateway, settings: () => settingsFor(['BTC', 'ETH']) },
      clock,
    );
    p.start();
    const first = await step(p, clock);
    const receivedAt = clock.now();
    expect(first.snapshot!.assets.map((a) => [a.stale, a.receivedAt])).toEqual([
      [false, receivedAt],
      [false, receivedAt],
    ]);

    sim.control.setFaults({ rate5xx: 1 });
    const missedOne = await step(p, clock);
    expect(clock.now() - receivedAt).toBe(INTERVAL);
    expect(missedOne.ok).toBe(false);
    expect(missedOne.snapshot!.assets.every((a) => !a.stale && a.receivedAt === receivedAt)).toBe(
      true,
    );
    // The first retry comes sooner than the next interval: the quotes are not two intervals old yet.
    const retried = await step(p, clock);
    expect(clock.now() - receivedAt).toBeLessThan(2 * INTERVAL);
    expect(retried.snapshot!.assets.every((a) => !a.stale)).toBe(true);

    const missedTwo = await step(p, clock);
    expect(clock.now() - receivedAt).toBe(2 * INTERVAL);
    expect(missedTwo.ok).toBe(false);
    expect(missedTwo.snapshot!.assets.every((a) => a.stale)).toBe(true);
    // The numbers stay the last ones received, so they still match their regime.
    expect(missedTwo.snapshot!.assets.map((a) => a.premium)).toEqual(
      first.snapshot!.assets.map((a) => a.premium),
    );

    sim.control.clearFaults();
    const back = await step(p, clock);
    expect(back.ok).toBe(true);
    expect(back.snapshot!.assets.every((a) => !a.stale && a.receivedAt === clock.now())).toBe(true);
  });

  it('says an asset is stale the moment its last quotes are two intervals old, between failed cycles', async () => {
    // At this interval the wake for staleness falls between two attempts after failures.
    const interval = 12_000;
    const clock = pollerClock();
    /** How far the wall clock lags the timers' (a timer may fire a moment early by the wall's). */
    let lag = 0;
    const published: MarketSnapshot[] = [];
    const p = poller({
      feed: simGateway(sim.url).gateway,
      settings: () => settingsFor(['BTC', 'ETH'], interval),
      timers: clock.timers,
      now: () => clock.now() - lag,
      onSnapshot: (snapshot) => published.push(snapshot),
    });
    p.start();
    await step(p, clock);
    const receivedAt = clock.now();
    sim.control.setFaults({ rate5xx: 1 });
    expect((await step(p, clock)).ok).toBe(false);
    // The next attempt is set for later than the moment the quotes turn stale: a wake says it then.
    expect(clock.lastDelay()).toBe(5_000);
    expect((await step(p, clock)).ok).toBe(false);
    expect(clock.lastDelay()).toBe(10_000);
    expect(published.at(-1)!.assets.every((a) => !a.stale)).toBe(true);
    expect(clock.untilStale()).toBe(receivedAt + 2 * interval - clock.now());
    expect(clock.untilStale()).toBeLessThan(10_000);

    // The wall clock falls a millisecond behind: the wake comes that much early by it, finds
    // nothing stale yet, and sets itself again for the moment left.
    lag = 1;
    const cycles = p.stats().cycles;
    clock.advance(clock.untilStale());
    expect(published.at(-1)!.assets.every((a) => !a.stale)).toBe(true);
    expect(clock.untilStale()).toBe(1);
    clock.advance(1);
    const aged = published.at(-1)!;
    expect(aged.at).toBe(receivedAt + 2 * interval);
    expect(aged.assets.map((a) => [a.stale, a.receivedAt])).toEqual([
      [true, receivedAt],
      [true, receivedAt],
    ]);
    expect(() => clock.untilStale()).toThrow('no wake is set');
    // No cycle ran for it: the next attempt is still to come.
    expect(p.stats()).toMatchObject({ cycles, inFlight: false });
    expect(p.stats().nextCycleAt).toBeGreaterThan(aged.at);
  });
});

describe('offline', () => {
  it('says it is offline once after network failures in a row, and clears it when the venue answers', async () => {
    let own = await startSimulator({ seed: 4, marketTime: MARKET_TIME, speed: 0 });
    const port = own.port;
    try {
      const changes: boolean[] = [];
      const clock = pollerClock();
      const p = poller(
        {
          feed: simGateway(own.url, { timeoutMs: 10_000, retry: { retries: 0 } }).gateway,
          settings: () => settingsFor(['BTC']),
          onOfflineChange: (offline) => changes.push(offline),
        },
        clock,
      );
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
