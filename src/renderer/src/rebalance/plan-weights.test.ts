import { describe, expect, it } from 'vitest';
import { rebalancePlan } from '../../../shared/plan-testing';
import { assetWeightRows, portfolioWeightBars } from './plan-weights';

describe('portfolioWeightBars', () => {
  it('draws the buckets now, at target and after the plan, each described in words', () => {
    const bars = portfolioWeightBars(rebalancePlan());
    expect(bars.map((b) => b.description)).toEqual([
      'Now: Spot (unhedged) 70%, Hedged spot 0%, Stablecoins 30%',
      'Target: Spot (unhedged) 70%, Hedged spot 15%, Stablecoins 15%',
      'After the plan: Spot (unhedged) 70%, Hedged spot 12.5%, Stablecoins 17.5%',
    ]);
    expect(bars[2]?.segments.map((s) => s.share)).toEqual([0.7, 0.125, 0.175]);
  });
});

describe('assetWeightRows', () => {
  it('gives each asset its regime and its spot and hedged shares three ways', () => {
    expect(assetWeightRows(rebalancePlan())).toEqual([
      {
        asset: 'BTC',
        regime: 'Moderate contango',
        spot: { now: '70%', target: '70%', after: '70%', reached: true },
        hedged: { now: '0%', target: '15%', after: '12.5%', reached: false },
      },
    ]);
  });

  it('counts a share the lot step leaves a hair off its target as reached, and one further off as not', () => {
    const plan = rebalancePlan();
    const asset = plan.assets[0]!;
    const [row] = assetWeightRows({
      assets: [
        {
          ...asset,
          target: { spot: 0.35, hedged: 0.075, stable: 0.575 },
          after: { spot: 0.34994, hedged: 0.0735 },
        },
      ],
    });
    expect(row?.spot.reached).toBe(true);
    expect(row?.hedged.reached).toBe(false);
  });

  it('says when an asset has no regime yet', () => {
    const plan = rebalancePlan();
    const [row] = assetWeightRows({ assets: plan.assets.map((a) => ({ ...a, regime: null })) });
    expect(row?.regime).toBe('No regime yet');
  });
});
