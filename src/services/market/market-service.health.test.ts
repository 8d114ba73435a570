// Integration: how the market service tells of the market, over the real ccxt binance class and the
// simulator: a refused region, its health as it changes, a market opened again when asked, notices
// about assets the venue does not list, and new assets checked against the venue's listing.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PremiaError } from '../../shared/errors';
import { manualTimers } from '../../shared/manual-timers';
import { startSimulator, type Simulator } from '../../sim';
import { NoticeBoard } from '../notices';
import type { ConnectMarket } from './market-run';
import { marketFixture, simConnection, turn } from './market-service-testing';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, marketTime: Date.UTC(2025, 0, 10, 12) });
});

afterAll(async () => {
  await sim.close();
});

const m = marketFixture(() => ({ demo: sim.url }));

describe('how the market service tells of the market', () => {
  it('tells once, in words, that the venue refuses this region, and stops asking', async () => {
    const notices = new NoticeBoard();
    const clock = manualTimers();
    const { market } = await m.open({ notices, timers: clock.timers, now: clock.now });
    sim.control.setFaults({ refuseRegion: true });
    try {
      await market.start();
      expect(market.health()).toMatchObject({ source: 'demo', state: 'starting' });
      const waiting = market.waitForLiveSnapshot(20_000);
      clock.advance(0);
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
      expect(snapshot.assets.map((a) => a.asset)).toEqual(m.settings.assets.tracked);
      expect(snapshot.assets.every((a) => a.problem === shown[0]!.message)).toBe(true);
      expect(market.health()).toMatchObject({
        state: 'refused',
        lastFailure: { kind: 'region-refused', message: shown[0]!.message },
        nextAttemptAt: null,
      });
      expect(clock.waiting()).toEqual([]);
    } finally {
      sim.control.clearFaults();
    }
  });

  it('tells its health as it changes: the reason of a failure, the next attempt, and live again at once when asked', async () => {
    const clock = manualTimers();
    const { market, diagnostics } = await m.open({ timers: clock.timers, now: clock.now });
    const told = () => m.events.flatMap((e) => (e.type === 'market-health' ? [e.health] : []));
    await market.start();
    expect(told().at(-1)).toMatchObject({ source: 'demo', state: 'starting', refreshing: false });

    const live = market.waitForLiveSnapshot(20_000);
    clock.advance(0);
    await live;
    await turn();
    expect(market.health()).toMatchObject({ state: 'live', lastFailure: null });
    expect(told().at(-1)).toEqual(market.health());
    expect(told().some((h) => h?.refreshing === true)).toBe(true);

    sim.control.setFaults({ rate5xx: 1 });
    try {
      const failed = diagnostics.poller()!.nextCycle();
      clock.advance(m.settings.market.refreshIntervalMs);
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
    expect(market.health()!.nextAttemptAt).toBe(clock.now());
    clock.advance(0);
    expect((await back).ok).toBe(true);
    expect(market.health()).toMatchObject({ state: 'live', lastFailure: null });
    expect(told().at(-1)).toEqual(market.health());
  });

  it('tries to open a market that could not be opened again when asked', async () => {
    let attempts = 0;
    const flaky: ConnectMarket = async (market) => {
      attempts++;
      if (attempts === 1) throw new PremiaError('unavailable', 'The demo market could not start.');
      return m.connect(market);
    };
    const notices = new NoticeBoard();
    const { market } = await m.open({ connect: flaky, notices });
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
    const withXyz = { ...m.settings, assets: { tracked: ['BTC', 'XYZ'], mix: {} } };
    m.settings = withXyz;
    const { market } = await m.open({ notices });
    await market.start();
    await market.waitForLiveSnapshot(20_000);
    const said = () => notices.list().map((n) => n.message);
    expect(said()).toEqual([
      'The demo market lists no spot pair, perpetual or dated future for XYZ.',
    ]);

    m.settings = { ...withXyz, assets: { tracked: ['BTC'], mix: {} } };
    market.settingsChanged(withXyz, m.settings);
    expect(said()).toEqual([]);

    const before = m.settings;
    m.settings = withXyz;
    market.settingsChanged(before, m.settings);
    await market.waitForLiveSnapshot(20_000);
    expect(said()).toEqual([
      'The demo market lists no spot pair, perpetual or dated future for XYZ.',
    ]);
  });

  it('checks a new asset against the listing it loaded even while the venue is out of reach', async () => {
    const { market } = await m.open();
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
    const { market } = await m.open();
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
    const unreachable: ConnectMarket = async () =>
      simConnection('binance', `http://127.0.0.1:${port}`, async () => undefined, null);
    m.settings = {
      ...m.settings,
      market: { ...m.settings.market, source: 'live', exchange: 'binance' },
    };
    const { market } = await m.open({ connect: unreachable });
    await market.start();
    await expect(market.checkTrackable(['SOL'])).rejects.toMatchObject({
      code: 'unavailable',
      field: 'assets.tracked',
      message:
        "Premia could not check SOL against Binance's listing (Could not reach Binance). Try again once market data comes in.",
    });
  });
});
