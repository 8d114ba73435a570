import { describe, expect, it } from 'vitest';
import { bucketSegments, describeWeights, formatWeight } from './bucket-chart';

describe('formatWeight', () => {
  it('shows whole and fractional percents without trailing zeros', () => {
    expect(formatWeight(0.7)).toBe('70%');
    expect(formatWeight(0.125)).toBe('12.5%');
    expect(formatWeight(0)).toBe('0%');
    expect(formatWeight(1 / 3)).toBe('33.33%');
  });
});

describe('bucketSegments', () => {
  it('lists spot, hedged and stable in that order with their shares', () => {
    const segments = bucketSegments({ spot: 0.5, hedged: 0.2, stable: 0.3 });
    expect(segments.map((s) => [s.bucket, s.share, s.text])).toEqual([
      ['spot', 0.5, '50%'],
      ['hedged', 0.2, '20%'],
      ['stable', 0.3, '30%'],
    ]);
  });
});

describe('describeWeights', () => {
  it('names every bucket with its percentage', () => {
    expect(describeWeights({ spot: 0.7, hedged: 0.15, stable: 0.15 })).toBe(
      'Target weights: Spot (unhedged) 70%, Hedged spot 15%, Stablecoins 15%',
    );
  });
});
