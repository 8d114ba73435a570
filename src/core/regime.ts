// The market regime of an asset from its annualized premium, with exit hysteresis out of extreme contango.
import type { Regime, Thresholds } from '../shared/strategy';
import { REGIMES, thresholdOrderProblem } from '../shared/strategy';
import { requireFinite } from './numbers';

/** The default table (docs/strategy.md): below −10% deep, −10% to 5% neutral, 5% to 20% moderate, above 20% extreme. */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  deepBelow: -0.1,
  moderateFrom: 0.05,
  extremeAbove: 0.2,
  extremeExit: 0.05,
});

export interface RegimeClassification {
  regime: Regime;
  /** True when the plain boundaries would have left extreme contango but the exit level has not been crossed. */
  heldByHysteresis: boolean;
}

/** Throws the RangeError the settings schema would report for the same threshold set. */
export function assertThresholds(thresholds: Thresholds): void {
  const problem = thresholdOrderProblem(thresholds);
  if (problem) {
    throw new RangeError(`thresholds out of order: ${problem.field} ${problem.message}`);
  }
}

/** The regime by the plain boundaries, ignoring any previous regime. */
function plainRegime(premium: number, t: Thresholds): Regime {
  if (premium < t.deepBelow) return 'deep-backwardation';
  if (premium < t.moderateFrom) return 'neutral';
  if (premium <= t.extremeAbove) return 'moderate-contango';
  return 'extreme-contango';
}

/**
 * The regime of a premium, and whether hysteresis held it. Boundaries: p < deepBelow deep;
 * deepBelow ≤ p < moderateFrom neutral; moderateFrom ≤ p ≤ extremeAbove moderate; p > extremeAbove
 * extreme. Once extreme (`previous`), the asset stays extreme until p < extremeExit, so a premium
 * hovering between the exit and entry levels cannot flip the regime back and forth.
 */
export function classifyRegimeDetailed(
  premium: number,
  previous: Regime | null = null,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): RegimeClassification {
  requireFinite(premium, 'premium');
  if (previous !== null && !(REGIMES as readonly string[]).includes(previous)) {
    throw new RangeError(`unknown previous regime "${String(previous)}"`);
  }
  assertThresholds(thresholds);
  const regime = plainRegime(premium, thresholds);
  if (
    previous === 'extreme-contango' &&
    regime !== 'extreme-contango' &&
    premium >= thresholds.extremeExit
  ) {
    return { regime: 'extreme-contango', heldByHysteresis: true };
  }
  return { regime, heldByHysteresis: false };
}

/** The regime of a premium given the previous regime (for hysteresis) and the thresholds. */
export function classifyRegime(
  premium: number,
  previous: Regime | null = null,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Regime {
  return classifyRegimeDetailed(premium, previous, thresholds).regime;
}
