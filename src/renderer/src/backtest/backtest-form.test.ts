import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../core/defaults';
import { backtestPolicyFromSettings, backtestRequestSchema } from '../../../shared/backtest';
import type { Settings } from '../../../shared/settings';
import {
  draftDiffersFromBase,
  draftFromBase,
  mixFor,
  requestFromDraft,
  type BacktestDraft,
} from './backtest-form';

function settingsWith(edit: (s: Settings) => void): Settings {
  const s = defaultSettings();
  edit(s);
  return s;
}

const settings = settingsWith((s) => {
  s.assets.tracked = ['BTC', 'ETH', 'SOL'];
  s.assets.mix = { BTC: 0.5, ETH: 0.3, SOL: 0.2 };
  s.thresholds.mode = 'fixed';
  s.thresholds.fixed = {
    deepBelow: -0.05,
    moderateFrom: 0.05,
    extremeAbove: 0.2,
    extremeExit: 0.15,
  };
  s.signal.averagingWindowDays = 7;
});
const base = backtestPolicyFromSettings(settings);

function request(edit: Partial<BacktestDraft>) {
  const reading = requestFromDraft({ ...draftFromBase(base), ...edit }, base);
  if (!reading.ok) throw new Error(`refused: ${JSON.stringify(reading.problems)}`);
  return backtestRequestSchema.parse(reading.request);
}

describe('the backtest form', () => {
  it('starts from the saved settings: tracked assets, thresholds in percent and the window', () => {
    const draft = draftFromBase(base);
    expect(draft).toMatchObject({
      assets: ['BTC', 'ETH', 'SOL'],
      from: '',
      to: '',
      feePercent: '0.1',
      slippagePercent: '0',
      thresholdMode: 'fixed',
      moderateFrom: '5',
      extremeAbove: '20',
      averagingWindowDays: '7',
      rule: 'regime-and-monthly',
    });
    expect(draftDiffersFromBase(draft, base)).toBe(false);
  });

  it('asks for the saved policy when nothing is edited, with percents read as decimals', () => {
    const r = request({ feePercent: '0.25', slippagePercent: '0.05' });
    expect(r.fee).toBeCloseTo(0.0025, 12);
    expect(r.slippage).toBeCloseTo(0.0005, 12);
    expect(r.policy.thresholds?.fixed).toEqual(base.policy.thresholds.fixed);
    expect(r.policy.averagingWindowDays).toBe(7);
    expect(r.policy.weights).toEqual(base.policy.weights);
    expect(r.rebalance).toEqual({
      rule: 'regime-and-monthly',
      driftBand: base.rebalance.driftBand,
    });
    expect(r.from).toBeUndefined();
    expect(r.to).toBeUndefined();
  });

  it('carries the edited thresholds, window, rule and dates into the request only', () => {
    const r = request({
      moderateFrom: '8',
      extremeAbove: '12',
      averagingWindowDays: '14',
      rule: 'monthly',
      from: '2021-01-01',
      to: '2022-06-30',
    });
    expect(r.policy.thresholds?.fixed).toMatchObject({
      moderateFrom: 0.08,
      extremeAbove: 0.12,
      // Leaving extreme contango is pulled down to its entry, which now sits below the saved exit.
      extremeExit: 0.12,
      deepBelow: -0.05,
    });
    expect(r.policy.averagingWindowDays).toBe(14);
    expect(r.rebalance.rule).toBe('monthly');
    expect([r.from, r.to]).toEqual(['2021-01-01', '2022-06-30']);
    expect(base.policy.thresholds.fixed.moderateFrom).toBe(0.05);
    expect(draftDiffersFromBase({ ...draftFromBase(base), averagingWindowDays: '14' }, base)).toBe(
      true,
    );
  });

  it('rescales the saved mix to the assets chosen', () => {
    const r = request({ assets: ['ETH', 'SOL'] });
    expect(r.mix?.['ETH']).toBeCloseTo(0.6, 12);
    expect(r.mix?.['SOL']).toBeCloseTo(0.4, 12);
    expect(mixFor(['BTC'], {})).toBeUndefined();
  });

  it('says in words what is wrong with each field instead of asking', () => {
    const reading = requestFromDraft(
      { ...draftFromBase(base), assets: [], feePercent: '1,5', averagingWindowDays: '' },
      base,
    );
    expect(reading).toEqual({
      ok: false,
      problems: {
        assets: 'Choose at least one asset',
        feePercent:
          'Write the number with a dot for decimals and no thousands separators, as in 1234.5',
        averagingWindowDays: 'Enter a number',
      },
    });
  });

  it('names the field the request check refuses, in its words', () => {
    const reading = requestFromDraft(
      {
        ...draftFromBase(base),
        moderateFrom: '25',
        feePercent: '9',
        averagingWindowDays: '2.5',
        from: '2023-05-01',
        to: '2023-01-01',
      },
      base,
    );
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems).toEqual({
      extremeAbove: 'Must be above the moderate-contango level',
      feePercent: 'Must be between 0% and 5%',
      averagingWindowDays: 'Must be a whole number of days',
      to: 'Must not be before the start date',
    });
  });
});
