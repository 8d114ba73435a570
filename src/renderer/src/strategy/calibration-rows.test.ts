import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../../shared/market';
import {
  calibrationRows,
  calibrationStatsText,
  modeSwitch,
  shortHistoryNote,
} from './calibration-rows';

const fixed = { deepBelow: -0.1, moderateFrom: 0.05, extremeAbove: 0.2, extremeExit: 0.05 };

const calibrated: Calibration = {
  asset: 'BTC',
  fixed,
  fromHistory: {
    deepBelow: 0.0465,
    moderateFrom: 0.1305,
    extremeAbove: 0.1725,
    extremeExit: 0.1305,
  },
  stats: {
    mean: 0.1095,
    std: 0.042,
    count: 1095,
    from: Date.UTC(2024, 10, 26),
    to: Date.UTC(2025, 10, 26),
  },
  reason: null,
};

const short: Calibration = {
  asset: 'SOL',
  fixed,
  fromHistory: null,
  stats: null,
  reason: 'a premium history needs at least 30 premiums (got 12)',
};

describe('calibrationRows', () => {
  it('puts each fixed level beside the one from history, as percents', () => {
    expect(
      calibrationRows(calibrated.fixed, calibrated.fromHistory).map((r) => [
        r.label,
        r.fixed,
        r.fromHistory,
      ]),
    ).toEqual([
      ['Deep backwardation below', '\u221210.00%', '4.65%'],
      ['Moderate contango from', '5.00%', '13.05%'],
      ['Extreme contango above', '20.00%', '17.25%'],
      ['Leave extreme contango below', '5.00%', '13.05%'],
    ]);
  });

  it('shows the missing mark where history sets no level', () => {
    expect(
      calibrationRows(short.fixed, short.fromHistory).every((r) => r.fromHistory === '—'),
    ).toBe(true);
    expect(calibrationRows(short.fixed, short.fromHistory)[1]?.fixed).toBe('5.00%');
  });
});

describe('calibrationStatsText', () => {
  it('names μ, σ, the sample count and the date range', () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(calibrationStatsText(calibrated.stats!, day)).toBe(
      'Mean μ 10.95%, standard deviation σ 4.20%, from 1,095 signal premiums (2024-11-26 to 2025-11-26).',
    );
  });
});

describe('shortHistoryNote', () => {
  it("explains a missing calibration with the host's reason", () => {
    expect(shortHistoryNote(short)).toBe('A premium history needs at least 30 premiums (got 12).');
    expect(shortHistoryNote({ ...short, reason: 'No premium history of SOL yet.' })).toBe(
      'No premium history of SOL yet.',
    );
  });

  it('gives a plain reason when the host gave none, and nothing when levels exist', () => {
    expect(shortHistoryNote({ ...short, reason: null })).toBe(
      "No levels from SOL's history yet: its history is too short.",
    );
    expect(shortHistoryNote(calibrated)).toBeNull();
  });
});

describe('modeSwitch', () => {
  it('offers the other mode', () => {
    expect(modeSwitch('fixed')).toEqual({ label: 'Use levels from history', next: 'history' });
    expect(modeSwitch('history')).toEqual({ label: 'Back to fixed levels', next: 'fixed' });
  });
});
