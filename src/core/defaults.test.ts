import { describe, expect, it } from 'vitest';
import { settingsSchema, SETTINGS_VERSION } from '../shared/settings';
import { DEFAULT_POLICY } from './allocation';
import { defaultSettings } from './defaults';
import { DEFAULT_THRESHOLDS } from './regime';

describe('defaultSettings', () => {
  it('passes the settings schema unchanged', () => {
    const settings = defaultSettings();
    const parsed = settingsSchema.safeParse(settings);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(settings);
  });

  it('starts with fixed seed thresholds, the default policy and an auto signal', () => {
    const s = defaultSettings();
    expect(s.version).toBe(SETTINGS_VERSION);
    expect(s.thresholds).toEqual({
      mode: 'fixed',
      fixed: DEFAULT_THRESHOLDS,
      historyK: { deep: 1.5, moderate: 0.5, extreme: 1.5 },
    });
    expect(s.signal).toEqual({
      source: 'auto',
      averagingWindowDays: 7,
      minDaysToExpiry: 7,
      constantMaturityDays: 90,
      basisMethod: 'simple',
    });
    expect(s.policy).toEqual(DEFAULT_POLICY);
    expect(s.policy.extremeAction).toBe('hedge');
  });

  it('tracks BTC and ETH in equal shares with the default risk limits and demo market', () => {
    const s = defaultSettings();
    expect(s.assets).toEqual({ tracked: ['BTC', 'ETH'], mix: {} });
    expect(s.rebalance).toEqual({
      driftBand: 0.05,
      slippageLimit: 0.003,
      leverageCap: 2,
      holdingDays: 30,
      planTtlSeconds: 120,
      convertStablecoins: false,
    });
    expect(s.alerts).toEqual({ liquidationDistance: 0.15, expiryDays: 7, notifications: true });
    expect(s.execution).toEqual({ secondLegTimeoutSeconds: 10, secondLegAttempts: 3 });
    expect(s.market).toEqual({ source: 'demo', exchange: 'binance', refreshIntervalMs: 15_000 });
  });

  it('hands out a fresh copy that can be edited without changing the next one or the defaults', () => {
    const a = defaultSettings();
    a.thresholds.fixed.deepBelow = -0.5;
    a.policy.neutral.spot = 0.1;
    a.policy['extreme-contango'].hedge.stable = 0.9;
    a.assets.tracked.push('SOL');
    a.thresholds.historyK.deep = 3;
    const b = defaultSettings();
    expect(b.thresholds.fixed.deepBelow).toBe(-0.1);
    expect(b.policy.neutral.spot).toBe(0.7);
    expect(b.policy['extreme-contango'].hedge.stable).toBe(0.3);
    expect(b.assets.tracked).toEqual(['BTC', 'ETH']);
    expect(b.thresholds.historyK.deep).toBe(1.5);
    expect(DEFAULT_THRESHOLDS.deepBelow).toBe(-0.1);
  });
});
