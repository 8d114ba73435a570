import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../core/defaults';
import {
  changedGroups,
  draftFromSettings,
  equalMixDraft,
  isDraftDirty,
  mixDraftAfterTrackedChange,
  settingsFromDraft,
  thresholdsFromDraft,
  weightsFromDraft,
  type SettingsDraft,
} from './settings-draft';

function editedDraft(edit: (draft: SettingsDraft) => void): SettingsDraft {
  const draft = draftFromSettings(defaultSettings());
  edit(draft);
  return draft;
}

describe('draftFromSettings', () => {
  it('shows decimals as percents and the refresh interval in seconds', () => {
    const draft = draftFromSettings(defaultSettings());
    expect(draft.thresholds.fixed).toEqual({
      deepBelow: '-10',
      moderateFrom: '5',
      extremeAbove: '20',
      extremeExit: '5',
    });
    expect(draft.policy.weights['moderate-contango']).toEqual({
      spot: '70',
      hedged: '15',
      stable: '15',
    });
    expect(draft.rebalance.slippageLimit).toBe('0.3');
    expect(draft.market.refreshIntervalSeconds).toBe('15');
    expect(draft.assets.mixMode).toBe('equal');
  });

  it('round-trips the default settings unchanged', () => {
    const result = settingsFromDraft(draftFromSettings(defaultSettings()));
    expect(result).toEqual({ ok: true, settings: defaultSettings() });
  });
});

describe('settingsFromDraft', () => {
  it('stores percents as decimals and seconds as milliseconds', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.thresholds.fixed.moderateFrom = '7.5';
        d.market.refreshIntervalSeconds = '2.5';
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.thresholds.fixed.moderateFrom).toBeCloseTo(0.075, 12);
    expect(result.settings.market.refreshIntervalMs).toBe(2500);
  });

  it('refuses a weight set that does not sum to 100% at the set', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.policy.weights.neutral = { spot: '80', hedged: '0', stable: '30' };
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['policy.neutral']).toMatch(/sum to 100%.*110\.00%/);
  });

  it('names the extreme-contango set of the action that is wrong', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.policy.weights['extreme-contango.sell'].stable = '40';
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(['policy.extreme-contango.sell']);
  });

  it('refuses thresholds out of order at the offending level', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.thresholds.fixed.extremeAbove = '3';
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['thresholds.fixed.extremeAbove']).toMatch(/above the moderate/);
  });

  it('asks for a number where the text is not one', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.rebalance.leverageCap = '';
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['rebalance.leverageCap']).toBe('Enter a number');
  });

  it('refuses a custom mix that does not sum to 100%', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.assets.mixMode = 'custom';
        d.assets.mix = { BTC: '60', ETH: '30' };
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['assets.mix']).toMatch(/sum to 100%/);
  });

  it('keeps a custom mix that sums to 100%', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.assets.mixMode = 'custom';
        d.assets.mix = { BTC: '60', ETH: '40' };
      }),
    );
    expect(result.ok && result.settings.assets.mix).toEqual({ BTC: 0.6, ETH: 0.4 });
  });
});

describe('equalMixDraft', () => {
  it('splits 100% so the shares sum to exactly 100', () => {
    const mix = equalMixDraft(['BTC', 'ETH', 'SOL']);
    expect(mix).toEqual({ BTC: '33.33', ETH: '33.33', SOL: '33.34' });
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.assets.tracked = ['BTC', 'ETH', 'SOL'];
        d.assets.mixMode = 'custom';
        d.assets.mix = mix;
      }),
    );
    expect(result.ok).toBe(true);
  });
});

describe('mixDraftAfterTrackedChange', () => {
  it('keeps shares of assets still tracked and starts new ones at zero', () => {
    expect(mixDraftAfterTrackedChange(['ETH', 'SOL'], { BTC: '60', ETH: '40' })).toEqual({
      ETH: '40',
      SOL: '0',
    });
  });
});

describe('changedGroups', () => {
  it('holds only the groups that differ', () => {
    const saved = defaultSettings();
    const next = defaultSettings();
    next.rebalance.leverageCap = 3;
    expect(changedGroups(saved, next)).toEqual({ rebalance: next.rebalance });
  });
});

describe('isDraftDirty', () => {
  it('is clean for the saved settings and for text that means the same number', () => {
    const saved = defaultSettings();
    expect(isDraftDirty(draftFromSettings(saved), saved)).toBe(false);
    const sameNumber = draftFromSettings(saved);
    sameNumber.thresholds.fixed.moderateFrom = '5.00';
    expect(isDraftDirty(sameNumber, saved)).toBe(false);
  });

  it('is dirty after an edit, valid or not', () => {
    const saved = defaultSettings();
    const edited = draftFromSettings(saved);
    edited.thresholds.fixed.moderateFrom = '6';
    expect(isDraftDirty(edited, saved)).toBe(true);
    edited.thresholds.fixed.moderateFrom = 'x';
    expect(isDraftDirty(edited, saved)).toBe(true);
  });
});

describe('thresholdsFromDraft', () => {
  it('gives the edited levels as decimals', () => {
    const draft = editedDraft((d) => {
      d.thresholds.fixed.extremeAbove = '30';
    });
    expect(thresholdsFromDraft(draft)).toEqual({
      deepBelow: -0.1,
      moderateFrom: 0.05,
      extremeAbove: 0.3,
      extremeExit: 0.05,
    });
  });

  it('gives nothing while the levels are out of order or incomplete', () => {
    expect(
      thresholdsFromDraft(editedDraft((d) => void (d.thresholds.fixed.extremeAbove = '1'))),
    ).toBeNull();
    expect(
      thresholdsFromDraft(editedDraft((d) => void (d.thresholds.fixed.deepBelow = '-'))),
    ).toBeNull();
  });
});

describe('weightsFromDraft', () => {
  it('gives a set that sums to 100% as decimals', () => {
    expect(weightsFromDraft(draftFromSettings(defaultSettings()), 'extreme-contango.sell')).toEqual(
      {
        spot: 0.5,
        hedged: 0,
        stable: 0.5,
      },
    );
  });

  it('gives nothing for a set that does not sum to 100%', () => {
    const draft = editedDraft((d) => void (d.policy.weights.neutral.spot = '80'));
    expect(weightsFromDraft(draft, 'neutral')).toBeNull();
    expect(weightsFromDraft(draft, 'moderate-contango')).not.toBeNull();
  });
});
