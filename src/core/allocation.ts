// Target bucket weights: one asset's slice from its regime, and the portfolio as the mix-weighted sum.
import type { AllocationPolicy, Regime, Weights } from '../shared/strategy';
import { BUCKETS, EXTREME_ACTIONS, REGIMES, WEIGHT_SUM_TOLERANCE } from '../shared/strategy';

/**
 * Default weights (spot/hedged/stable, see docs/strategy.md): the 70/30 baseline when neutral,
 * accumulate in deep backwardation, fund a basis trade from stablecoins in moderate contango (net
 * exposure stays 70%), and de-risk in extreme contango by hedging or, if chosen, by selling.
 */
export const DEFAULT_POLICY: AllocationPolicy = Object.freeze({
  'deep-backwardation': Object.freeze({ spot: 0.85, hedged: 0, stable: 0.15 }),
  neutral: Object.freeze({ spot: 0.7, hedged: 0, stable: 0.3 }),
  'moderate-contango': Object.freeze({ spot: 0.7, hedged: 0.15, stable: 0.15 }),
  'extreme-contango': Object.freeze({
    hedge: Object.freeze({ spot: 0.5, hedged: 0.2, stable: 0.3 }),
    sell: Object.freeze({ spot: 0.5, hedged: 0, stable: 0.5 }),
  }),
  extremeAction: 'hedge',
});

function requireValidWeights(w: Weights | undefined, where: string): Weights {
  if (w === null || typeof w !== 'object') {
    throw new RangeError(`policy has no weights for ${where}`);
  }
  for (const bucket of BUCKETS) {
    const v = w[bucket];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw new RangeError(
        `policy weight ${where}.${bucket} must be between 0 and 1 (got ${String(v)})`,
      );
    }
  }
  const sum = w.spot + w.hedged + w.stable;
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw new RangeError(`policy weights for ${where} must sum to 1 (they sum to ${sum})`);
  }
  return { spot: w.spot, hedged: w.hedged, stable: w.stable };
}

/**
 * Target weights of one asset's slice in a regime: each in [0, 1], summing to 1 (within
 * WEIGHT_SUM_TOLERANCE, as entered). Extreme contango uses the set of the policy's extreme action.
 * A policy whose slice is out of range or does not sum to 1 is a RangeError.
 */
export function targetWeights(regime: Regime, policy: AllocationPolicy = DEFAULT_POLICY): Weights {
  switch (regime) {
    case 'deep-backwardation':
    case 'neutral':
    case 'moderate-contango':
      return requireValidWeights(policy[regime], regime);
    case 'extreme-contango': {
      const action = policy.extremeAction;
      if (!EXTREME_ACTIONS.includes(action)) {
        throw new RangeError(`unknown extreme-contango action "${String(action)}"`);
      }
      return requireValidWeights(
        policy['extreme-contango']?.[action],
        `extreme-contango.${action}`,
      );
    }
    default:
      throw new RangeError(
        `unknown regime "${String(regime)}" (expected one of ${REGIMES.join(', ')})`,
      );
  }
}

/** Share of the portfolio per asset, summing to 1. */
export type AssetMix = Record<string, number>;

/**
 * Each tracked asset's share of the portfolio. An absent or empty mix means equal shares; otherwise
 * the mix must name exactly the tracked assets with shares in [0, 1] summing to 1 (the settings
 * schema's rule), or it is a RangeError.
 */
export function resolveAssetMix(tracked: readonly string[], mix?: AssetMix | null): AssetMix {
  if (tracked.length === 0) throw new RangeError('track at least one asset');
  if (new Set(tracked).size !== tracked.length) {
    throw new RangeError(`tracked assets list an asset twice: ${tracked.join(', ')}`);
  }
  const resolved: AssetMix = {};
  if (!mix || Object.keys(mix).length === 0) {
    for (const asset of tracked) resolved[asset] = 1 / tracked.length;
    return resolved;
  }
  const missing = tracked.filter((a) => !Object.hasOwn(mix, a));
  const extra = Object.keys(mix).filter((a) => !tracked.includes(a));
  if (missing.length > 0 || extra.length > 0) {
    throw new RangeError(
      `asset mix must name exactly the tracked assets${missing.length ? ` (missing ${missing.join(', ')})` : ''}${extra.length ? ` (not tracked: ${extra.join(', ')})` : ''}`,
    );
  }
  let sum = 0;
  for (const asset of tracked) {
    const share = mix[asset];
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
      throw new RangeError(
        `asset mix share of ${asset} must be between 0 and 1 (got ${String(share)})`,
      );
    }
    resolved[asset] = share;
    sum += share;
  }
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw new RangeError(`asset mix shares must sum to 1 (they sum to ${sum})`);
  }
  return resolved;
}

export interface SliceInput {
  asset: string;
  regime: Regime;
}

export interface SliceTarget {
  asset: string;
  regime: Regime;
  /** The asset's share of the portfolio. */
  share: number;
  /** Target weights within the asset's slice (sum to 1). */
  weights: Weights;
  /** The slice's contribution to the portfolio's buckets: share × weights (sums to share). */
  contribution: Weights;
}

export interface PortfolioTargets {
  /** Portfolio bucket weights: the mix-weighted sum of the slices (sum to 1). */
  weights: Weights;
  slices: SliceTarget[];
}

/**
 * Portfolio targets from each asset's regime: every slice's targets by the policy, weighted by the
 * asset mix (equal over the slices' assets when absent or empty) and summed. Stablecoins are one
 * pool, so the portfolio's `stable` is simply the sum of the slices' stable contributions.
 */
export function portfolioTargets(
  slices: readonly SliceInput[],
  mix?: AssetMix | null,
  policy: AllocationPolicy = DEFAULT_POLICY,
): PortfolioTargets {
  const shares = resolveAssetMix(
    slices.map((s) => s.asset),
    mix,
  );
  const weights: Weights = { spot: 0, hedged: 0, stable: 0 };
  const targets = slices.map(({ asset, regime }): SliceTarget => {
    const share = shares[asset] ?? 0;
    const slice = targetWeights(regime, policy);
    const contribution: Weights = {
      spot: share * slice.spot,
      hedged: share * slice.hedged,
      stable: share * slice.stable,
    };
    weights.spot += contribution.spot;
    weights.hedged += contribution.hedged;
    weights.stable += contribution.stable;
    return { asset, regime, share, weights: slice, contribution };
  });
  // Rounding in the sum can leave a bucket a hair outside [0, 1] (1.0000000000000002), which the
  // weights schema downstream would refuse.
  for (const bucket of BUCKETS) weights[bucket] = Math.min(1, Math.max(0, weights[bucket]));
  return { weights, slices: targets };
}
