import { describe, expect, it } from 'vitest';
import { bandBars, regimePeriods } from './regime-bands';

const T = { deepBelow: -0.1, moderateFrom: 0.05, extremeAbove: 0.2, extremeExit: 0.1 };
const at = (values: number[]) => values.map((value, i) => ({ time: 1000 + i, value }));

describe('regimePeriods', () => {
  it('joins consecutive points of one regime into one period', () => {
    expect(regimePeriods(at([0.01, 0.02, 0.08, 0.09, -0.2]), T)).toEqual([
      { regime: 'neutral', start: 1000, end: 1001 },
      { regime: 'moderate-contango', start: 1002, end: 1003 },
      { regime: 'deep-backwardation', start: 1004, end: 1004 },
    ]);
  });

  it('holds extreme contango until the premium falls below the exit level, as the signal does', () => {
    expect(regimePeriods(at([0.25, 0.15, 0.12, 0.08]), T)).toEqual([
      { regime: 'extreme-contango', start: 1000, end: 1002 },
      { regime: 'moderate-contango', start: 1003, end: 1003 },
    ]);
  });

  it('shades nothing under thresholds out of order rather than shading wrongly', () => {
    expect(regimePeriods(at([0.1]), { ...T, moderateFrom: 0.5 })).toEqual([]);
  });
});

describe('bandBars', () => {
  it('gives every point a full-height bar in its period’s colour', () => {
    const points = at([0.01, 0.08, 0.09]);
    const bars = bandBars(points, regimePeriods(points, T), (r) => r);
    expect(bars).toEqual([
      { time: 1000, value: 1, color: 'neutral' },
      { time: 1001, value: 1, color: 'moderate-contango' },
      { time: 1002, value: 1, color: 'moderate-contango' },
    ]);
  });
});
