import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../core/defaults';
import type { Settings } from '../../../shared/settings';
import {
  changedGroups,
  draftFromSettings,
  equalMixDraft,
  isDraftDirty,
  mixDraftAfterTrackedChange,
  rebaseDraft,
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

  it('takes a number in exponent form as typed, and refuses it where it is out of range', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.market.refreshIntervalSeconds = '1e9';
        d.signal.averagingWindowDays = '1e1';
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ 'market.refreshIntervalMs': 'must be at most an hour' });
  });

  it('keeps the minus sign of a share and refuses it, rather than taking it as positive', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.assets.mixMode = 'custom';
        d.assets.mix = { BTC: '-5', ETH: '105' };
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['assets.mix.BTC']).toBe('must be between 0% and 100%');
  });

  it('refuses text that is not a number with the reason, never reading some other number into it', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.rebalance.leverageCap = '1,5';
        d.signal.minDaysToExpiry = '7d';
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['rebalance.leverageCap']).toMatch(/dot for decimals/);
    expect(result.errors['signal.minDaysToExpiry']).toMatch(/^Not a number/);
  });

  it('refuses a refresh interval finer than a millisecond instead of rounding it', () => {
    const fine = settingsFromDraft(
      editedDraft((d) => {
        d.market.refreshIntervalSeconds = '2.0004';
      }),
    );
    expect(fine.ok).toBe(false);
    if (fine.ok) return;
    expect(fine.errors['market.refreshIntervalMs']).toMatch(/at most three decimals/);

    const exact = settingsFromDraft(
      editedDraft((d) => {
        d.market.refreshIntervalSeconds = '2.001';
      }),
    );
    expect(exact.ok && exact.settings.market.refreshIntervalMs).toBe(2001);
  });

  it('words a tracked ticker that is not one for people at its share, not as an invalid record key', () => {
    const result = settingsFromDraft(
      editedDraft((d) => {
        d.assets.tracked = ['BTC', 'ET$'];
        d.assets.mixMode = 'custom';
        d.assets.mix = { BTC: '50', ET$: '50' };
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['assets.mix.ET$']).toBe(
      'the name must be a ticker such as BTC (2 to 15 letters or digits)',
    );
    expect(Object.values(result.errors).join(' ')).not.toMatch(/Invalid/);
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

  it('carries a change to the alert and execution settings, so they are saved like the rest', () => {
    const saved = defaultSettings();
    const next = defaultSettings();
    next.alerts.expiryDays = 5;
    next.execution.secondLegAttempts = 2;
    expect(changedGroups(saved, next)).toEqual({
      alerts: next.alerts,
      execution: next.execution,
    });
  });

  it('makes a draft with only an execution setting changed count as unsaved', () => {
    const saved = defaultSettings();
    const draft = draftFromSettings(saved);
    draft.execution.secondLegTimeoutSeconds = '30';
    expect(isDraftDirty(draft, saved)).toBe(true);
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

describe('holdings and vault settings left unedited on the page', () => {
  const saved: Settings = {
    ...defaultSettings(),
    portfolio: { holdingsIntervalMs: 120_000, extraStablecoins: ['PYUSD'] },
    vault: { autoLockMinutes: 30 },
  };

  it('are kept as saved when the page saves', () => {
    const result = settingsFromDraft(draftFromSettings(saved));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.settings.portfolio).toEqual(saved.portfolio);
      expect(result.settings.vault).toEqual(saved.vault);
    }
  });

  it('take what was saved elsewhere while the page was being edited', () => {
    const elsewhere: Settings = { ...saved, vault: { autoLockMinutes: 5 } };
    const rebased = rebaseDraft(draftFromSettings(saved), saved, elsewhere);
    const result = settingsFromDraft(rebased);
    expect(result.ok && result.settings.vault).toEqual({ autoLockMinutes: 5 });
  });
});

describe('rebaseDraft', () => {
  function savedElsewhere(change: (settings: Settings) => void): Settings {
    const next = defaultSettings();
    change(next);
    return next;
  }

  /** What the page sends when the rebased draft is saved: the draft applied over `next`. */
  function savedAfter(draft: SettingsDraft, next: Settings): Settings {
    const result = settingsFromDraft(draft);
    if (!result.ok) throw new Error(`draft invalid: ${JSON.stringify(result.errors)}`);
    return { ...next, ...changedGroups(next, result.settings) } as Settings;
  }

  it('takes the newly saved settings whole when the draft holds no edits', () => {
    const saved = defaultSettings();
    const next = savedElsewhere((s) => {
      s.thresholds.mode = 'history';
      s.assets.tracked = ['BTC', 'ETH', 'SOL'];
      s.rebalance.leverageCap = 3;
    });
    expect(rebaseDraft(draftFromSettings(saved), saved, next)).toEqual(draftFromSettings(next));
  });

  it('keeps an edited fixed level and takes the threshold mode switched elsewhere', () => {
    const saved = defaultSettings();
    const draft = editedDraft((d) => void (d.thresholds.fixed.moderateFrom = '7.5'));
    const next = savedElsewhere((s) => void (s.thresholds.mode = 'history'));

    const rebased = rebaseDraft(draft, saved, next);
    expect(rebased.thresholds.mode).toBe('history');
    expect(rebased.thresholds.fixed.moderateFrom).toBe('7.5');

    const after = savedAfter(rebased, next);
    expect(after.thresholds.mode).toBe('history');
    expect(after.thresholds.fixed.moderateFrom).toBeCloseTo(0.075, 12);
  });

  it('keeps the mode the user chose when it was switched elsewhere too', () => {
    const saved = savedElsewhere((s) => void (s.thresholds.mode = 'history'));
    const draft = draftFromSettings(saved);
    draft.thresholds.mode = 'fixed';
    draft.thresholds.historyK.deep = '1.5';
    const next = savedElsewhere((s) => {
      s.thresholds.mode = 'fixed';
      s.thresholds.historyK.extreme = 3;
    });

    const rebased = rebaseDraft(draft, saved, next);
    expect(rebased.thresholds.mode).toBe('fixed');
    expect(rebased.thresholds.historyK).toEqual({ deep: '1.5', moderate: '0.5', extreme: '3' });
  });

  it('keeps edited fields over values saved elsewhere and takes every field left alone', () => {
    const saved = defaultSettings();
    const draft = editedDraft((d) => {
      d.policy.weights.neutral.spot = '60';
      d.policy.weights.neutral.stable = '40';
      d.rebalance.driftBand = '7';
      d.signal.basisMethod = 'simple';
    });
    const next = savedElsewhere((s) => {
      s.policy.neutral = { spot: 0.5, hedged: 0.2, stable: 0.3 };
      s.policy['deep-backwardation'] = { spot: 0.9, hedged: 0, stable: 0.1 };
      s.rebalance.driftBand = 0.1;
      s.rebalance.leverageCap = 2;
      s.signal.averagingWindowDays = 14;
    });

    const rebased = rebaseDraft(draft, saved, next);
    expect(rebased.policy.weights.neutral).toEqual({ spot: '60', hedged: '20', stable: '40' });
    expect(rebased.policy.weights['deep-backwardation']).toEqual({
      spot: '90',
      hedged: '0',
      stable: '10',
    });
    expect(rebased.rebalance).toMatchObject({
      driftBand: '7',
      slippageLimit: '0.3',
      leverageCap: '2',
    });
    expect(rebased.signal.basisMethod).toBe('simple');
    expect(rebased.signal.averagingWindowDays).toBe('14');
  });

  it('applies the user’s additions and removals of tracked assets to the list saved elsewhere', () => {
    const saved = defaultSettings();
    const draft = editedDraft((d) => void (d.assets.tracked = ['BTC', 'DOGE']));
    const next = savedElsewhere((s) => void (s.assets.tracked = ['BTC', 'ETH', 'SOL']));

    expect(rebaseDraft(draft, saved, next).assets.tracked).toEqual(['BTC', 'SOL', 'DOGE']);
  });

  it('keeps custom shares the user typed and gives an asset tracked elsewhere 0%', () => {
    const saved = defaultSettings();
    const draft = editedDraft((d) => {
      d.assets.mixMode = 'custom';
      d.assets.mix = { BTC: '70', ETH: '30' };
    });
    const next = savedElsewhere((s) => void (s.assets.tracked = ['BTC', 'ETH', 'SOL']));

    const rebased = rebaseDraft(draft, saved, next);
    expect(rebased.assets).toEqual({
      tracked: ['BTC', 'ETH', 'SOL'],
      mixMode: 'custom',
      mix: { BTC: '70', ETH: '30', SOL: '0' },
    });
    expect(savedAfter(rebased, next).assets.mix).toEqual({ BTC: 0.7, ETH: 0.3, SOL: 0 });
  });

  it('follows a mix made custom elsewhere while the user edited only the tracked list', () => {
    const saved = defaultSettings();
    const draft = editedDraft((d) => void (d.assets.tracked = ['BTC', 'ETH', 'SOL']));
    const next = savedElsewhere((s) => void (s.assets.mix = { BTC: 0.6, ETH: 0.4 }));

    expect(rebaseDraft(draft, saved, next).assets).toEqual({
      tracked: ['BTC', 'ETH', 'SOL'],
      mixMode: 'custom',
      mix: { BTC: '60', ETH: '40', SOL: '0' },
    });
  });
});

describe('holdings and vault settings in the draft', () => {
  it('take the sync interval in seconds, the lock time in minutes and stablecoins as a typed list', () => {
    const draft = draftFromSettings(defaultSettings());
    draft.portfolio.holdingsIntervalSeconds = '90';
    draft.portfolio.extraStablecoins = 'tusd,  usde ';
    draft.vault.autoLockMinutes = '30';
    const result = settingsFromDraft(draft);
    expect(result.ok && result.settings.portfolio).toEqual({
      holdingsIntervalMs: 90_000,
      extraStablecoins: ['TUSD', 'USDE'],
    });
    expect(result.ok && result.settings.vault).toEqual({ autoLockMinutes: 30 });
  });

  it('refuse a lock time out of range and name the field', () => {
    const draft = draftFromSettings(defaultSettings());
    draft.vault.autoLockMinutes = '0';
    const result = settingsFromDraft(draft);
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors)).toEqual(['vault.autoLockMinutes']);
  });
});

describe('desktop settings in the draft', () => {
  it('are saved as switched on the page', () => {
    const draft = draftFromSettings(defaultSettings());
    draft.desktop.keepInTray = false;
    draft.desktop.startAtLogin = true;
    const result = settingsFromDraft(draft);
    expect(result.ok && result.settings.desktop).toEqual({ keepInTray: false, startAtLogin: true });
  });

  it('take a switch changed elsewhere while the page was being edited, keeping the one changed here', () => {
    const saved = defaultSettings();
    const draft = draftFromSettings(saved);
    draft.desktop.keepInTray = false;
    const elsewhere: Settings = { ...saved, desktop: { keepInTray: true, startAtLogin: true } };
    const result = settingsFromDraft(rebaseDraft(draft, saved, elsewhere));
    expect(result.ok && result.settings.desktop).toEqual({ keepInTray: false, startAtLogin: true });
  });
});
