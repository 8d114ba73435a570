import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../core';
import { SETTINGS_VERSION, settingsSchema } from '../shared/settings';
import type { Migration } from './settings-migrations';
import { migrateSettings, SETTINGS_MIGRATIONS } from './settings-migrations';

describe('migrateSettings', () => {
  it('has an entry for every version from 1 to the current one', () => {
    for (let v = 1; v <= SETTINGS_VERSION; v += 1) expect(SETTINGS_MIGRATIONS.has(v)).toBe(true);
  });

  it('reads a current-version document as it is', () => {
    const doc = defaultSettings();
    const result = migrateSettings(doc);
    expect(result).toEqual({ kind: 'current', document: doc, migratedFrom: null, notes: [] });
  });

  it('runs the entry keyed by the document version and reports where it came from', () => {
    const table = new Map<number, Migration>([
      [1, (d) => ({ ...d, version: 3, note: `from 1 (${String(d.old)})` })],
      [2, (d) => ({ ...d, version: 3, note: 'from 2' })],
      [3, (d) => d],
    ]);
    expect(migrateSettings({ version: 1, old: 'x' }, table, 3)).toEqual({
      kind: 'current',
      document: { version: 3, old: 'x', note: 'from 1 (x)' },
      migratedFrom: 1,
      notes: [],
    });
    expect(migrateSettings({ version: 2 }, table, 3)).toMatchObject({
      document: { note: 'from 2' },
      migratedFrom: 2,
    });
  });

  it('does not change the document it was given', () => {
    const input = { version: 1, nested: { a: 1 } };
    const table = new Map<number, Migration>([
      [
        1,
        (d) => {
          (d.nested as { a: number }).a = 2;
          return { ...d, version: 2 };
        },
      ],
    ]);
    migrateSettings(input, table, 2);
    expect(input.nested.a).toBe(1);
  });

  it('recognises a document from a newer version', () => {
    expect(migrateSettings({ version: SETTINGS_VERSION + 1 })).toEqual({
      kind: 'newer',
      version: SETTINGS_VERSION + 1,
    });
  });

  it('calls anything without a usable version unreadable', () => {
    for (const value of [
      null,
      7,
      'text',
      [],
      {},
      { version: '1' },
      { version: 0 },
      { version: 1.5 },
    ]) {
      expect(migrateSettings(value).kind).toBe('unreadable');
    }
  });

  it('calls a version with no entry unreadable', () => {
    const table = new Map<number, Migration>([[2, (d) => d]]);
    expect(migrateSettings({ version: 1 }, table, 2)).toEqual({
      kind: 'unreadable',
      reason: 'its settings version 1 is no longer supported',
    });
  });

  it('hands on what an entry tells the user, in the order it was told', () => {
    const table = new Map<number, Migration>([
      [
        1,
        (d, tell) => {
          tell('first');
          tell('second');
          return { ...d, version: 2 };
        },
      ],
      [2, (d) => d],
    ]);
    expect(migrateSettings({ version: 1 }, table, 2)).toMatchObject({
      kind: 'current',
      notes: ['first', 'second'],
    });
  });

  it('throws when an entry does not reach the current version', () => {
    const table = new Map<number, Migration>([[1, (d) => d]]);
    expect(() => migrateSettings({ version: 1 }, table, 2)).toThrow(/produced version 1, not 2/);
  });
});

/** A version 1 document: today's defaults with the market group given. */
function version1(market: Record<string, unknown>): Record<string, unknown> {
  const doc = defaultSettings();
  return { ...doc, version: 1, market: { ...doc.market, ...market } };
}

describe('version 1 settings', () => {
  it.each([
    ['bybit', 'Bybit'],
    ['okx', 'OKX'],
  ])('move from %s, which Premia has no connection to, to Binance and say why', (id, name) => {
    const result = migrateSettings(version1({ source: 'live', exchange: id }));
    if (result.kind !== 'current') throw new Error(`not migrated: ${result.kind}`);
    expect(settingsSchema.parse(result.document).market).toMatchObject({
      source: 'live',
      exchange: 'binance',
    });
    expect(result.migratedFrom).toBe(1);
    expect(result.notes).toEqual([
      `Your settings chose ${name} as the exchange, but Premia has no connection to ${name} (it works with Binance only), so the exchange is now Binance. Live market data comes from Binance.`,
    ]);
  });

  it('say nothing of live data when the demo market is in use', () => {
    const result = migrateSettings(version1({ source: 'demo', exchange: 'okx' }));
    if (result.kind !== 'current') throw new Error(`not migrated: ${result.kind}`);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).not.toMatch(/Live market data/);
  });

  it('keep Binance, and every other setting, as they were, with nothing to tell', () => {
    const before = version1({ source: 'live', exchange: 'binance', refreshIntervalMs: 30_000 });
    const result = migrateSettings(before);
    expect(result).toEqual({
      kind: 'current',
      document: { ...before, version: SETTINGS_VERSION },
      migratedFrom: 1,
      notes: [],
    });
  });
});

describe('version 2 settings', () => {
  it('gain holdings and vault settings at their defaults and keep everything else', () => {
    const { portfolio, vault, ...rest } = defaultSettings();
    const v2 = { ...rest, version: 2, assets: { tracked: ['SOL'], mix: {} } };
    const result = migrateSettings(v2);
    expect(result.kind).toBe('current');
    if (result.kind !== 'current') return;
    expect(result.migratedFrom).toBe(2);
    expect(result.notes).toEqual([]);
    const settings = settingsSchema.parse(result.document);
    expect(settings.portfolio).toEqual(portfolio);
    expect(settings.vault).toEqual(vault);
    expect(settings.assets.tracked).toEqual(['SOL']);
  });
});

describe('version 3 settings', () => {
  it('gain the plan and alert settings at their defaults and keep their own rebalance limits', () => {
    const { alerts, ...rest } = defaultSettings();
    const v3 = {
      ...rest,
      version: 3,
      rebalance: { driftBand: 0.08, slippageLimit: 0.001, leverageCap: 3 },
    };
    const result = migrateSettings(v3);
    if (result.kind !== 'current') throw new Error(`not migrated: ${result.kind}`);
    expect(result.migratedFrom).toBe(3);
    expect(result.notes).toEqual([]);
    const settings = settingsSchema.parse(result.document);
    expect(settings.rebalance).toEqual({
      driftBand: 0.08,
      slippageLimit: 0.001,
      leverageCap: 3,
      holdingDays: 30,
      planTtlSeconds: 120,
      convertStablecoins: false,
    });
    expect(settings.alerts).toEqual(alerts);
  });
});

describe('version 4 settings', () => {
  it('gain the second-leg bounds at their defaults and keep everything else', () => {
    const { execution, desktop: _desktop, ...rest } = defaultSettings();
    const v4 = { ...rest, version: 4, rebalance: { ...rest.rebalance, holdingDays: 45 } };
    const result = migrateSettings(v4);
    if (result.kind !== 'current') throw new Error(`not migrated: ${result.kind}`);
    expect(result.migratedFrom).toBe(4);
    const settings = settingsSchema.parse(result.document);
    expect(settings.execution).toEqual(execution);
    expect(settings.rebalance.holdingDays).toBe(45);
  });
});

describe('version 5 settings', () => {
  it('gain the desktop settings, watching in the tray and not starting at login, and keep everything else', () => {
    const { desktop: _desktop, ...rest } = defaultSettings();
    const v5 = { ...rest, version: 5, alerts: { ...rest.alerts, notifications: false } };
    const result = migrateSettings(v5);
    if (result.kind !== 'current') throw new Error(`not migrated: ${result.kind}`);
    expect(result.migratedFrom).toBe(5);
    expect(result.notes).toEqual([]);
    const settings = settingsSchema.parse(result.document);
    expect(settings.desktop).toEqual({ keepInTray: true, startAtLogin: false });
    expect(settings.alerts.notifications).toBe(false);
  });
});
