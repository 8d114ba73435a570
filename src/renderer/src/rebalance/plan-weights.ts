// The numbers behind the plan's weights drawing: the portfolio's buckets now, at target and after the
// plan as three stacked bars, each tracked asset's spot and hedged shares the same three ways, and the
// sentences a screen reader hears in place of the drawing.
import type { RebalancePlan } from '../../../shared/plan';
import { REGIME_LABELS, type Weights } from '../../../shared/strategy';
import { bucketSegments, formatWeight, type BucketSegment } from '../calculator/bucket-chart';

export type WeightsMoment = 'now' | 'target' | 'after';

export const WEIGHTS_MOMENT_LABELS: Record<WeightsMoment, string> = {
  now: 'Now',
  target: 'Target',
  after: 'After the plan',
};

export interface WeightsBar {
  moment: WeightsMoment;
  label: string;
  segments: BucketSegment[];
  /** The bar in words: 'Now: Spot (unhedged) 70%, Hedged spot 0%, Stablecoins 30%'. */
  description: string;
}

function bar(moment: WeightsMoment, weights: Weights): WeightsBar {
  const segments = bucketSegments(weights);
  const label = WEIGHTS_MOMENT_LABELS[moment];
  return {
    moment,
    label,
    segments,
    description: `${label}: ${segments.map((s) => `${s.label} ${s.text}`).join(', ')}`,
  };
}

/** The portfolio's three buckets now, at target and after the plan, in that order. */
export function portfolioWeightBars(
  plan: Pick<RebalancePlan, 'current' | 'target' | 'after'>,
): WeightsBar[] {
  return [bar('now', plan.current), bar('target', plan.target), bar('after', plan.after)];
}

export interface ShareTriple {
  now: string;
  target: string;
  after: string;
  /** The plan brings the share to its target, within REACHED_WITHIN. */
  reached: boolean;
}

export interface AssetWeightRow {
  asset: string;
  regime: string;
  spot: ShareTriple;
  hedged: ShareTriple;
}

/**
 * Orders are rounded down to the venue's lot step, so a plan lands a hair off its target; closer than
 * a tenth of a percentage point of the portfolio counts as reached.
 */
export const REACHED_WITHIN = 0.001;

function triple(now: number, target: number, after: number): ShareTriple {
  return {
    now: formatWeight(now),
    target: formatWeight(target),
    after: formatWeight(after),
    reached: Math.abs(after - target) <= REACHED_WITHIN,
  };
}

/** Each tracked asset's spot and hedged shares of the portfolio now, at target and after the plan. */
export function assetWeightRows(plan: Pick<RebalancePlan, 'assets'>): AssetWeightRow[] {
  return plan.assets.map((a) => ({
    asset: a.asset,
    regime: a.regime === null ? 'No regime yet' : REGIME_LABELS[a.regime],
    spot: triple(a.current.spot, a.target.spot, a.after.spot),
    hedged: triple(a.current.hedged, a.target.hedged, a.after.hedged),
  }));
}
