import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../core';
import type { PremiaEvent, QuoteInput } from '../shared/api';
import { API_METHODS } from '../shared/api';
import { PremiaError } from '../shared/errors';
import type { SettingsPatch } from '../shared/settings';
import type { AppServices } from './app-services';
import { createAppServices } from './app-services';
import { silentLogger } from './logger';
import { SETTINGS_FILE } from './settings-store';

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

async function start(): Promise<AppServices> {
  const s = await createAppServices({
    dataDir: dir,
    host: 'web',
    version: '9.9.9-test',
    now: () => 1_700_000_000_000,
    logger: silentLogger,
  });
  services.push(s);
  return s;
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
