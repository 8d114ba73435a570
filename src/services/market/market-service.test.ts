// Integration: the market service over the real ccxt binance class and the simulator, with its
// history store and saved snapshot in a temporary data folder: each cycle pushed and recorded, the
// history read back, the last snapshot kept across a restart and a stuck close, the market swapped.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim';
import { HistoryStore } from '../history';
import { lastSnapshotPath } from './last-snapshot';
import type { ConnectMarket } from './market-run';
import { marketFixture } from './market-service-testing';
import { marketSeriesKey } from './series';

let sim: Simulator;
let other: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, marketTime: Date.UTC(2025, 0, 10, 12) });
  other = await startSimulator({ seed: 32, marketTime: Date.UTC(2025, 0, 10, 12) });
});

afterAll(async () => {
  await Promise.all([sim.close(), other.close()]);
});

const m = marketFixture(() => ({ demo: sim.url, live: other.url }));

describe('the market service', () => {
  it('pushes each cycle as a snapshot event and records it as history', async () => {
    const { market, diagnostics } = await m.open();
    await market.start();
    const first = await market.waitForLiveSnapshot(20_000);
    await market.waitForLiveSnapshot(20_000);
    expect(first.source).toBe('demo');
    expect(m.events.some((e) => e.type === 'snapshot' && e.snapshot === first)).toBe(true);
    expect(diagnostics.demoMarketUrl()).toBe(sim.url);
    const spot = await market.history({ asset: 'BTC', series: 'spot' });
    expect(spot.t.length).toBeGreaterThanOrEqual(2);
    expect(spot.v).toContain(first.assets[0]!.spot);
    const premium = await market.history({ asset: 'ETH', series: 'premium' });
    expect(premium.v).toContain(first.assets[1]!.premium);
  });

  it('gives the funding history each settlement’s own interval, as the venue paid it', async () => {
    // Two days of 8 h settlements, then the venue moved ETH to 4 h; the intervals were stored beside.
    const start = Date.UTC(2025, 0, 1);
    const hour = 3_600_000;
    const times = [
      ...Array.from({ length: 6 }, (_, i) => start + (i + 1) * 8 * hour),
      ...Array.from({ length: 6 }, (_, i) => start + 48 * hour + (i + 1) * 4 * hour),
    ];
    const store = await HistoryStore.open(m.dir, { flushIntervalMs: 0, compactionIntervalMs: 0 });
    await store.importSeries(
      marketSeriesKey('demo', 'ETH', 'funding'),
      times.map((t) => ({ t, v: 0.0001 })),
    );
    await store.importSeries(
      marketSeriesKey('demo', 'ETH', 'funding-interval'),
      times.map((t, i) => ({ t, v: i < 6 ? 8 : 4 })),
    );
    await store.close();

    const { market } = await m.open();
    const funding = await market.history({ asset: 'ETH', series: 'funding' });
    expect(funding.t).toEqual(times);
    expect(funding.v).toEqual(times.map(() => 0.0001));
    expect(funding.intervalHours).toEqual([8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 4, 4]);

    const thinned = await market.history({ asset: 'ETH', series: 'funding', maxPoints: 10 });
    expect(thinned.t.length).toBeLessThanOrEqual(10);
    expect(thinned.intervalHours).toHaveLength(thinned.t.length);
    for (const [i, t] of thinned.t.entries()) {
      expect(thinned.intervalHours![i]).toBe(t <= start + 48 * hour ? 8 : 4);
    }
  });

  it('saves the last snapshot and serves it, every asset stale, after a restart', async () => {
    const { market } = await m.open();
    await market.start();
    const live = await market.waitForLiveSnapshot(20_000);
    await market.close();
    expect(existsSync(lastSnapshotPath(m.dir))).toBe(true);

    const { market: reopened } = await m.open();
    const served = reopened.snapshot();
    expect(served).not.toBeNull();
    expect(served!.assets.every((a) => a.stale)).toBe(true);
    expect(served!.assets.map((a) => [a.asset, a.premium, a.regime])).toEqual(
      live.assets.map((a) => [a.asset, a.premium, a.regime]),
    );
    expect(served!.at).toBeGreaterThanOrEqual(live.at);
  });

  it('saves the snapshot and the history on close even when its connection never lets go', async () => {
    const stuck: ConnectMarket = async (market) => ({
      ...(await m.connect(market)),
      close: () => new Promise<void>(() => undefined),
    });
    const { market } = await m.open({ connect: stuck, stopLimitMs: 200 });
    await market.start();
    const live = await market.waitForLiveSnapshot(20_000);

    await market.close();
    expect(existsSync(lastSnapshotPath(m.dir))).toBe(true);
    // The store was flushed and closed: another opener reads the cycle back.
    const store = await HistoryStore.open(m.dir, { flushIntervalMs: 0, compactionIntervalMs: 0 });
    try {
      const spot = await store.read(marketSeriesKey('demo', 'BTC', 'spot'));
      expect(Array.from(spot.v)).toContain(live.assets[0]!.spot);
    } finally {
      await store.close();
    }
  });

  it('swaps the market when the m.settings change its source, closing the old one', async () => {
    const { market, diagnostics } = await m.open();
    await market.start();
    expect((await market.waitForLiveSnapshot(20_000)).source).toBe('demo');
    const before = m.settings;
    m.settings = { ...m.settings, market: { ...m.settings.market, source: 'live' } };
    market.settingsChanged(before, m.settings);
    let snapshot = await market.waitForLiveSnapshot(20_000);
    while (snapshot.source !== 'binance') snapshot = await market.waitForLiveSnapshot(20_000);
    expect(m.closedConnections).toEqual(['demo']);
    expect(diagnostics.demoMarketUrl()).toBeNull();
    expect(market.snapshot()!.source).toBe('binance');
  });

  it('re-evaluates the regimes at once when the thresholds change, not at the next refresh', async () => {
    // An hour between cycles: only the change itself can bring the next snapshot within the wait.
    m.settings = { ...m.settings, market: { ...m.settings.market, refreshIntervalMs: 3_600_000 } };
    const { market } = await m.open();
    await market.start();
    const first = await market.waitForLiveSnapshot(20_000);
    expect(first.assets.some((a) => a.regime !== 'extreme-contango')).toBe(true);

    // Levels so low that every premium the simulator quotes is extreme contango.
    const fixed = { deepBelow: -40, moderateFrom: -30, extremeAbove: -20, extremeExit: -25 };
    const before = m.settings;
    m.settings = { ...before, thresholds: { ...before.thresholds, fixed } };
    market.settingsChanged(before, m.settings);
    const next = await market.waitForLiveSnapshot(5_000);
    expect(next.assets.map((a) => a.thresholds)).toEqual(first.assets.map(() => fixed));
    expect(next.assets.map((a) => a.regime)).toEqual(first.assets.map(() => 'extreme-contango'));
  });

  it('gives up waiting for a first cycle with a clear error', async () => {
    const { market } = await m.open();
    await expect(market.waitForLiveSnapshot(50)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('No market data within'),
    });
  });
});
