// The composition root: the API over the settings and the stores, the data folder's lock, and the
// history the market keeps.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFundingHistory } from '../../test/fixtures';
import type { FundingPoint } from '../core';
import { DEFAULT_HISTORY_K, defaultSettings, signalPremium, thresholdsFromHistory } from '../core';
import type { PremiaEvent, QuoteInput } from '../shared/api';
import { API_METHODS } from '../shared/api';
import type { SettingsPatch } from '../shared/settings';
import { DAY_MS, YEAR_MS } from '../shared/time';
import { refusal, servicesFolder } from './app-services-testing';
import { LOCK_FILE } from './data-lock';
import { HistoryStore, seriesId } from './history';
import { marketSeriesKey } from './market';
import { SETTINGS_FILE } from './settings-store';

const dataFolder = servicesFolder();

const knownQuote: QuoteInput = { kind: 'future', spot: 100, futures: 101.5, daysToExpiry: 30 };

describe('createAppServices', () => {
  it('implements every method of the API', async () => {
    const { api } = await dataFolder.start();
    for (const method of API_METHODS) expect(typeof api[method]).toBe('function');
  });

  it('describes the app as a demo in the host it was started by', async () => {
    const { api } = await dataFolder.start();
    expect(await api.getAppInfo()).toEqual({
      version: '9.9.9-test',
      host: 'web',
      demo: true,
      notices: [],
    });
  });

  it('starts with the default settings and no snapshot', async () => {
    const { api } = await dataFolder.start();
    expect(await api.getSettings()).toEqual(defaultSettings());
    expect(await api.getSnapshot()).toBeNull();
  });

  it('saves an update, announces it as a settings event, and keeps it across a restart', async () => {
    const first = await dataFolder.start();
    const events: PremiaEvent[] = [];
    first.onEvent((e) => events.push(e));
    const updated = await first.api.updateSettings({ rebalance: { slippageLimit: 0.005 } });
    expect(updated.rebalance.slippageLimit).toBe(0.005);
    // The portfolio follows with its view against the new settings.
    expect(events.filter((e) => e.type === 'settings')).toEqual([
      { type: 'settings', settings: updated },
    ]);
    await first.close();

    const second = await dataFolder.start();
    expect((await second.api.getSettings()).rebalance.slippageLimit).toBe(0.005);
  });

  it('refuses a bad update naming the field, sends no event and stores nothing', async () => {
    const { api, onEvent } = await dataFolder.start();
    const events: PremiaEvent[] = [];
    onEvent((e) => events.push(e));
    const before = await readFile(join(dataFolder.dir, SETTINGS_FILE));
    const error = await refusal(
      api.updateSettings({ policy: { neutral: { spot: 0.8, hedged: 0, stable: 0.3 } } }),
    );
    expect(error.toPayload()).toEqual({
      code: 'invalid-input',
      message: 'policy.neutral: weights must sum to 100% (they sum to 110.00%)',
      field: 'policy.neutral',
    });
    // The portfolio's own first view may be heard meanwhile; no settings event is.
    expect(events.filter((e) => e.type === 'settings')).toEqual([]);
    expect((await readFile(join(dataFolder.dir, SETTINGS_FILE))).equals(before)).toBe(true);
  });

  it('refuses an update of a group that cannot be changed', async () => {
    const { api } = await dataFolder.start();
    const error = await refusal(api.updateSettings({ version: 2 } as unknown as SettingsPatch));
    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe('version');
  });

  it('resets the settings and announces the reset', async () => {
    const { api, onEvent } = await dataFolder.start();
    await api.updateSettings({ rebalance: { leverageCap: 3 } });
    const events: PremiaEvent[] = [];
    onEvent((e) => events.push(e));
    const reset = await api.resetSettings();
    expect(reset).toEqual(defaultSettings());
    expect(events.filter((e) => e.type === 'settings')).toEqual([
      { type: 'settings', settings: defaultSettings() },
    ]);
  });

  it('stops telling a listener once it unsubscribes, and goes on when another listener throws', async () => {
    const { api, onEvent } = await dataFolder.start();
    const heard: string[] = [];
    onEvent(() => {
      throw new Error('window gone');
    });
    const stop = onEvent((e) => heard.push(e.type));
    await api.updateSettings({ rebalance: { leverageCap: 3 } });
    stop();
    await api.updateSettings({ rebalance: { leverageCap: 4 } });
    expect(heard.filter((type) => type === 'settings')).toEqual(['settings']);
  });

  it('evaluates a known quote into its premium, regime and weights', async () => {
    const { api } = await dataFolder.start();
    const result = await api.evaluateQuote(knownQuote);
    expect(result.premium).toBeCloseTo(0.1825, 12);
    expect(result.method).toBe('simple');
    expect(result.regime).toBe('moderate-contango');
    expect(result.heldByHysteresis).toBe(false);
    expect(result.weights).toEqual({ spot: 0.7, hedged: 0.15, stable: 0.15 });
    expect(result.warning).toBeNull();
  });

  it('evaluates a quote by the current settings', async () => {
    const { api } = await dataFolder.start();
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
    const { api } = await dataFolder.start();
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
    const { api } = await dataFolder.start();
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
    const { api } = await dataFolder.start();
    const call = api.getSettings as unknown as (input: unknown) => Promise<unknown>;
    const error = await refusal(call({ sneaky: true }));
    expect(error.code).toBe('invalid-input');
  });

  it('lists the notice of a recovered settings file until it is dismissed', async () => {
    await (await dataFolder.start()).close();
    await writeFile(join(dataFolder.dir, SETTINGS_FILE), '{"version":1');
    const { api, onEvent } = await dataFolder.start();
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
    const s = await dataFolder.start();
    await s.close();
    await s.close();
    const error = await refusal(s.api.updateSettings({ rebalance: { leverageCap: 3 } }));
    expect(error.code).toBe('unavailable');
  });
});

describe('the data folder', () => {
  it('refuses a second Premia on the same data folder and lets one in once the first closes', async () => {
    const first = await dataFolder.start();
    const error = await refusal(dataFolder.start());
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('Another Premia is using this data folder');
    await first.close();
    expect(existsSync(join(dataFolder.dir, LOCK_FILE))).toBe(false);
    const second = await dataFolder.start();
    expect((await second.api.getAppInfo()).demo).toBe(true);
  });
});

describe('damaged market history', () => {
  it('tells the user what it dropped when the history opens, and serves every other point', async () => {
    const key = marketSeriesKey('demo', 'BTC', 'spot');
    const t0 = Date.UTC(2026, 0, 1);
    const store = await HistoryStore.open(dataFolder.dir, {
      flushIntervalMs: 0,
      compactionIntervalMs: 0,
    });
    for (let i = 0; i < 48; i++) store.append(key, t0 + i * 3_600_000, 100 + i);
    await store.close();
    const folder = join(dataFolder.dir, 'history', seriesId(key));
    const [first] = (await readdir(folder)).sort();
    const path = join(folder, first!);
    const bytes = await readFile(path);
    bytes.writeDoubleLE(1e300, 16 + 3 * 16);
    await writeFile(path, bytes);

    const { api } = await dataFolder.start();
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
    const store = await HistoryStore.open(dataFolder.dir, {
      flushIntervalMs: 0,
      compactionIntervalMs: 0,
    });
    await store.importSeries(
      marketSeriesKey('demo', 'BTC', 'funding'),
      fixture.map((p) => ({ t: p.at, v: p.rate })),
    );
    await store.close();

    const { api } = await dataFolder.start({ now: () => now });
    const calibration = await api.getCalibration({ asset: 'BTC' });

    // Independently: the averaged-funding premium at every hour of the trailing year.
    const window = 7 * DAY_MS;
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
