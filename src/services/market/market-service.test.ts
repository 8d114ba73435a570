// Integration: the market service over the real ccxt binance class and the simulator, with its
// history store, backfill and saved snapshot in a temporary data folder.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core';
import type { PremiaEvent } from '../../shared/api';
import type { BackfillProgress } from '../../shared/market';
import type { Settings } from '../../shared/settings';
import { startSimulator, type Simulator } from '../../sim';
import { createExchangeGateway } from '../gateway';
import { PremiaError } from '../../shared/errors';
import { NoticeBoard } from '../notices';
import { HistoryStore } from '../history';
import { lastSnapshotPath } from './last-snapshot';
import type { ConnectMarket } from './market-run';
import type { MarketService, MarketServiceOptions, OpenedMarketService } from './market-service';
import type { PollerTimers } from './poller-types';
import { createMarketService } from './market-service';
import { marketSeriesKey } from './series';

const DAY = 86_400_000;

let sim: Simulator;
let other: Simulator;
let dir: string;
let settings: Settings;
let events: PremiaEvent[];
let services: MarketService[];
let closedConnections: string[];

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, marketTime: Date.UTC(2025, 0, 10, 12) });
  other = await startSimulator({ seed: 32, marketTime: Date.UTC(2025, 0, 10, 12) });
});

afterAll(async () => {
  await Promise.all([sim.close(), other.close()]);
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-market-'));
  const s = defaultSettings();
  settings = { ...s, market: { ...s.market, refreshIntervalMs: 40 } };
  events = [];
  services = [];
  closedConnections = [];
});

afterEach(async () => {
  await Promise.all(services.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

/** Demo mode reads `sim`; "live" binance reads the other simulator, standing in for the venue. */
const connect: ConnectMarket = async (market) => {
  const target = market.source === 'demo' ? sim : other;
  const label = market.source === 'demo' ? 'demo' : market.exchange;
  const { gateway, diagnostics } = createExchangeGateway({
    exchange: 'binance',
    redirectTo: target.url,
    rateLimitMs: 1,
    retry: { retries: 0 },
  });
  return {
    label,
    gateway,
    close: async () => {
      closedConnections.push(label);
    },
    diagnostics: {
      gateway: diagnostics,
      demoMarketUrl: market.source === 'demo' ? target.url : null,
    },
  };
};

/** One turn of the event loop: what is ready to run has run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Timers the test fires by hand, each picked by the wait it was set for (staleness wakes aside). */
function manualTimers() {
  const pending = new Set<{ callback: () => void; ms: number }>();
  const timers: PollerTimers = {
    setTimeout(callback, ms, purpose) {
      const handle = { callback, ms };
      if (purpose !== 'staleness') pending.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle as { callback: () => void; ms: number });
    },
  };
  return {
    timers,
    pending: () => pending.size,
    fire(which: (ms: number) => boolean) {
      const due = [...pending].find((p) => which(p.ms));
      if (!due) throw new Error('no such timer is pending');
      pending.delete(due);
      due.callback();
    },
  };
}

async function open(extra: Partial<MarketServiceOptions> = {}): Promise<OpenedMarketService> {
  const opened = await createMarketService({
    dataDir: dir,
    settings: () => settings,
    connect,
    notices: new NoticeBoard(),
    emit: (event) => events.push(event),
    backfill: false,
    history: { flushIntervalMs: 0, compactionIntervalMs: 0 },
    ...extra,
  });
  services.push(opened.market);
  return opened;
}

describe('the market service', () => {
  it('pushes each cycle as a snapshot event and records it as history', async () => {
    const { market, diagnostics } = await open();
    await market.start();
    const first = await market.waitForLiveSnapshot(20_000);
    await market.waitForLiveSnapshot(20_000);
    expect(first.source).toBe('demo');
    expect(events.some((e) => e.type === 'snapshot' && e.snapshot === first)).toBe(true);
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
    const store = await HistoryStore.open(dir, { flushIntervalMs: 0, compactionIntervalMs: 0 });
    await store.importSeries(
      marketSeriesKey('demo', 'ETH', 'funding'),
      times.map((t) => ({ t, v: 0.0001 })),
    );
    await store.importSeries(
      marketSeriesKey('demo', 'ETH', 'funding-interval'),
      times.map((t, i) => ({ t, v: i < 6 ? 8 : 4 })),
    );
    await store.close();

    const { market } = await open();
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
    const { market } = await open();
    await market.start();
    const live = await market.waitForLiveSnapshot(20_000);
    await market.close();
    expect(existsSync(lastSnapshotPath(dir))).toBe(true);

    const { market: reopened } = await open();
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
      ...(await connect(market)),
      close: () => new Promise<void>(() => undefined),
    });
    const { market } = await open({ connect: stuck, stopLimitMs: 200 });
    await market.start();
    const live = await market.waitForLiveSnapshot(20_000);

    await market.close();
    expect(existsSync(lastSnapshotPath(dir))).toBe(true);
    // The store was flushed and closed: another opener reads the cycle back.
    const store = await HistoryStore.open(dir, { flushIntervalMs: 0, compactionIntervalMs: 0 });
    try {
      const spot = await store.read(marketSeriesKey('demo', 'BTC', 'spot'));
      expect(Array.from(spot.v)).toContain(live.assets[0]!.spot);
    } finally {
      await store.close();
    }
  });

  it('backfills a newly seen asset, telling its progress up to 1, and calibrates from it', async () => {
    settings = { ...settings, assets: { tracked: ['BTC'], mix: {} } };
    const { market, diagnostics } = await open({ backfill: true, backfillLookbackMs: 20 * DAY });
    await market.start();
    await market.waitForLiveSnapshot(20_000);
    await diagnostics.backfillIdle();

    const progress = events
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
    expect(calibration.fixed).toEqual(settings.thresholds.fixed);
    expect(calibration.reason).toBeNull();
    expect(calibration.stats!.count).toBeGreaterThan(20 * 24 - 48);
    expect(calibration.fromHistory!.deepBelow).toBeLessThan(calibration.fromHistory!.moderateFrom);
  });

  it('explains why there are no thresholds from history when there is too little', async () => {
    const { market } = await open();
    const calibration = await market.calibration({ asset: 'BTC' });
    expect(calibration).toMatchObject({ asset: 'BTC', fromHistory: null, stats: null });
    expect(calibration.reason).toMatch(/at least 30/);
  });

  it('classifies by the thresholds from history when the settings ask for them', async () => {
    settings = {
      ...settings,
      assets: { tracked: ['ETH'], mix: {} },
      thresholds: { ...settings.thresholds, mode: 'history' },
    };
    const { market, diagnostics } = await open({ backfill: true, backfillLookbackMs: 20 * DAY });
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
    expect(calibration.fromHistory).not.toEqual(settings.thresholds.fixed);
  });

  it('swaps the market when the settings change its source, closing the old one', async () => {
    const { market, diagnostics } = await open();
    await market.start();
    expect((await market.waitForLiveSnapshot(20_000)).source).toBe('demo');
    const before = settings;
    settings = { ...settings, market: { ...settings.market, source: 'live' } };
    market.settingsChanged(before, settings);
    let snapshot = await market.waitForLiveSnapshot(20_000);
    while (snapshot.source !== 'binance') snapshot = await market.waitForLiveSnapshot(20_000);
    expect(closedConnections).toEqual(['demo']);
    expect(diagnostics.demoMarketUrl()).toBeNull();
    expect(market.snapshot()!.source).toBe('binance');
  });

  it('times each stage of its first start, and begins the backfill only after the first snapshot', async () => {
    settings = { ...settings, assets: { tracked: ['BTC'], mix: {} } };
    const { market, diagnostics } = await open({ backfill: true, backfillLookbackMs: 2 * DAY });
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
    const firstSnapshot = events.findIndex((e) => e.type === 'snapshot');
    const firstProgress = events.findIndex((e) => e.type === 'backfill');
    expect(firstSnapshot).toBeGreaterThanOrEqual(0);
    expect(firstProgress).toBeGreaterThan(firstSnapshot);
  });

  it("holds the backfill's requests while a cycle is fetching quotes", async () => {
    settings = { ...settings, assets: { tracked: ['BTC'], mix: {} } };
    let cycles = 0;
    let releaseQuotes = () => {};
    const quotesHeld = new Promise<void>((resolve) => (releaseQuotes = resolve));
    const historyCalls: number[] = [];
    const held: ConnectMarket = async (market) => {
      const connection = await connect(market);
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
    const { market, diagnostics } = await open({
      connect: held,
      backfill: true,
      backfillLookbackMs: 2 * DAY,
      timers: clock.timers,
      emit: (event) => {
        events.push(event);
        if (event.type === 'backfill') backfillBegan();
      },
    });
    await market.start();
    const live = market.waitForLiveSnapshot(20_000);
    clock.fire((ms) => ms < 1_000);
    await live;
    await turn(); // the first cycle winds up
    // The second cycle starts and is held with its request in flight; then the backfill's wait
    // after the first snapshot ends and it begins.
    clock.fire((ms) => ms < 1_000);
    expect(cycles).toBe(2);
    clock.fire((ms) => ms === 1_000);
    await began;
    // Anything not held would reach the gateway within a turn of the event loop.
    for (let i = 0; i < 3; i++) await turn();
    expect(diagnostics.startupTimeline().backfillStartAt).not.toBeNull();
    expect(historyCalls).toEqual([]);

    releaseQuotes();
    await diagnostics.backfillIdle();
    expect(historyCalls.length).toBeGreaterThan(0);
  });

  it('tells once, in words, that the venue refuses this region, and stops asking', async () => {
    const notices = new NoticeBoard();
    const clock = manualTimers();
    const { market } = await open({ notices, timers: clock.timers });
    sim.control.setFaults({ refuseRegion: true });
    try {
      await market.start();
      expect(market.health()).toMatchObject({ source: 'demo', state: 'starting' });
      const waiting = market.waitForLiveSnapshot(20_000);
      clock.fire(() => true);
      // Whoever waits for data (the CLI's snapshot) hears why at once, not after a timeout.
      await expect(waiting).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/^Binance refuses connections from this region/),
      });

      const shown = notices.list();
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({ level: 'error' });
      expect(shown[0]!.message).toBe(
        'Binance refuses connections from this region (HTTP 451), so Premia cannot read its market data from here. Choose another exchange, or the demo market, in Settings.',
      );
      const snapshot = market.snapshot()!;
      expect(snapshot.assets.map((a) => a.asset)).toEqual(settings.assets.tracked);
      expect(snapshot.assets.every((a) => a.problem === shown[0]!.message)).toBe(true);
      expect(market.health()).toMatchObject({
        state: 'refused',
        lastFailure: { kind: 'region-refused', message: shown[0]!.message },
        nextAttemptAt: null,
      });
      expect(clock.pending()).toBe(0);
    } finally {
      sim.control.clearFaults();
    }
  });

  it('tells its health as it changes: the reason of a failure, the next attempt, and live again at once when asked', async () => {
    const clock = manualTimers();
    const { market, diagnostics } = await open({ timers: clock.timers });
    const told = () => events.flatMap((e) => (e.type === 'market-health' ? [e.health] : []));
    await market.start();
    expect(told().at(-1)).toMatchObject({ source: 'demo', state: 'starting', refreshing: false });

    const live = market.waitForLiveSnapshot(20_000);
    clock.fire(() => true);
    await live;
    await turn();
    expect(market.health()).toMatchObject({ state: 'live', lastFailure: null });
    expect(told().at(-1)).toEqual(market.health());
    expect(told().some((h) => h?.refreshing === true)).toBe(true);

    sim.control.setFaults({ rate5xx: 1 });
    try {
      const failed = diagnostics.poller()!.nextCycle();
      clock.fire((ms) => ms <= settings.market.refreshIntervalMs);
      expect((await failed).ok).toBe(false);
      const down = market.health()!;
      expect(down).toMatchObject({
        state: 'retrying',
        lastFailure: { kind: 'unavailable', message: expect.stringMatching(/is unavailable/) },
        refreshing: false,
      });
      expect(down.nextAttemptAt).toBeGreaterThan(down.lastFailure!.at);
      expect(told().at(-1)).toEqual(down);
    } finally {
      sim.control.clearFaults();
    }

    // Asked again, it does not wait out the pause: the attempt is due at once.
    const back = diagnostics.poller()!.nextCycle();
    market.retryNow();
    clock.fire((ms) => ms === 0);
    expect((await back).ok).toBe(true);
    expect(market.health()).toMatchObject({ state: 'live', lastFailure: null });
    expect(told().at(-1)).toEqual(market.health());
  });

  it('tries to open a market that could not be opened again when asked', async () => {
    let attempts = 0;
    const flaky: ConnectMarket = async (market) => {
      attempts++;
      if (attempts === 1) throw new PremiaError('unavailable', 'The demo market could not start.');
      return connect(market);
    };
    const notices = new NoticeBoard();
    const { market } = await open({ connect: flaky, notices });
    await market.start();
    expect(market.health()).toBeNull();
    expect(notices.list().map((n) => n.message)).toEqual(['The demo market could not start.']);
    const live = market.waitForLiveSnapshot(20_000);
    market.retryNow();
    await live;
    expect(attempts).toBe(2);
    expect(market.health()).toMatchObject({ state: 'live' });
  });

  it('takes what it said of an asset the venue does not list away with the asset, and says it again if it returns', async () => {
    const notices = new NoticeBoard();
    const withXyz = { ...settings, assets: { tracked: ['BTC', 'XYZ'], mix: {} } };
    settings = withXyz;
    const { market } = await open({ notices });
    await market.start();
    await market.waitForLiveSnapshot(20_000);
    const said = () => notices.list().map((n) => n.message);
    expect(said()).toEqual([
      'The demo market lists no spot pair, perpetual or dated future for XYZ.',
    ]);

    settings = { ...withXyz, assets: { tracked: ['BTC'], mix: {} } };
    market.settingsChanged(withXyz, settings);
    expect(said()).toEqual([]);

    const before = settings;
    settings = withXyz;
    market.settingsChanged(before, settings);
    await market.waitForLiveSnapshot(20_000);
    expect(said()).toEqual([
      'The demo market lists no spot pair, perpetual or dated future for XYZ.',
    ]);
  });

  it('checks a new asset against the listing it loaded even while the venue is out of reach', async () => {
    const { market } = await open();
    await market.start();
    await market.waitForLiveSnapshot(20_000);
    sim.control.setFaults({ rate5xx: 1 });
    try {
      await expect(market.checkTrackable(['SOL', 'DOGE'])).resolves.toBeUndefined();
      await expect(market.checkTrackable(['SOL', 'DOGGO'])).rejects.toMatchObject({
        code: 'invalid-input',
        field: 'assets.tracked',
        message:
          'The demo market lists no spot pair, perpetual or dated future for DOGGO. Did you mean DOGE?',
      });
    } finally {
      sim.control.clearFaults();
    }
  });

  it('reads the listing again for an asset listed since it was loaded, once in a while', async () => {
    const { market } = await open();
    await market.start();
    await market.waitForLiveSnapshot(20_000);
    sim.control.addAssets(['FRESH']);
    await expect(market.checkTrackable(['FRESH'])).resolves.toBeUndefined();
    // Within the minute, a name still missing is judged by the listing just read.
    sim.control.addAssets(['FRESHER']);
    await expect(market.checkTrackable(['FRESHER'])).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('refuses to check a new asset when the venue’s listing was never to be had, saying why', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable: ConnectMarket = async () => {
      const { gateway, diagnostics } = createExchangeGateway({
        exchange: 'binance',
        redirectTo: `http://127.0.0.1:${port}`,
        retry: { retries: 0 },
      });
      return {
        label: 'binance',
        gateway,
        close: async () => undefined,
        diagnostics: { gateway: diagnostics, demoMarketUrl: null },
      };
    };
    settings = { ...settings, market: { ...settings.market, source: 'live', exchange: 'binance' } };
    const { market } = await open({ connect: unreachable });
    await market.start();
    await expect(market.checkTrackable(['SOL'])).rejects.toMatchObject({
      code: 'unavailable',
      field: 'assets.tracked',
      message:
        "Premia could not check SOL against Binance's listing (Could not reach Binance). Try again once market data comes in.",
    });
  });

  it('gives up waiting for a first cycle with a clear error', async () => {
    const { market } = await open();
    await expect(market.waitForLiveSnapshot(50)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('No market data within'),
    });
  });
});
