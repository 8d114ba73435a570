import { describe, expect, it } from 'vitest';
import { position } from './buckets-testing';
import { closeRelease } from './planner-reduce';

const BTC = 50_000;

describe('closeRelease', () => {
  // 1 BTC short entered at 40,000 and marked at 50,000: 10,000 under water.
  const underwater = (change: { isolatedMargin?: number }) =>
    position({
      asset: 'BTC',
      side: 'short',
      contracts: 1,
      markPrice: BTC,
      entryPrice: 40_000,
      ...change,
    });

  it('gives back an isolated short its share of the isolated wallet plus the P&L the close realizes', () => {
    const isolated = underwater({ isolatedMargin: 20_000 });
    // Half closed at 50,000: 10,000 of wallet less 0.5 × 10,000 realized.
    expect(closeRelease(isolated, 0.5, 1, BTC)).toBeCloseTo(5_000, 9);
    // A short in profit brings its gain on top: entered at 60,000, 0.5 × 10,000.
    expect(closeRelease({ ...isolated, entryPrice: 60_000 }, 0.5, 1, BTC)).toBeCloseTo(15_000, 9);
  });

  it('never gives back less than nothing from an isolated short, whose loss stops at its wallet', () => {
    const thin = underwater({ isolatedMargin: 5_000 });
    expect(closeRelease(thin, 1, 1, BTC)).toBe(0);
  });

  it('gives back a cross short its share of the initial margin plus only the P&L beyond what available already counts', () => {
    const cross = { ...underwater({}), leverage: 10 };
    // At the mark: 5,000 of margin, the loss already inside available.
    expect(closeRelease(cross, 1, 1, BTC)).toBeCloseTo(5_000, 9);
    // Filled 1% above the mark on half: 2,500 of margin less 0.5 × 500 more realized.
    expect(closeRelease(cross, 0.5, 1, 50_500)).toBeCloseTo(2_250, 9);
    // A fill worse than the mark by more than the margin it frees takes from available.
    expect(closeRelease(cross, 1, 1, 56_000)).toBeCloseTo(-1_000, 9);
  });
});
