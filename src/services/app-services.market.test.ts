// The composition root's market: the demo market started by itself or by hand, its simulator's
// port and control interface, and the switch to a venue's live data and back.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { PremiaEvent } from '../shared/api';
import { drive, manualTimers, type ManualTimers } from '../shared/manual-timers';
import type { MarketSnapshot } from '../shared/market';
import { createControlToken } from '../sim';
import type { AppServices, AppServicesOptions } from './app-services';
import { SIM_CONTROL_TOKEN_ENV, SIM_DIR_NAME } from './app-services';
import { refusal, servicesFolder } from './app-services-testing';
import { LOCK_FILE } from './data-lock';
import type * as CcxtLoader from './gateway/ccxt-loader';
import { loadVenueCcxt } from './gateway/ccxt-loader';

/**
 * ccxt's loading tells `gate.asked` it was asked, waits on `gate.open` (a test may hold it), then
 * loads for real.
 */
const ccxtGate = vi.hoisted(() => ({
  open: Promise.resolve(),
  asked: (_name: string): void => undefined,
}));

vi.mock('./gateway/ccxt-loader', async (importOriginal) => {
  const actual = await importOriginal<typeof CcxtLoader>();
  const held = async (name: CcxtLoader.CcxtExchangeName) => {
    ccxtGate.asked(name);
    await ccxtGate.open;
    return actual.loadVenueCcxt(name);
  };
  return { ...actual, loadVenueCcxt: vi.fn(held as typeof actual.loadVenueCcxt) };
});

const dataFolder = servicesFolder();

/**
 * Services whose market reads the in-process simulator, whose clock is the wall's. The market's
 * timers wait for `clock`: nothing happens on its own in time, only as `driven` moves it.
 */
function startWithMarket(
  clock: ManualTimers,
  market: AppServicesOptions['market'],
  env: Record<string, string> = {},
) {
  return dataFolder.start({
    now: Date.now,
    env,
    market: {
      backfill: false,
      gateway: { rateLimitMs: 1, retry: { retries: 0 } },
      history: { flushIntervalMs: 0, compactionIntervalMs: 0 },
      timers: clock.timers,
      ...market,
    },
  });
}

/** One turn of the event loop: what is ready to run has run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Fires the market's timers as soon as each is set until `outcome` settles (see `drive`). */
const driven = <T>(clock: ManualTimers, outcome: Promise<T>): Promise<T> =>
  drive(clock, outcome, turn);

function nextEvent<T extends PremiaEvent['type']>(
  s: AppServices,
  type: T,
  accept: (event: Extract<PremiaEvent, { type: T }>) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Extract<PremiaEvent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = s.onEvent((event) => {
      if (event.type !== type) return;
      const typed = event as Extract<PremiaEvent, { type: T }>;
      if (!accept(typed)) return;
      clearTimeout(timer);
      stop();
      resolve(typed);
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/v3/ping`)).ok;
  } catch {
    return false;
  }
}

/** Asks the demo market's control interface to set `asset`'s regime. */
function postRegime(
  url: string,
  asset: string,
  regime: string,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(`${url}/__control/regime`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ asset, regime }),
  });
}

/** The simulator's regime for `asset`, read with `token`; null when the control interface refuses. */
async function simRegime(url: string, asset: string, token?: string): Promise<string | null> {
  const answer = await fetch(`${url}/__control/state`, {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
  if (!answer.ok) return null;
  const state = (await answer.json()) as { assets: { asset: string; regime: string }[] };
  return state.assets.find((a) => a.asset === asset)?.regime ?? null;
}

describe('market data', () => {
  it('starts the demo market by itself once open, answering the UI while ccxt loads', async () => {
    let release = () => {};
    ccxtGate.open = new Promise<void>((resolve) => (release = resolve));
    const asked = new Promise<string>((resolve) => (ccxtGate.asked = resolve));
    vi.mocked(loadVenueCcxt).mockClear();
    const clock = manualTimers();
    const s = await startWithMarket(clock, { start: 'auto' });
    // Opening does not load ccxt: the market starts once the caller's own start-up has run on.
    expect(loadVenueCcxt).not.toHaveBeenCalled();
    const firstSnapshot = nextEvent(s, 'snapshot');
    expect(await asked).toBe('binance');
    expect(loadVenueCcxt).toHaveBeenCalledWith('binance');

    // ccxt is held mid-load: nothing the UI asks for first waits on it.
    const info = await s.api.getAppInfo();
    expect(info.demo).toBe(true);
    expect((await s.api.getSettings()).market.source).toBe('demo');
    expect(await s.api.getSnapshot()).toBeNull();
    release();

    const { snapshot } = await driven(clock, firstSnapshot);
    expect(snapshot.source).toBe('demo');
    expect(snapshot.assets.map((a) => a.asset)).toEqual(['BTC', 'ETH']);
    expect(snapshot.assets.every((a) => !a.stale && a.premium !== null)).toBe(true);
    const demoUrl = s.diagnostics.demoMarketUrl();
    expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await answers(demoUrl!)).toBe(true);
    // Where the simulator listens is no business of the UI's.
    expect(Object.keys(await s.api.getAppInfo()).sort()).toEqual([
      'demo',
      'host',
      'notices',
      'version',
    ]);
    expect(await s.api.getSnapshot()).toEqual(snapshot);
    expect(existsSync(join(dataFolder.dir, SIM_DIR_NAME))).toBe(true);
    const timeline = s.diagnostics.startupTimeline();
    expect(timeline.ccxtSource).toBe('venue-module');
    expect(timeline.firstSnapshotAt).toBeGreaterThanOrEqual(timeline.firstQuotesAt!);
  });

  it('loads neither ccxt nor the simulator until a market started by hand is started', async () => {
    vi.mocked(loadVenueCcxt).mockClear();
    const clock = manualTimers();
    const s = await startWithMarket(clock, { start: 'manual' });
    await s.api.getAppInfo();
    // A market started by itself would have begun by now: it starts on the turn after opening.
    await turn();
    expect(loadVenueCcxt).not.toHaveBeenCalled();
    expect(existsSync(join(dataFolder.dir, SIM_DIR_NAME))).toBe(false);
    expect(s.diagnostics.startupTimeline().startAt).toBeNull();

    await s.startMarket();
    await driven(clock, s.waitForMarketSnapshot(20_000));
    expect(loadVenueCcxt).toHaveBeenCalledWith('binance');
  });

  it('starts the demo market on the port PREMIA_SIM_PORT pins', async () => {
    const port = await freePort();
    const clock = manualTimers();
    const s = await startWithMarket(clock, { start: 'manual' }, { PREMIA_SIM_PORT: String(port) });
    await s.startMarket();
    expect(s.diagnostics.demoMarketUrl()).toBe(`http://127.0.0.1:${port}`);
    await driven(clock, s.waitForMarketSnapshot(20_000));
  });

  it('refuses a PREMIA_SIM_PORT that is not a port, and leaves the folder unlocked', async () => {
    const error = await refusal(
      startWithMarket(manualTimers(), { start: 'manual' }, { PREMIA_SIM_PORT: 'x' }),
    );
    expect(error.message).toContain('PREMIA_SIM_PORT');
    expect(existsSync(join(dataFolder.dir, LOCK_FILE))).toBe(false);
  });

  it("keeps the demo market's control interface off unless PREMIA_SIM_CONTROL_TOKEN turns it on", async () => {
    const s = await startWithMarket(manualTimers(), { start: 'manual' });
    await s.startMarket();
    const answer = await postRegime(s.diagnostics.demoMarketUrl()!, 'ETH', 'deep-backwardation', {
      Authorization: `Bearer ${createControlToken()}`,
    });
    expect(answer.status).toBe(404);
    expect(await answer.text()).toMatch(/control interface is off/);
  });

  it("lets only the holder of PREMIA_SIM_CONTROL_TOKEN move the demo market, never a web page's blind post", async () => {
    const token = createControlToken();
    const s = await startWithMarket(
      manualTimers(),
      { start: 'manual' },
      { [SIM_CONTROL_TOKEN_ENV]: token },
    );
    await s.startMarket();
    const url = s.diagnostics.demoMarketUrl()!;
    const auth = { Authorization: `Bearer ${token}` };
    expect((await postRegime(url, 'ETH', 'extreme-contango', auth)).status).toBe(200);

    const blind = await postRegime(url, 'ETH', 'deep-backwardation', {
      'Content-Type': 'text/plain',
      Origin: 'https://attacker.example',
    });
    expect(blind.status).toBeGreaterThanOrEqual(400);
    const withoutToken = await postRegime(url, 'ETH', 'deep-backwardation', {});
    expect(withoutToken.status).toBe(401);
    expect(await simRegime(url, 'ETH', token)).toBe('euphoria');
  });

  it('refuses a PREMIA_SIM_CONTROL_TOKEN too weak to be a secret, and leaves the folder unlocked', async () => {
    const error = await refusal(
      startWithMarket(manualTimers(), { start: 'manual' }, { [SIM_CONTROL_TOKEN_ENV]: 'hunter2' }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('PREMIA_SIM_CONTROL_TOKEN must be 32 to 256');
    expect(existsSync(join(dataFolder.dir, LOCK_FILE))).toBe(false);
  });

  it("switches to a venue's live public data and back, stopping the simulator meanwhile", async () => {
    // The live venue is out of reach here: every request that is not for the simulator fails.
    const offlineFetch: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith('http://127.0.0.1')) return fetch(input, init);
      return Promise.reject(new TypeError('fetch failed'));
    };
    const clock = manualTimers();
    const s = await startWithMarket(clock, {
      start: 'manual',
      maxBackoffMs: 2_000,
      gateway: { rateLimitMs: 1, retry: { retries: 0 }, fetch: offlineFetch },
    });
    await s.startMarket();
    await driven(clock, s.waitForMarketSnapshot(20_000));
    const demoUrl = s.diagnostics.demoMarketUrl()!;

    const offline = nextEvent(s, 'snapshot', (e) => e.snapshot.source === 'binance');
    const unreachable = nextEvent(s, 'market-health', (e) => e.health?.state === 'offline');
    await s.api.updateSettings({ market: { source: 'live', refreshIntervalMs: 2_000 } });
    const live = (await driven(clock, offline)).snapshot;
    expect(live).toMatchObject({ source: 'binance', offline: true });
    expect((await driven(clock, unreachable)).health).toMatchObject({
      source: 'binance',
      lastFailure: { message: 'Could not reach Binance.' },
    });
    expect(await s.api.getMarketHealth()).toMatchObject({ source: 'binance', state: 'offline' });
    const info = await s.api.getAppInfo();
    expect(info.demo).toBe(false);
    expect(s.diagnostics.demoMarketUrl()).toBeNull();
    expect(await answers(demoUrl)).toBe(false);

    const back = nextEvent(
      s,
      'snapshot',
      (e) => e.snapshot.source === 'demo' && !e.snapshot.offline,
    );
    await s.api.updateSettings({ market: { source: 'demo' } });
    expect((await driven(clock, back)).snapshot.assets.every((a) => !a.stale)).toBe(true);
    const again = await s.api.getAppInfo();
    expect(again.demo).toBe(true);
    expect(await s.api.getMarketHealth()).toMatchObject({ source: 'demo', state: 'live' });
  });

  it('pauses polling until resumed, also across a switch of market, and says so in its health', async () => {
    const clock = manualTimers();
    const s = await startWithMarket(clock, { start: 'manual' });
    await s.startMarket();
    await driven(clock, s.waitForMarketSnapshot(20_000));

    const told = nextEvent(s, 'market-health', (e) => e.health?.state === 'paused');
    expect(await s.api.setMarketPaused(true)).toMatchObject({ source: 'demo', state: 'paused' });
    expect((await told).health).toMatchObject({ state: 'paused', nextAttemptAt: null });

    // Another market chosen while paused starts paused.
    const swapped = nextEvent(s, 'market-health', (e) => e.health?.source === 'binance');
    await s.api.updateSettings({ market: { source: 'live' } });
    expect((await driven(clock, swapped)).health).toMatchObject({ state: 'paused' });
    const demo = nextEvent(s, 'market-health', (e) => e.health?.source === 'demo');
    await s.api.updateSettings({ market: { source: 'demo' } });
    expect((await driven(clock, demo)).health).toMatchObject({ state: 'paused' });

    const fresh = nextEvent(s, 'snapshot', (e) => e.snapshot.assets.every((a) => !a.stale));
    expect((await s.api.setMarketPaused(false))?.state).not.toBe('paused');
    await driven(clock, fresh);
    expect(await s.api.getMarketHealth()).toMatchObject({ source: 'demo', state: 'live' });
  });

  it('refuses a pause that is not yes or no', async () => {
    const s = await startWithMarket(manualTimers(), { start: 'manual' });
    await expect(s.api.setMarketPaused('yes' as unknown as boolean)).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('tracks only what the market lists: refusals say why, suggest what was meant, and save nothing', async () => {
    const clock = manualTimers();
    const s = await startWithMarket(clock, { start: 'manual' });
    await s.startMarket();
    await driven(clock, s.waitForMarketSnapshot(20_000));
    const tracking = (tracked: string[]) =>
      refusal(driven(clock, s.api.updateSettings({ assets: { tracked, mix: {} } })));

    const unlisted = await tracking(['BTC', 'ETH', 'XYZNOTLISTED']);
    expect(unlisted.toPayload()).toEqual({
      code: 'invalid-input',
      field: 'assets.tracked',
      message: 'The demo market lists no spot pair, perpetual or dated future for XYZNOTLISTED.',
    });
    expect((await tracking(['BTC', 'USDT'])).message).toBe(
      'USDT is the currency the demo market quotes every price in, not an asset to track.',
    );
    expect((await tracking(['BTC', 'btcusdt', 'SOLL'])).message).toBe(
      'The demo market lists no spot pair, perpetual or dated future for BTCUSDT. Did you mean BTC? ' +
        'The demo market lists no spot pair, perpetual or dated future for SOLL. Did you mean SOL?',
    );
    expect((await s.api.getSettings()).assets.tracked).toEqual(['BTC', 'ETH']);

    const saved = await driven(
      clock,
      s.api.updateSettings({ assets: { tracked: ['BTC', 'ETH', 'sol'], mix: {} } }),
    );
    expect(saved.assets.tracked).toEqual(['BTC', 'ETH', 'SOL']);
    // Removing needs no listing.
    await s.api.updateSettings({ assets: { tracked: ['BTC'], mix: {} } });
  });

  it('refuses to guess when no market runs to check a new asset against', async () => {
    const s = await dataFolder.start();
    const error = await refusal(
      s.api.updateSettings({ assets: { tracked: ['BTC', 'ETH', 'SOL'], mix: {} } }),
    );
    expect(error).toMatchObject({ code: 'unavailable', field: 'assets.tracked' });
    expect(error.message).toBe(
      "Premia cannot check SOL against the demo market's listing now: no market data is running. Try again once it is.",
    );
    expect((await s.api.getSettings()).assets.tracked).toEqual(['BTC', 'ETH']);
  });

  it('serves the last snapshot, every asset stale, when it opens again', async () => {
    const clock = manualTimers();
    const first = await startWithMarket(clock, { start: 'manual' });
    await first.startMarket();
    const live: MarketSnapshot = await driven(clock, first.waitForMarketSnapshot(20_000));
    await first.close();
    const second = await dataFolder.start();
    const served = await second.api.getSnapshot();
    expect(served!.assets.map((a) => [a.asset, a.spot, a.premium, a.stale])).toEqual(
      live.assets.map((a) => [a.asset, a.spot, a.premium, true]),
    );
  });

  it('answers history queries from the store, empty for an asset with none', async () => {
    const { api } = await dataFolder.start();
    expect(await api.getHistory({ asset: 'btc', series: 'spot' })).toEqual({
      asset: 'BTC',
      series: 'spot',
      t: [],
      v: [],
    });
    const error = await refusal(api.getHistory({ asset: 'BTC', series: 'volume' as 'spot' }));
    expect(error.code).toBe('invalid-input');
  });

  it('refuses asset names that are no ticker as invalid input, in words, never as internal', async () => {
    const { api } = await dataFolder.start();
    for (const asset of ['BTC USD', 'ÄTH', 'BTC€', '比特币', 'BTC/USDT', 'B']) {
      for (const answer of [
        api.getHistory({ asset, series: 'premium' }),
        api.getCalibration({ asset }),
      ]) {
        const error = await refusal(answer);
        expect(error.code).toBe('invalid-input');
        expect(error.message).toBe(
          'asset: must be a ticker such as BTC (2 to 15 letters or digits)',
        );
      }
    }
  });
});
