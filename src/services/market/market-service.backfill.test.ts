// Integration: the market service's backfill over the real ccxt binance class and the simulator, with
// its history store in a temporary data folder: a newly seen asset's history filled and calibrated
// from, the thresholds from history used, the first start timed stage by stage, and the backfill's
// requests held while a cycle fetches its quotes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PremiaEvent } from '../../shared/api';
import { manualTimers } from '../../shared/manual-timers';
import type { BackfillProgress } from '../../shared/market';
import { startSimulator, type Simulator } from '../../sim';
import type { ConnectMarket } from './market-run';
import { marketFixture, turn } from './market-service-testing';

const DAY = 86_400_000;

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, marketTime: Date.UTC(2025, 0, 10, 12) });
});

afterAll(async () => {
  await sim.close();
});

const m = marketFixture(() => ({ demo: sim.url }));

describe("the market service's backfill", () => {
  it('backfills a newly seen asset, telling its progress up to 1, and calibrates from it', async () => {
    m.settings = { ...m.settings, assets: { tracked: ['BTC'], mix: {} } };
    const { market, diagnostics } = await m.open({ backfill: true, backfillLookbackMs: 20 * DAY });
    await market.start();
    await market.waitForLiveSnapshot(20_000);
    await diagnostics.backfillIdle();

    const progress = m.events
      .filter((e): e is Extract<PremiaEvent, { type: 'backfill' }> => e.type === 'backfill')
      .map((e) => e.progress);
    for (const series of ['funding', 'spot'] as const) {
      const seen: BackfillProgress[] = progress.filter((p) => p.series === series);
      expect(seen.length).toBeGreaterThan(1);
      const fractions = seen.map((p) => p.fraction);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
      expect(seen[seen.length - 1]).toMatchObject({
        asset: 'BTC',
        fraction: 1,
        done: true,
        error: null,
      });
    }
    const funding = await market.history({ asset: 'BTC', series: 'funding' });
    expect(funding.t.length).toBeGreaterThanOrEqual(59);
    const spot = await market.history({ asset: 'BTC', series: 'spot', maxPoints: 100 });
    expect(spot.t.length).toBeLessThanOrEqual(100);
    expect(spot.t.length).toBeGreaterThan(50);

    const calibration = await market.calibration({ asset: 'BTC' });
    expect(calibration.fixed).toEqual(m.settings.thresholds.fixed);
    expect(calibration.reason).toBeNull();
    expect(calibration.stats!.count).toBeGreaterThan(20 * 24 - 48);
    expect(calibration.fromHistory!.deepBelow).toBeLessThan(calibration.fromHistory!.moderateFrom);
  });

  it('explains why there are no thresholds from history when there is too little', async () => {
    const { market } = await m.open();
    const calibration = await market.calibration({ asset: 'BTC' });
    expect(calibration).toMatchObject({ asset: 'BTC', fromHistory: null, stats: null });
    expect(calibration.reason).toMatch(/at least 30/);
  });

  it('classifies by the thresholds from history when the m.settings ask for them', async () => {
    m.settings = {
      ...m.settings,
      assets: { tracked: ['ETH'], mix: {} },
      thresholds: { ...m.settings.thresholds, mode: 'history' },
    };
    const { market, diagnostics } = await m.open({ backfill: true, backfillLookbackMs: 20 * DAY });
    await market.start();
    await market.waitForLiveSnapshot(20_000);
    await diagnostics.backfillIdle();
    const calibration = await market.calibration({ asset: 'ETH' });
    expect(calibration.fromHistory).not.toBeNull();
    // A cycle already running when the backfill finished may still use the fixed set.
    const shown = [];
    for (let i = 0; i < 3; i++) {
      shown.push((await market.waitForLiveSnapshot(20_000)).assets[0]!.thresholds);
    }
    expect(shown[shown.length - 1]).toEqual(calibration.fromHistory);
    expect(calibration.fromHistory).not.toEqual(m.settings.thresholds.fixed);
  });

  it('times each stage of its first start, and begins the backfill only after the first snapshot', async () => {
    m.settings = { ...m.settings, assets: { tracked: ['BTC'], mix: {} } };
    const { market, diagnostics } = await m.open({ backfill: true, backfillLookbackMs: 2 * DAY });
    expect(diagnostics.startupTimeline().startAt).toBeNull();
    await market.start();
    await market.waitForLiveSnapshot(20_000);
    await diagnostics.backfillIdle();

    const t = diagnostics.startupTimeline();
    expect(t.ccxtSource).toBe('venue-module');
    expect(t.ccxtImportMs).toBeGreaterThanOrEqual(0);
    const stages = [
      t.startAt,
      t.connectedAt,
      t.marketsLoadedAt,
      t.firstQuotesAt,
      t.firstSnapshotAt,
      t.backfillStartAt,
    ];
    expect(stages.every((at) => typeof at === 'number')).toBe(true);
    expect(stages).toEqual([...stages].sort((a, b) => a! - b!));
    expect(t.backfillStartAt).toBeGreaterThan(t.firstSnapshotAt!);
    const firstSnapshot = m.events.findIndex((e) => e.type === 'snapshot');
    const firstProgress = m.events.findIndex((e) => e.type === 'backfill');
    expect(firstSnapshot).toBeGreaterThanOrEqual(0);
    expect(firstProgress).toBeGreaterThan(firstSnapshot);
  });

  it("holds the backfill's requests while a cycle is fetching quotes", async () => {
    m.settings = { ...m.settings, assets: { tracked: ['BTC'], mix: {} } };
    let cycles = 0;
    let releaseQuotes = () => {};
    const quotesHeld = new Promise<void>((resolve) => (releaseQuotes = resolve));
    const historyCalls: number[] = [];
    const held: ConnectMarket = async (market) => {
      const connection = await m.connect(market);
      const real = connection.gateway;
      return {
        ...connection,
        gateway: {
          ...real,
          // The first cycle goes through; the second stays in flight until released.
          fetchMarketData: async (assets) => {
            cycles++;
            if (cycles >= 2) await quotesHeld;
            return real.fetchMarketData(assets);
          },
          fetchFundingHistory: (asset, options) => {
            historyCalls.push(cycles);
            return real.fetchFundingHistory(asset, options);
          },
          fetchPriceHistory: (asset, timeframe, options) => {
            historyCalls.push(cycles);
            return real.fetchPriceHistory(asset, timeframe, options);
          },
        },
      };
    };
    const clock = manualTimers();
    let backfillBegan = () => {};
    const began = new Promise<void>((resolve) => (backfillBegan = resolve));
    const { market, diagnostics } = await m.open({
      connect: held,
      backfill: true,
      backfillLookbackMs: 2 * DAY,
      timers: clock.timers,
      now: clock.now,
      emit: (event) => {
        m.events.push(event);
        if (event.type === 'backfill') backfillBegan();
      },
    });
    await market.start();
    const live = market.waitForLiveSnapshot(20_000);
    clock.advance(0);
    await live;
    const firstAt = clock.now();
    await turn(); // the first cycle winds up
    // The second cycle starts and is held with its request in flight; then the backfill's wait
    // after the first snapshot ends and it begins.
    clock.advance(m.settings.market.refreshIntervalMs);
    expect(cycles).toBe(2);
    await clock.whenWaiting(1_000);
    clock.advance(firstAt + 1_000 - clock.now());
    await began;
    // Anything not held would reach the gateway within a turn of the event loop.
    for (let i = 0; i < 3; i++) await turn();
    expect(diagnostics.startupTimeline().backfillStartAt).not.toBeNull();
    expect(historyCalls).toEqual([]);

    releaseQuotes();
    await diagnostics.backfillIdle();
    expect(historyCalls.length).toBeGreaterThan(0);
  });
});
