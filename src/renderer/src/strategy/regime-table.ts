// The regime table (docs/strategy.md), drawn from whatever thresholds and policy the user is editing.
import { formatPercent } from '../../../core/format';
import type { ExtremeAction, Regime, Thresholds, Weights } from '../../../shared/strategy';
import { REGIME_LABELS, REGIMES } from '../../../shared/strategy';

export interface RegimeRow {
  regime: Regime;
  label: string;
  /** The annualized premium range, e.g. '5.00% to 20.00%'. */
  range: string;
  action: string;
  /** Null while the policy's set for this regime is not valid. */
  weights: Weights | null;
}

const EXTREME_ACTION_TEXT: Record<ExtremeAction, string> = {
  hedge: 'De-risk: hedge spot with a short future',
  sell: 'De-risk: sell spot into stablecoins',
};

export const REGIME_ACTIONS: Record<Exclude<Regime, 'extreme-contango'>, string> = {
  'deep-backwardation': 'Accumulate spot from stablecoins',
  neutral: 'Hold the baseline',
  'moderate-contango': 'Open a basis trade: buy spot and short futures, equal notional',
};

export function regimeAction(regime: Regime, extremeAction: ExtremeAction): string {
  return regime === 'extreme-contango'
    ? EXTREME_ACTION_TEXT[extremeAction]
    : REGIME_ACTIONS[regime];
}

export const REGIME_ORDER: readonly Regime[] = [
  'deep-backwardation',
  'neutral',
  'moderate-contango',
  'extreme-contango',
];

/** The annualized premium range of each regime under `thresholds`, the last naming its exit level. */
export function regimeRanges(thresholds: Thresholds): Record<Regime, string> {
  const p = (value: number) => formatPercent(value);
  return {
    'deep-backwardation': `below ${p(thresholds.deepBelow)}`,
    neutral: `${p(thresholds.deepBelow)} to ${p(thresholds.moderateFrom)}`,
    'moderate-contango': `${p(thresholds.moderateFrom)} to ${p(thresholds.extremeAbove)}`,
    'extreme-contango': `above ${p(thresholds.extremeAbove)} (exit below ${p(thresholds.extremeExit)})`,
  };
}

/** Rows from deep backwardation up to extreme contango. */
export function regimeRows(
  thresholds: Thresholds,
  weightsOf: (regime: Regime) => Weights | null,
  extremeAction: ExtremeAction,
): RegimeRow[] {
  const ranges = regimeRanges(thresholds);
  return REGIMES.map((regime) => ({
    regime,
    label: REGIME_LABELS[regime],
    range: ranges[regime],
    action: regimeAction(regime, extremeAction),
    weights: weightsOf(regime),
  }));
}
