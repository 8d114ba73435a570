import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../core/defaults';
import { changedPaths, errorsAtEditedField } from './edited-field';
import { draftFromSettings, settingsFromDraft, type SettingsDraft } from './settings-draft';

function drafted(recipe: (d: SettingsDraft) => void): SettingsDraft {
  const draft = draftFromSettings(defaultSettings());
  recipe(draft);
  return draft;
}

function schemaErrors(draft: SettingsDraft): Record<string, string> {
  const result = settingsFromDraft(draft);
  if (result.ok) throw new Error('the draft was expected to be refused');
  return result.errors;
}

describe('changedPaths', () => {
  it('names the one leaf an edit changed', () => {
    const before = draftFromSettings(defaultSettings());
    const after = drafted((d) => {
      d.thresholds.fixed.deepBelow = '12';
    });
    expect(changedPaths(before, after)).toEqual(['thresholds.fixed.deepBelow']);
  });

  it('names a list as one leaf and nothing when the drafts are equal', () => {
    const before = draftFromSettings(defaultSettings());
    const after = drafted((d) => {
      d.assets.tracked = [...d.assets.tracked, 'SOL'];
    });
    expect(changedPaths(before, after)).toEqual(['assets.tracked']);
    expect(changedPaths(before, draftFromSettings(defaultSettings()))).toEqual([]);
  });
});

describe('errorsAtEditedField', () => {
  it('moves the ordering error onto the deep level when that is the field just raised past moderate', () => {
    const draft = drafted((d) => {
      d.thresholds.fixed.deepBelow = '12';
    });
    const errors = schemaErrors(draft);
    // The schema blames the level above it.
    expect(Object.keys(errors)).toEqual(['thresholds.fixed.moderateFrom']);

    const moved = errorsAtEditedField(errors, draft, 'thresholds.fixed.deepBelow');
    expect(moved).toEqual({
      'thresholds.fixed.deepBelow': 'must be below the moderate-contango level (5%)',
    });
  });

  it('words a non-strict ordering from the edited side: the entry level may equal the exit level', () => {
    const draft = drafted((d) => {
      d.thresholds.fixed.extremeAbove = '8';
      d.thresholds.fixed.extremeExit = '10';
    });
    const errors = schemaErrors(draft);
    expect(Object.keys(errors)).toEqual(['thresholds.fixed.extremeExit']);
    expect(errorsAtEditedField(errors, draft, 'thresholds.fixed.extremeAbove')).toEqual({
      'thresholds.fixed.extremeAbove':
        'must not be below the level that leaves extreme contango (10%)',
    });
  });

  it('moves the multiples’ ordering onto the moderate multiple when it was the one edited', () => {
    const draft = drafted((d) => {
      d.thresholds.historyK.moderate = '3';
    });
    const errors = schemaErrors(draft);
    expect(errorsAtEditedField(errors, draft, 'thresholds.historyK.moderate')).toEqual({
      'thresholds.historyK.moderate': 'must be below the extreme multiple (1.5)',
    });
  });

  it('leaves the errors alone when the edited field already carries one or is not part of the broken rule', () => {
    const draft = drafted((d) => {
      d.thresholds.fixed.extremeAbove = '3';
    });
    const errors = schemaErrors(draft);
    expect(errorsAtEditedField(errors, draft, 'thresholds.fixed.extremeAbove')).toBe(errors);
    expect(errorsAtEditedField(errors, draft, 'thresholds.fixed.extremeExit')).toBe(errors);
    expect(errorsAtEditedField(errors, draft, null)).toBe(errors);
  });

  it('moves only the first broken ordering, the one the schema named', () => {
    // Deep above both moderate and the exit: the schema names moderate, so only that rule moves.
    const draft = drafted((d) => {
      d.thresholds.fixed.deepBelow = '15';
    });
    const errors = schemaErrors(draft);
    const moved = errorsAtEditedField(errors, draft, 'thresholds.fixed.deepBelow');
    expect(moved['thresholds.fixed.deepBelow']).toBe(
      'must be below the moderate-contango level (5%)',
    );
    expect(moved['thresholds.fixed.moderateFrom']).toBeUndefined();
  });
});
