import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../core/defaults';
import type { Calibration } from '../../../shared/market';
import { assetLevels, historyKFromDraft, levelsFromHistory } from './asset-levels';
import { draftFromSettings } from './settings-draft';

const fixed = { deepBelow: -0.1, moderateFrom: 0.05, extremeAbove: 0.2, extremeExit: 0.05 };
const stats = { mean: 0.1, std: 0.04, count: 2000, from: 0, to: 1 };
const calibrated: Calibration = {
  asset: 'BTC',
  fixed,
  fromHistory: { deepBelow: 0.02, moderateFrom: 0.12, extremeAbove: 0.16, extremeExit: 0.12 },
  stats,
  reason: null,
};

describe('levelsFromHistory', () => {
  it("applies the multiples as edited to the asset's own mean and spread", () => {
    const levels = levelsFromHistory(calibrated, { deep: 1, moderate: 1, extreme: 3 });
    expect(levels?.deepBelow).toBeCloseTo(0.06, 12);
    expect(levels?.moderateFrom).toBeCloseTo(0.14, 12);
    expect(levels?.extremeAbove).toBeCloseTo(0.22, 12);
    expect(levels?.extremeExit).toBeCloseTo(0.14, 12);
  });

  it("keeps the host's levels while the multiples are not usable", () => {
    expect(levelsFromHistory(calibrated, null)).toEqual(calibrated.fromHistory);
  });
});

describe('historyKFromDraft', () => {
  it('reads the typed multiples and refuses them out of order or half typed', () => {
    const draft = draftFromSettings(defaultSettings());
    draft.thresholds.historyK = { deep: '2', moderate: '0.5', extreme: '1.5' };
    expect(historyKFromDraft(draft)).toEqual({ deep: 2, moderate: 0.5, extreme: 1.5 });
    draft.thresholds.historyK.moderate = '2';
    expect(historyKFromDraft(draft)).toBeNull();
    draft.thresholds.historyK.moderate = '-';
    expect(historyKFromDraft(draft)).toBeNull();
  });
});

describe('assetLevels', () => {
  const k = { deep: 2, moderate: 0.5, extreme: 1.5 };

  it('uses the history when it sets levels, the fixed ones when it cannot, and says which', () => {
    expect(assetLevels('BTC', { calibration: calibrated }, fixed, k).source).toBe('history');
    const short = { ...calibrated, fromHistory: null, stats: null, reason: 'too short' };
    expect(assetLevels('BTC', { calibration: short }, fixed, k)).toEqual({
      asset: 'BTC',
      thresholds: fixed,
      source: 'fixed',
    });
    expect(assetLevels('BTC', { error: 'offline' }, fixed, k).source).toBe('fixed');
    expect(assetLevels('BTC', undefined, fixed, k).source).toBe('pending');
  });
});
