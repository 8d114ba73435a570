import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AllocationPolicy, Regime, Weights } from '../shared/strategy';
import { policySchema, REGIMES, WEIGHT_SUM_TOLERANCE } from '../shared/strategy';
import { DEFAULT_POLICY, portfolioTargets, resolveAssetMix, targetWeights } from './allocation';

/** Random weights that sum to 1: two cut points on [0, 1]. */
const validWeights: fc.Arbitrary<Weights> = fc
  .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([a, b]) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    return { spot: lo, hedged: hi - lo, stable: 1 - hi };
  });

const validPolicy: fc.Arbitrary<AllocationPolicy> = fc.record({
  'deep-backwardation': validWeights,
  neutral: validWeights,
  'moderate-contango': validWeights,
  'extreme-contango': fc.record({ hedge: validWeights, sell: validWeights }),
  extremeAction: fc.constantFrom('hedge' as const, 'sell' as const),
});

const regime = fc.constantFrom<Regime>(...REGIMES);

function expectValidWeights(w: Weights): void {
  for (const v of [w.spot, w.hedged, w.stable]) {
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
  expect(Math.abs(w.spot + w.hedged + w.stable - 1)).toBeLessThanOrEqual(WEIGHT_SUM_TOLERANCE);
}

function withSlice(regimeKey: 'neutral', weights: Weights): AllocationPolicy {
  return { ...DEFAULT_POLICY, [regimeKey]: weights };
}

describe('DEFAULT_POLICY', () => {
  it('passes the settings schema', () => {
    expect(policySchema.safeParse(DEFAULT_POLICY).success).toBe(true);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.neutral)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY['extreme-contango'].hedge)).toBe(true);
  });
});

describe('targetWeights', () => {
  it.each<[Regime, Weights]>([
    ['deep-backwardation', { spot: 0.85, hedged: 0, stable: 0.15 }],
    ['neutral', { spot: 0.7, hedged: 0, stable: 0.3 }],
    ['moderate-contango', { spot: 0.7, hedged: 0.15, stable: 0.15 }],
    ['extreme-contango', { spot: 0.5, hedged: 0.2, stable: 0.3 }],
  ])('gives %s the default slice weights %o', (r, weights) => {
    expect(targetWeights(r)).toEqual(weights);
    expect(targetWeights(r, DEFAULT_POLICY)).toEqual(weights);
  });

  it('sells into stablecoins in extreme contango when the policy prefers selling', () => {
    const policy: AllocationPolicy = { ...DEFAULT_POLICY, extremeAction: 'sell' };
    expect(targetWeights('extreme-contango', policy)).toEqual({
      spot: 0.5,
      hedged: 0,
      stable: 0.5,
    });
    expect(targetWeights('neutral', policy)).toEqual({ spot: 0.7, hedged: 0, stable: 0.3 });
  });

  it('returns a copy the caller may change without touching the policy', () => {
    const w = targetWeights('neutral');
    w.spot = 0;
    expect(targetWeights('neutral').spot).toBe(0.7);
  });

  it('accepts a slice whose sum is off by no more than the tolerance', () => {
    const w = { spot: 0.7, hedged: 0, stable: 0.3 + WEIGHT_SUM_TOLERANCE / 2 };
    expect(targetWeights('neutral', withSlice('neutral', w))).toEqual(w);
  });

  it.each<[string, Weights]>([
    ['a weight above 1', { spot: 1.1, hedged: 0, stable: -0.1 }],
    ['a negative weight', { spot: 0.8, hedged: -0.1, stable: 0.3 }],
    ['a NaN weight', { spot: NaN, hedged: 0, stable: 0.3 }],
    ['weights summing to 90%', { spot: 0.6, hedged: 0, stable: 0.3 }],
    ['weights summing to 110%', { spot: 0.8, hedged: 0, stable: 0.3 }],
  ])('refuses a policy slice with %s', (_label, w) => {
    expect(() => targetWeights('neutral', withSlice('neutral', w))).toThrow(RangeError);
  });

  it('checks only the slice it is asked for', () => {
    const broken = withSlice('neutral', { spot: 2, hedged: 0, stable: 0 });
    expect(targetWeights('moderate-contango', broken)).toEqual({
      spot: 0.7,
      hedged: 0.15,
      stable: 0.15,
    });
  });

  it('refuses an unknown regime or extreme action', () => {
    expect(() => targetWeights('euphoria' as Regime)).toThrow(RangeError);
    const policy = { ...DEFAULT_POLICY, extremeAction: 'pray' } as unknown as AllocationPolicy;
    expect(() => targetWeights('extreme-contango', policy)).toThrow(RangeError);
  });

  it('keeps every weight in [0, 1] and the sum at 1 for any valid policy and regime', () => {
    fc.assert(
      fc.property(validPolicy, regime, (policy, r) => {
        expect(policySchema.safeParse(policy).success).toBe(true);
        expectValidWeights(targetWeights(r, policy));
      }),
    );
  });
});

describe('resolveAssetMix', () => {
  it('splits equally over the tracked assets when the mix is empty or absent', () => {
    expect(resolveAssetMix(['BTC', 'ETH'], {})).toEqual({ BTC: 0.5, ETH: 0.5 });
    expect(resolveAssetMix(['BTC', 'ETH', 'SOL', 'XRP'])).toEqual({
      BTC: 0.25,
      ETH: 0.25,
      SOL: 0.25,
      XRP: 0.25,
    });
    expect(resolveAssetMix(['BTC'], null)).toEqual({ BTC: 1 });
  });

  it('keeps a mix that names exactly the tracked assets and sums to 1', () => {
    expect(resolveAssetMix(['BTC', 'ETH'], { BTC: 0.6, ETH: 0.4 })).toEqual({ BTC: 0.6, ETH: 0.4 });
    expect(resolveAssetMix(['BTC', 'ETH'], { BTC: 1, ETH: 0 })).toEqual({ BTC: 1, ETH: 0 });
  });

  it.each<[string, string[], Record<string, number>, RegExp]>([
    ['an asset missing from the mix', ['BTC', 'ETH'], { BTC: 1 }, /missing ETH/],
    ['an asset that is not tracked', ['BTC'], { BTC: 0.5, SOL: 0.5 }, /not tracked: SOL/],
    ['shares not summing to 1', ['BTC', 'ETH'], { BTC: 0.6, ETH: 0.5 }, /sum to 1/],
    ['a negative share', ['BTC', 'ETH'], { BTC: 1.2, ETH: -0.2 }, /between 0 and 1/],
    ['a NaN share', ['BTC', 'ETH'], { BTC: NaN, ETH: 0.5 }, /between 0 and 1/],
  ])('refuses %s', (_label, tracked, mix, message) => {
    expect(() => resolveAssetMix(tracked, mix)).toThrow(RangeError);
    expect(() => resolveAssetMix(tracked, mix)).toThrow(message);
  });

  it('refuses no tracked assets, or one tracked twice', () => {
    expect(() => resolveAssetMix([])).toThrow(RangeError);
    expect(() => resolveAssetMix(['BTC', 'BTC'])).toThrow(/twice/);
  });
});

describe('portfolioTargets', () => {
  it('weights each slice by the mix, so one asset can be hedged while another is accumulated', () => {
    const targets = portfolioTargets(
      [
        { asset: 'BTC', regime: 'extreme-contango' },
        { asset: 'ETH', regime: 'deep-backwardation' },
      ],
      { BTC: 0.6, ETH: 0.4 },
    );
    expect(targets.weights.spot).toBeCloseTo(0.6 * 0.5 + 0.4 * 0.85, 12);
    expect(targets.weights.hedged).toBeCloseTo(0.6 * 0.2, 12);
    expect(targets.weights.stable).toBeCloseTo(0.6 * 0.3 + 0.4 * 0.15, 12);
    expect(targets.slices).toEqual([
      {
        asset: 'BTC',
        regime: 'extreme-contango',
        share: 0.6,
        weights: { spot: 0.5, hedged: 0.2, stable: 0.3 },
        contribution: { spot: 0.6 * 0.5, hedged: 0.6 * 0.2, stable: 0.6 * 0.3 },
      },
      {
        asset: 'ETH',
        regime: 'deep-backwardation',
        share: 0.4,
        weights: { spot: 0.85, hedged: 0, stable: 0.15 },
        contribution: { spot: 0.4 * 0.85, hedged: 0, stable: 0.4 * 0.15 },
      },
    ]);
  });

  it('splits equally when no mix is given', () => {
    const targets = portfolioTargets([
      { asset: 'BTC', regime: 'neutral' },
      { asset: 'ETH', regime: 'moderate-contango' },
    ]);
    expect(targets.slices.map((s) => s.share)).toEqual([0.5, 0.5]);
    expect(targets.weights.spot).toBeCloseTo(0.7, 12);
    expect(targets.weights.hedged).toBeCloseTo(0.075, 12);
    expect(targets.weights.stable).toBeCloseTo(0.225, 12);
  });

  it('uses the given policy for every slice', () => {
    const policy: AllocationPolicy = { ...DEFAULT_POLICY, extremeAction: 'sell' };
    const targets = portfolioTargets([{ asset: 'BTC', regime: 'extreme-contango' }], {}, policy);
    expect(targets.weights).toEqual({ spot: 0.5, hedged: 0, stable: 0.5 });
  });

  it('never lets rounding push a bucket above 1', () => {
    const allStable = { spot: 0, hedged: 0, stable: 1 };
    const policy: AllocationPolicy = {
      'deep-backwardation': allStable,
      neutral: allStable,
      'moderate-contango': allStable,
      'extreme-contango': { hedge: allStable, sell: allStable },
      extremeAction: 'hedge',
    };
    const raw = [
      0.0010352640062231062, 0.001, 0.05188155932473384, 0.004318708052952801,
      0.0018354245468054035,
    ];
    const total = raw.reduce((s, v) => s + v, 0);
    const assets = ['BTC', 'ETH', 'SOL', 'XRP', 'BNB'];
    const mix = Object.fromEntries(assets.map((a, i) => [a, (raw[i] ?? 0) / total]));
    const shareSum = assets.reduce((s, a) => s + (mix[a] ?? 0), 0);
    expect(shareSum).toBeGreaterThan(1); // the shares themselves overshoot by rounding
    const targets = portfolioTargets(
      assets.map((asset) => ({ asset, regime: 'deep-backwardation' as const })),
      mix,
      policy,
    );
    expect(targets.weights.stable).toBeLessThanOrEqual(1);
    expect(targets.weights.stable).toBeCloseTo(1, 12);
  });

  it('refuses a mix that does not match the slices', () => {
    expect(() => portfolioTargets([{ asset: 'BTC', regime: 'neutral' }], { ETH: 1 })).toThrow(
      RangeError,
    );
  });

  it('keeps the portfolio weights in range and summing to 1 for random mixes, regimes and policies', () => {
    const assets = ['BTC', 'ETH', 'SOL', 'XRP', 'BNB', 'ADA', 'DOGE', 'AVAX', 'DOT', 'LINK'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: assets.length }).chain((n) =>
          fc.tuple(
            fc.array(regime, { minLength: n, maxLength: n }),
            fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), {
              minLength: n,
              maxLength: n,
            }),
            fc.boolean(),
          ),
        ),
        validPolicy,
        ([regimes, raw, equal], policy) => {
          const slices = regimes.map((r, i) => ({ asset: assets[i] ?? `A${i}`, regime: r }));
          const total = raw.reduce((s, v) => s + v, 0);
          const mix = equal
            ? {}
            : Object.fromEntries(slices.map((s, i) => [s.asset, (raw[i] ?? 0) / total]));
          const targets = portfolioTargets(slices, mix, policy);
          expectValidWeights(targets.weights);
          const shareSum = targets.slices.reduce((s, t) => s + t.share, 0);
          expect(shareSum).toBeCloseTo(1, 9);
          for (const slice of targets.slices) {
            expectValidWeights(slice.weights);
            const c = slice.contribution;
            expect(c.spot + c.hedged + c.stable).toBeCloseTo(slice.share, 9);
          }
          for (const bucket of ['spot', 'hedged', 'stable'] as const) {
            const summed = targets.slices.reduce((s, t) => s + t.contribution[bucket], 0);
            expect(targets.weights[bucket]).toBeCloseTo(summed, 12);
          }
        },
      ),
    );
  });
});
