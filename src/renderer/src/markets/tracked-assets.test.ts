import { describe, expect, it } from 'vitest';
import { assetSettingsSchema } from '../../../shared/settings';
import {
  addTrackedAsset,
  parseTicker,
  removeTrackedAsset,
  type TrackedChange,
} from './tracked-assets';

const equal = { tracked: ['BTC', 'ETH'], mix: {} };
const custom = { tracked: ['BTC', 'ETH'], mix: { BTC: 0.6, ETH: 0.4 } };

function patchOf(change: TrackedChange) {
  if (change.kind !== 'ready') throw new Error(`expected a ready change, got ${change.kind}`);
  return change.patch.assets;
}

describe('addTrackedAsset', () => {
  it('appends a typed ticker in upper case when the mix is equal', () => {
    expect(patchOf(addTrackedAsset(equal, ' sol '))).toEqual({
      tracked: ['BTC', 'ETH', 'SOL'],
      mix: {},
    });
  });

  it('refuses text that is not a ticker with the settings rule as a sentence', () => {
    const change = addTrackedAsset(equal, 'B!');
    expect(change).toEqual({
      kind: 'refused',
      message: 'Must be a ticker such as BTC (2 to 15 letters or digits)',
    });
  });

  it('refuses an asset that is already tracked', () => {
    expect(addTrackedAsset(equal, 'eth')).toEqual({
      kind: 'refused',
      message: 'ETH is already tracked.',
    });
  });

  it('asks before touching a custom mix, naming the current shares', () => {
    const change = addTrackedAsset(custom, 'SOL');
    expect(change.kind).toBe('mix-conflict');
    if (change.kind !== 'mix-conflict') return;
    expect(change.message).toContain('BTC 60%, ETH 40%');
    expect(change.message).toContain('no share for SOL');
    expect(change.choices.map((c) => c.label)).toEqual(['Track SOL with equal shares']);
    expect(change.choices.map((c) => c.patch.assets)).toEqual([
      { tracked: ['BTC', 'ETH', 'SOL'], mix: {} },
    ]);
  });

  it('only offers changes the settings schema accepts', () => {
    const change = addTrackedAsset(custom, 'SOL');
    if (change.kind !== 'mix-conflict') throw new Error('expected a conflict');
    for (const choice of change.choices) {
      expect(assetSettingsSchema.safeParse(choice.patch.assets).success).toBe(true);
    }
  });
});

describe('removeTrackedAsset', () => {
  it('drops the asset when the mix is equal', () => {
    expect(patchOf(removeTrackedAsset(equal, 'BTC'))).toEqual({ tracked: ['ETH'], mix: {} });
  });

  it('keeps at least one tracked asset', () => {
    expect(removeTrackedAsset({ tracked: ['BTC'], mix: {} }, 'BTC').kind).toBe('refused');
  });

  it('offers to rescale the remaining shares in proportion, or equal shares', () => {
    const three = { tracked: ['BTC', 'ETH', 'SOL'], mix: { BTC: 0.5, ETH: 0.3, SOL: 0.2 } };
    const change = removeTrackedAsset(three, 'SOL');
    if (change.kind !== 'mix-conflict') throw new Error('expected a conflict');
    expect(change.message).toContain('SOL has 20%');
    const [rescale, equalChoice] = change.choices;
    expect(rescale?.label).toBe('Remove SOL and rescale the rest');
    expect(rescale?.patch.assets.tracked).toEqual(['BTC', 'ETH']);
    expect(rescale?.patch.assets.mix['BTC']).toBeCloseTo(0.625, 12);
    expect(rescale?.patch.assets.mix['ETH']).toBeCloseTo(0.375, 12);
    expect(equalChoice?.patch.assets.mix).toEqual({});
    for (const choice of change.choices) {
      expect(assetSettingsSchema.safeParse(choice.patch.assets).success).toBe(true);
    }
  });

  it('offers only equal shares when the rest of the mix holds nothing', () => {
    const change = removeTrackedAsset({ tracked: ['BTC', 'ETH'], mix: { BTC: 1, ETH: 0 } }, 'BTC');
    if (change.kind !== 'mix-conflict') throw new Error('expected a conflict');
    expect(change.choices.map((c) => c.label)).toEqual(['Remove BTC and use equal shares']);
  });
});

describe('parseTicker', () => {
  it('accepts digits and normalizes case', () => {
    expect(parseTicker('1inch')).toEqual({ ticker: '1INCH' });
  });
});
