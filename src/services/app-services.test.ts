import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFundingHistory } from '../../test/fixtures';
import type { FundingPoint } from '../core';
import {
  DEFAULT_HISTORY_K,
  defaultSettings,
  MS_PER_DAY,
  signalPremium,
  thresholdsFromHistory,
  YEAR_MS,
} from '../core';
import type { PremiaEvent, QuoteInput } from '../shared/api';
import { API_METHODS } from '../shared/api';
import { PremiaError } from '../shared/errors';
import type { MarketSnapshot } from '../shared/market';
import type { SettingsPatch } from '../shared/settings';
import { createControlToken } from '../sim';
import type { AppServices, AppServicesOptions } from './app-services';
import { createAppServices, SIM_CONTROL_TOKEN_ENV, SIM_DIR_NAME } from './app-services';
import { LOCK_FILE } from './data-lock';
import type * as CcxtLoader from './gateway/ccxt-loader';
import { loadVenueCcxt } from './gateway/ccxt-loader';
import { HistoryStore, seriesId } from './history';
import { silentLogger } from './logger';
import { marketSeriesKey } from './market';
import { SETTINGS_FILE } from './settings-store';

/** ccxt's loading waits on `gate.open` (a test may hold it), then loads for real. */
const ccxtGate = vi.hoisted(() => ({ open: Promise.resolve() }));

vi.mock('./gateway/ccxt-loader', async (importOriginal) => {
  const actual = await importOriginal<typeof CcxtLoader>();
  const held = async (name: CcxtLoader.CcxtExchangeName) => {
    await ccxtGate.open;
    return actual.loadVenueCcxt(name);
  };
  return { ...actual, loadVenueCcxt: vi.fn(held as typeof actual.loadVenueCcxt) };
});

let dir: string;
let services: AppServices[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-services-'));
  services = [];
});

afterEach(async () => {
  await Promise.all(services.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(extra: Partial<AppServicesOptions> = {}): Promise<AppServices> {
  const s = await createAppServices({
    dataDir: dir,
    host: 'web',
    version: '9.9.9-test',
    now: () => 1_700_000_000_000,
    logger: silentLogger,
    market: { start: 'off' },
    ...extra,
  });
  services.push(s);
  return s;
}

/** Services whose market runs on the wall clock against the in-process simulator. */
function startWithMarket(market: AppServicesOptions['market'], env: Record<string, string> = {}) {
  return start({
    now: Date.now,
    env,
    market: {
      backfill: false,
      gateway: { rateLimitMs: 1, retry: { retries: 0 } },
      history: { flushIntervalMs: 0, compactionIntervalMs: 0 },
      ...market,
    },
  });
}

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

async function refusal(promise: Promise<unknown>): Promise<PremiaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PremiaError))
    throw new Error(`expected a PremiaError, got ${String(error)}`);
  return error;
}

const knownQuote: QuoteInput = { kind: 'future', spot: 100, futures: 101.5, daysToExpiry: 30 };

describe('createAppServices', () => {
  it('implements every method of the API', async () => {
    const { api } = await start();
    for (const method of API_METHODS) expect(typeof api[method]).toBe('function');
  });

  it('describes the app as a demo in the host it was started by', async () => {
    const { api } = await start();
    expect(await api.getAppInfo()).toEqual({
      version: '9.9.9-test',
      host: 'web',
      demo: true,
      notices: [],
    });
  });

  it('starts with the default settings and no snapshot', async () => {
    const { api } = await start();
    expect(await api.getSettings()).toEqual(defaultSettings());
    expect(await api.getSnapshot()).toBeNull();
  });

  it('saves an update, announces it as a settings event, and keeps it across a restart', async () => {
    const first = await start();
    const events: PremiaEvent[] = [];
    first.onEvent((e) => events.push(e));
    const updated = await first.api.updateSettings({ rebalance: { slippageLimit: 0.005 } });
    expect(updated.rebalance.slippageLimit).toBe(0.005);
    expect(events).toEqual([{ type: 'settings', settings: updated }]);
    await first.close();

    const second = await start();
    expect((await second.api.getSettings()).rebalance.slippageLimit).toBe(0.005);
  });

  it('refuses a bad update naming the field, sends no event and stores nothing', async () => {
    const { api, onEvent } = await start();
    const events: PremiaEvent[] = [];
    onEvent((e) => events.push(e));
    const before = await readFile(join(dir, SETTINGS_FILE));
    const error = await refusal(
      api.updateSettings({ policy: { neutral: { spot: 0.8, hedged: 0, stable: 0.3 } } }),
    );
    expect(error.toPayload()).toEqual({
      code: 'invalid-input',
      message: 'policy.neutral: weights must sum to 100% (they sum to 110.00%)',
      field: 'policy.neutral',
    });
    expect(events).toEqual([]);
    expect((await readFile(join(dir, SETTINGS_FILE))).equals(before)).toBe(true);
  });

  it('refuses an update of a group that cannot be changed', async () => {
    const { api } = await start();
    const error = await refusal(api.updateSettings({ version: 2 } as unknown as SettingsPatch));
    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe('version');
  });

  it('resets the settings and announces the reset', async () => {
    const { api, onEvent } = await start();
    await api.updateSettings({ rebalance: { leverageCap: 3 } });
    const events: PremiaEvent[] = [];
    onEvent((e) => events.push(e));
    const reset = await api.resetSettings();
    expect(reset).toEqual(defaultSettings());
    expect(events).toEqual([{ type: 'settings', settings: defaultSettings() }]);
  });

  it('stops telling a listener once it unsubscribes, and goes on when another listener throws', async () => {
    const { api, onEvent } = await start();
    const heard: string[] = [];
    onEvent(() => {
      throw new Error('window gone');
    });
    const stop = onEvent((e) => heard.push(e.type));
    await api.updateSettings({ rebalance: { leverageCap: 3 } });
    stop();
    await api.updateSettings({ rebalance: { leverageCap: 4 } });
    expect(heard).toEqual(['settings']);
  });

  it('evaluates a known quote into its premium, regime and weights', async () => {
    const { api } = await start();
    const result = await api.evaluateQuote(knownQuote);
    expect(result.premium).toBeCloseTo(0.1825, 12);
    expect(result.method).toBe('simple');
    expect(result.regime).toBe('moderate-contango');
    expect(result.heldByHysteresis).toBe(false);
    expect(result.weights).toEqual({ spot: 0.7, hedged: 0.15, stable: 0.15 });
    expect(result.warning).toBeNull();
  });

  it('evaluates a quote by the current settings', async () => {
    const { api } = await start();
    await api.updateSettings({
      thresholds: {
        fixed: { deepBelow: -0.1, moderateFrom: 0.2, extremeAbove: 0.3, extremeExit: 0.2 },
      },
    });
    const result = await api.evaluateQuote(knownQuote);
    expect(result.regime).toBe('neutral');
    expect(result.thresholds.moderateFrom).toBe(0.2);
  });

  it('refuses a bad quote with invalid-input naming the field', async () => {
    const { api } = await start();
    const negative = await refusal(api.evaluateQuote({ ...knownQuote, spot: -1 }));
    expect(negative.toPayload()).toEqual({
      code: 'invalid-input',
      field: 'spot',
      message: 'spot: Spot price must be above 0',
    });

    const wrongType = await refusal(
      api.evaluateQuote({ ...knownQuote, daysToExpiry: '30' } as unknown as QuoteInput),
    );
    expect(wrongType.field).toBe('daysToExpiry');

    const noKind = await refusal(api.evaluateQuote({ rate: 0.0001 } as unknown as QuoteInput));
    expect(noKind.field).toBe('kind');
  });

  it('refuses a quote whose compounded premium overflows as invalid input', async () => {
    const { api } = await start();
    const error = await refusal(
      api.evaluateQuote({
        kind: 'future',
        spot: 1,
        futures: 1e6,
        daysToExpiry: 0.001,
        method: 'compound',
      }),
    );
    expect(error.code).toBe('invalid-input');
  });

  it('refuses an argument given to a method that takes none', async () => {
    const { api } = await start();
    const call = api.getSettings as unknown as (input: unknown) => Promise<unknown>;
    const error = await refusal(call({ sneaky: true }));
    expect(error.code).toBe('invalid-input');
  });

  it('lists the notice of a recovered settings file until it is dismissed', async () => {
    await (await start()).close();
    await writeFile(join(dir, SETTINGS_FILE), '{"version":1');
    const { api, onEvent } = await start();
    const heard: PremiaEvent[] = [];
    onEvent((event) => heard.push(event));
    const { notices } = await api.getAppInfo();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'warning', at: 1_700_000_000_000 });

    await api.dismissNotice(notices[0]!.id);
    expect((await api.getAppInfo()).notices).toEqual([]);
    expect(heard).toEqual([{ type: 'notice-dismissed', id: notices[0]!.id }]);
    await expect(api.dismissNotice(notices[0]!.id)).resolves.toBeUndefined();
    const empty = await refusal(api.dismissNotice(''));
    expect(empty.code).toBe('invalid-input');
  });

  it('closes more than once without complaint and refuses updates after closing', async () => {
    const s = await start();
    await s.close();
    await s.close();
    const error = await refusal(s.api.updateSettings({ rebalance: { leverageCap: 3 } }));
    expect(error.code).toBe('unavailable');
  });
});

describe('the data folder', () => {
  it('refuses a second Premia on the same data folder and lets one in once the first closes', async () => {
    const first = await start();
    const error = await refusal(start());
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('Another Premia is using this data folder');
    await first.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const second = await start();
    expect((await second.api.getAppInfo()).demo).toBe(true);
  });
});

describe('market data', () => {
  it('starts the demo market by itself once open, answering the UI while ccxt loads', async () => {
    let release = () => {};
    ccxtGate.open = new Promise<void>((resolve) => (release = resolve));
    vi.mocked(loadVenueCcxt).mockClear();
    const s = await startWithMarket({ start: 'auto' });
    // Opening does not load ccxt: the market starts once the caller's own start-up has run on.
    expect(loadVenueCcxt).not.toHaveBeenCalled();
    const firstSnapshot = nextEvent(s, 'snapshot');
    await vi.waitFor(() => expect(loadVenueCcxt).toHaveBeenCalledWith('binance'));

    // ccxt is held mid-load: nothing the UI asks for first waits on it.
    const info = await s.api.getAppInfo();
    expect(info.demo).toBe(true);
    expect((await s.api.getSettings()).market.source).toBe('demo');
    expect(await s.api.getSnapshot()).toBeNull();
    release();

    const { snapshot } = await firstSnapshot;
    expect(snapshot.source).toBe('demo');
    expect(snapshot.assets.map((a) => a.asset)).toEqual(['BTC', 'ETH']);
    expect(snapshot.assets.every((a) => !a.stale && a.premium !== null)).toBe(true);
    const demoUrl = s.market.demoMarketUrl();
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
    expect(existsSync(join(dir, SIM_DIR_NAME))).toBe(true);
    const timeline = s.market.startupTimeline();
    expect(timeline.ccxtSource).toBe('venue-module');
    expect(timeline.firstSnapshotAt).toBeGreaterThanOrEqual(timeline.firstQuotesAt!);
  });

  it('loads neither ccxt nor the simulator until a market started by hand is started', async () => {
    vi.mocked(loadVenueCcxt).mockClear();
    const s = await startWithMarket({ start: 'manual' });
    await s.api.getAppInfo();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loadVenueCcxt).not.toHaveBeenCalled();
    expect(existsSync(join(dir, SIM_DIR_NAME))).toBe(false);
    expect(s.market.startupTimeline().startAt).toBeNull();

    await s.startMarket();
    await s.waitForMarketSnapshot(20_000);
    expect(loadVenueCcxt).toHaveBeenCalledWith('binance');
  });

  it('starts the demo market on the port PREMIA_SIM_PORT pins', async () => {
    const port = await freePort();
    const s = await startWithMarket({ start: 'manual' }, { PREMIA_SIM_PORT: String(port) });
    await s.startMarket();
    expect(s.market.demoMarketUrl()).toBe(`http://127.0.0.1:${port}`);
    await s.waitForMarketSnapshot(20_000);
  });

  it('refuses a PREMIA_SIM_PORT that is not a port, and leaves the folder unlocked', async () => {
    const error = await refusal(startWithMarket({ start: 'manual' }, { PREMIA_SIM_PORT: 'x' }));
    expect(error.message).toContain('PREMIA_SIM_PORT');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("keeps the demo market's control interface off unless PREMIA_SIM_CONTROL_TOKEN turns it on", async () => {
    const s = await startWithMarket({ start: 'manual' });
    await s.startMarket();
    const answer = await postRegime(s.market.demoMarketUrl()!, 'ETH', 'deep-backwardation', {
      Authorization: `Bearer ${createControlToken()}`,
    });
    expect(answer.status).toBe(404);
    expect(await answer.text()).toMatch(/control interface is off/);
  });

  it("lets only the holder of PREMIA_SIM_CONTROL_TOKEN move the demo market, never a web page's blind post", async () => {
    const token = createControlToken();
    const s = await startWithMarket({ start: 'manual' }, { [SIM_CONTROL_TOKEN_ENV]: token });
    await s.startMarket();
    const url = s.market.demoMarketUrl()!;
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
      startWithMarket({ start: 'manual' }, { [SIM_CONTROL_TOKEN_ENV]: 'hunter2' }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('PREMIA_SIM_CONTROL_TOKEN must be 32 to 256');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("switches to a venue's live public data and back, stopping the simulator meanwhile", async () => {
    // The live venue is out of reach here: every request that is not for the simulator fails.
    const offlineFetch: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith('http://127.0.0.1')) return fetch(input, init);
      return Promise.reject(new TypeError('fetch failed'));
    };
    const s = await startWithMarket({
      start: 'manual',
      maxBackoffMs: 2_000,
      gateway: { rateLimitMs: 1, retry: { retries: 0 }, fetch: offlineFetch },
    });
    await s.startMarket();
    await s.waitForMarketSnapshot(20_000);
    const demoUrl = s.market.demoMarketUrl()!;

    const offline = nextEvent(s, 'snapshot', (e) => e.snapshot.source === 'binance');
    const unreachable = nextEvent(s, 'market-health', (e) => e.health?.state === 'offline');
    await s.api.updateSettings({ market: { source: 'live', refreshIntervalMs: 2_000 } });
    const live = (await offline).snapshot;
    expect(live).toMatchObject({ source: 'binance', offline: true });
    expect((await unreachable).health).toMatchObject({
      source: 'binance',
      lastFailure: { message: 'Could not reach Binance.' },
    });
    expect(await s.api.getMarketHealth()).toMatchObject({ source: 'binance', state: 'offline' });
    const info = await s.api.getAppInfo();
    expect(info.demo).toBe(false);
    expect(s.market.demoMarketUrl()).toBeNull();
    expect(await answers(demoUrl)).toBe(false);

    const back = nextEvent(
      s,
      'snapshot',
      (e) => e.snapshot.source === 'demo' && !e.snapshot.offline,
    );
    await s.api.updateSettings({ market: { source: 'demo' } });
    expect((await back).snapshot.assets.every((a) => !a.stale)).toBe(true);
    const again = await s.api.getAppInfo();
    expect(again.demo).toBe(true);
    expect(await s.api.getMarketHealth()).toMatchObject({ source: 'demo', state: 'live' });
  });

  it('tracks only what the market lists: refusals say why, suggest what was meant, and save nothing', async () => {
    const s = await startWithMarket({ start: 'manual' });
    await s.startMarket();
    await s.waitForMarketSnapshot(20_000);
    const tracking = (tracked: string[]) =>
      refusal(s.api.updateSettings({ assets: { tracked, mix: {} } }));

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

    const saved = await s.api.updateSettings({
      assets: { tracked: ['BTC', 'ETH', 'sol'], mix: {} },
    });
    expect(saved.assets.tracked).toEqual(['BTC', 'ETH', 'SOL']);
    // Removing needs no listing.
    await s.api.updateSettings({ assets: { tracked: ['BTC'], mix: {} } });
  });

  it('refuses to guess when no market runs to check a new asset against', async () => {
    const s = await start();
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
    const first = await startWithMarket({ start: 'manual' });
    await first.startMarket();
    const live: MarketSnapshot = await first.waitForMarketSnapshot(20_000);
    await first.close();
    const second = await start();
    const served = await second.api.getSnapshot();
    expect(served!.assets.map((a) => [a.asset, a.spot, a.premium, a.stale])).toEqual(
      live.assets.map((a) => [a.asset, a.spot, a.premium, true]),
    );
  });

  it('answers history queries from the store, empty for an asset with none', async () => {
    const { api } = await start();
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
    const { api } = await start();
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

describe('damaged market history', () => {
  it('tells the user what it dropped when the history opens, and serves every other point', async () => {
    const key = marketSeriesKey('demo', 'BTC', 'spot');
    const t0 = Date.UTC(2026, 0, 1);
    const store = await HistoryStore.open(dir, { flushIntervalMs: 0, compactionIntervalMs: 0 });
    for (let i = 0; i < 48; i++) store.append(key, t0 + i * 3_600_000, 100 + i);
    await store.close();
    const folder = join(dir, 'history', seriesId(key));
    const [first] = (await readdir(folder)).sort();
    const path = join(folder, first!);
    const bytes = await readFile(path);
    bytes.writeDoubleLE(1e300, 16 + 3 * 16);
    await writeFile(path, bytes);

    const { api } = await start();
    const history = await api.getHistory({ asset: 'BTC', series: 'spot' });
    expect(history.t).toHaveLength(47);
    const { notices } = await api.getAppInfo();
    expect(notices.map((n) => n.message).join('\n')).toContain(
      'Spot price of demo:BTC: 1 damaged record dropped',
    );
  });
});

describe('calibration on real history', () => {
  it('sets thresholds from the trailing year of BTC funding, as the averaged-funding signal saw it', async () => {
    const fixture = loadFundingHistory('BTC');
    const now = fixture[fixture.length - 1]!.at;
    const store = await HistoryStore.open(dir, { flushIntervalMs: 0, compactionIntervalMs: 0 });
    await store.importSeries(
      marketSeriesKey('demo', 'BTC', 'funding'),
      fixture.map((p) => ({ t: p.at, v: p.rate })),
    );
    await store.close();

    const { api } = await start({ now: () => now });
    const calibration = await api.getCalibration({ asset: 'BTC' });

    // Independently: the averaged-funding premium at every hour of the trailing year.
    const window = 7 * MS_PER_DAY;
    const relevant: FundingPoint[] = fixture.filter((p) => p.at > now - YEAR_MS - window);
    const premiums: number[] = [];
    const hour = 3_600_000;
    for (let t = Math.ceil((now - YEAR_MS + 1) / hour) * hour; t <= now; t += hour) {
      const found = signalPremium(
        { now: t, spot: null, perp: null, fundingHistory: relevant, futures: [] },
        { source: 'funding-average', averagingWindowDays: 7 },
      );
      if (found) premiums.push(found.premium);
    }
    const expected = thresholdsFromHistory(premiums, DEFAULT_HISTORY_K);

    expect(calibration.reason).toBeNull();
    expect(calibration.fixed).toEqual(defaultSettings().thresholds.fixed);
    expect(calibration.stats!.count).toBe(premiums.length);
    expect(premiums.length).toBeGreaterThan(8_700);
    for (const key of ['deepBelow', 'moderateFrom', 'extremeAbove', 'extremeExit'] as const) {
      expect(calibration.fromHistory![key]).toBeCloseTo(expected[key], 10);
    }
    // Real BTC funding: a positive mean carry, so the history's neutral band sits above zero.
    expect(calibration.stats!.mean).toBeGreaterThan(0);
    expect(calibration.fromHistory!.moderateFrom).toBeGreaterThan(calibration.stats!.mean);
  });
});
