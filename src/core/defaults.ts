// The settings a fresh installation starts with.
import type { Settings } from '../shared/settings';
import { SETTINGS_VERSION } from '../shared/settings';
import type { AllocationPolicy } from '../shared/strategy';
import { DEFAULT_POLICY } from './allocation';
import { DEFAULT_HISTORY_K } from './calibration';
import { DEFAULT_THRESHOLDS } from './regime';
import { DEFAULT_SIGNAL_OPTIONS } from './signal';

function copyPolicy(p: AllocationPolicy): AllocationPolicy {
  return {
    'deep-backwardation': { ...p['deep-backwardation'] },
    neutral: { ...p.neutral },
    'moderate-contango': { ...p['moderate-contango'] },
    'extreme-contango': {
      hedge: { ...p['extreme-contango'].hedge },
      sell: { ...p['extreme-contango'].sell },
    },
    extremeAction: p.extremeAction,
  };
}

/** A new, mutable copy of the default settings on every call. */
export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    thresholds: {
      mode: 'fixed',
      fixed: { ...DEFAULT_THRESHOLDS },
      historyK: { ...DEFAULT_HISTORY_K },
    },
    signal: {
      source: 'auto',
      averagingWindowDays: DEFAULT_SIGNAL_OPTIONS.averagingWindowDays,
      minDaysToExpiry: DEFAULT_SIGNAL_OPTIONS.minDaysToExpiry,
      constantMaturityDays: DEFAULT_SIGNAL_OPTIONS.constantMaturityDays,
      basisMethod: DEFAULT_SIGNAL_OPTIONS.basisMethod,
    },
    policy: copyPolicy(DEFAULT_POLICY),
    assets: { tracked: ['BTC', 'ETH'], mix: {} },
    rebalance: {
      driftBand: 0.05,
      slippageLimit: 0.003,
      leverageCap: 2,
      holdingDays: 30,
      planTtlSeconds: 120,
      convertStablecoins: false,
    },
    market: { source: 'demo', exchange: 'binance', refreshIntervalMs: 15_000 },
    portfolio: { holdingsIntervalMs: 60_000, extraStablecoins: [] },
    vault: { autoLockMinutes: 15 },
    alerts: { liquidationDistance: 0.15, expiryDays: 7, notifications: true },
    execution: { secondLegTimeoutSeconds: 10, secondLegAttempts: 3 },
    desktop: { keepInTray: true, startAtLogin: false },
  };
}
