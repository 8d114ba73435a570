import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../core/allocation';
import { DEFAULT_THRESHOLDS } from '../../../core/regime';
import type { Regime, Weights } from '../../../shared/strategy';
import { regimeRows } from './regime-table';

const defaultWeights = (regime: Regime): Weights =>
  regime === 'extreme-contango' ? DEFAULT_POLICY['extreme-contango'].hedge : DEFAULT_POLICY[regime];

describe('regimeRows', () => {
  it('draws the default regime table from the default thresholds', () => {
    const rows = regimeRows(DEFAULT_THRESHOLDS, defaultWeights, 'hedge');
    expect(rows.map((r) => r.range)).toEqual([
      'below \u221210.00%',
      '\u221210.00% to 5.00%',
      '5.00% to 20.00%',
      'above 20.00% (exit below 5.00%)',
    ]);
    expect(rows.map((r) => r.label)).toEqual([
      'Deep backwardation',
      'Neutral',
      'Moderate contango',
      'Extreme contango',
    ]);
  });

  it('follows edited thresholds', () => {
    const rows = regimeRows(
      { deepBelow: -0.05, moderateFrom: 0.08, extremeAbove: 0.3, extremeExit: 0.12 },
      defaultWeights,
      'hedge',
    );
    expect(rows[2]?.range).toBe('8.00% to 30.00%');
    expect(rows[3]?.range).toBe('above 30.00% (exit below 12.00%)');
  });

  it('names the extreme-contango action the policy chose', () => {
    expect(regimeRows(DEFAULT_THRESHOLDS, defaultWeights, 'hedge')[3]?.action).toMatch(/hedge/);
    expect(regimeRows(DEFAULT_THRESHOLDS, defaultWeights, 'sell')[3]?.action).toMatch(/sell spot/);
  });

  it('carries each regime its weights, or none while they are invalid', () => {
    const rows = regimeRows(
      DEFAULT_THRESHOLDS,
      (regime) => (regime === 'neutral' ? null : defaultWeights(regime)),
      'hedge',
    );
    expect(rows[0]?.weights).toEqual({ spot: 0.85, hedged: 0, stable: 0.15 });
    expect(rows[1]?.weights).toBeNull();
  });
});
