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

  it('says when an asset has no regime yet', () => {
    const plan = rebalancePlan();
    const [row] = assetWeightRows({ assets: plan.assets.map((a) => ({ ...a, regime: null })) });
    expect(row?.regime).toBe('No regime yet');
  });
});
