// What each asset should hold after the plan: its target weights (the regime's slice, or the slice
// of the single action asked for) turned into wanted long and short quantities at its price.
import type { PlanAction, PlanActionKind } from '../shared/plan';
import type { PortfolioBuckets } from '../shared/portfolio';
import type { AllocationPolicy, Weights } from '../shared/strategy';
import { targetWeights } from './allocation';

export interface AssetGoal {
  asset: string;
  price: number;
  /** Shares of the portfolio value this asset should hold. */
  target: Weights;
  /** Held now, in units of the asset (spot everywhere and long futures; short futures). */
  long: number;
  short: number;
  /** Wanted after the plan. */
  wantLong: number;
  wantShort: number;
}

/** The slice an action aims its asset at, whatever the asset's regime. */
export function actionSlice(
  kind: Exclude<PlanActionKind, 'close-hedge'>,
  policy: AllocationPolicy,
): Weights {
  switch (kind) {
    case 'accumulate':
      return targetWeights('deep-backwardation', policy);
    case 'basis-trade':
      return targetWeights('moderate-contango', policy);
    case 'hedge':
      return targetWeights('extreme-contango', { ...policy, extremeAction: 'hedge' });
    case 'de-risk':
      return targetWeights('extreme-contango', { ...policy, extremeAction: 'sell' });
  }
}

/**
 * The goal of every asset the plan trades: every tracked asset with a price for a full rebalance,
 * the one asset of an action otherwise. With V the portfolio value, T_s = target.spot × V and
 * T_h = target.hedged × V: wanted long = (T_s + T_h) / price, wanted short = T_h / price. Closing a
 * hedge keeps the spot and wants no short.
 */
export function assetGoals(
  before: PortfolioBuckets,
  action: PlanAction | null,
  policy: AllocationPolicy,
): AssetGoal[] {
  const value = before.value;
  const goals: AssetGoal[] = [];
  for (const row of before.assets) {
    if (row.price === null) continue;
    if (action && action.asset !== row.asset) continue;
    let target = row.target;
    let wantLong: number;
    let wantShort: number;
    if (action?.kind === 'close-hedge') {
      const spot = (row.spot + row.hedged) / value;
      target = { spot, hedged: 0, stable: Math.max(0, row.mix - spot) };
      wantLong = row.long;
      wantShort = 0;
    } else {
      if (action) {
        const slice = actionSlice(action.kind, policy);
        target = {
          spot: row.mix * slice.spot,
          hedged: row.mix * slice.hedged,
          stable: row.mix * slice.stable,
        };
      }
      wantLong = ((target.spot + target.hedged) * value) / row.price;
      wantShort = (target.hedged * value) / row.price;
    }
    goals.push({
      asset: row.asset,
      price: row.price,
      target,
      long: row.long,
      short: row.short,
      wantLong,
      wantShort,
    });
  }
  return goals;
}
