import { describe, expect, it } from 'vitest';
import { assetSpec } from './asset-catalog';
import { AssetPath, regimeForCarry } from './price-path';
import { HOUR_MS } from '../shared/time';
const start = Date.UTC(2024, 0, 1);

describe('asset path', () => {
  it('regenerates the same path from the same seed and controls', () => {
    const a = new AssetPath(assetSpec('ETH'), 9, start);
    const b = new AssetPath(assetSpec('ETH'), 9, start);
    const at = start + 200 * HOUR_MS + 1_234_567;
    a.applyControl(at, { kind: 'premium', value: 0.3 });
    b.applyControl(at, { kind: 'premium', value: 0.3 });
    for (let t = start; t < at + 50 * HOUR_MS; t += 7 * 60_000) {
      expect(a.spotAt(t)).toBe(b.spotAt(t));
      expect(a.carryAt(t)).toBe(b.carryAt(t));
    }
  });

  it('leaves the past untouched when a control lands in the middle of an hour', () => {
    const path = new AssetPath(assetSpec('BTC'), 4, start);
    const at = start + 500 * HOUR_MS + 23 * 60_000 + 17_000;
    const before: number[] = [];
    for (let t = at - 2 * HOUR_MS; t <= at; t += 30_000) before.push(path.spotAt(t));
    path.applyControl(at, { kind: 'regime', regime: 'capitulation' });
    const after: number[] = [];
    for (let t = at - 2 * HOUR_MS; t <= at; t += 30_000) after.push(path.spotAt(t));
    after.forEach((v, i) => expect(v).toBeCloseTo(before[i]!, 9));
  });

  it('holds a pinned premium and releases it on request', () => {
    const path = new AssetPath(assetSpec('SOL'), 2, start);
    const at = start + 100 * HOUR_MS;
    path.applyControl(at, { kind: 'premium', value: -0.3 });
    expect(path.carryAt(at)).toBe(-0.3);
    expect(path.regimeAt(at)).toBe('capitulation');
    for (let t = at; t < at + 30 * 24 * HOUR_MS; t += 24 * HOUR_MS)
      expect(Math.abs(path.carryAt(t) + 0.3)).toBeLessThan(0.02);
    const release = at + 30 * 24 * HOUR_MS;
    path.applyControl(release, { kind: 'premium', value: null });
    expect(path.stateAt(release).pinned).toBe(false);
  });

  it('samples the premium as it is at each moment, noise and all, around a pinned carry', () => {
    const path = new AssetPath(assetSpec('BTC'), 1, start);
    const at = start + 10 * HOUR_MS + 17 * 60_000;
    path.applyControl(at, { kind: 'premium', value: 0.2 });
    const from = at - 3 * HOUR_MS;
    const samples = path.premiumSamples(from, 60_000, 8 * 60);
    samples.forEach((value, k) => expect(value).toBe(path.premiumAt(from + k * 60_000)));
    const pinned = samples.slice(3 * 60);
    const mean = pinned.reduce((a, b) => a + b, 0) / pinned.length;
    expect(Math.abs(mean - 0.2)).toBeLessThan(0.03);
  });

  it('places a hand-set premium in the matching regime', () => {
    expect(regimeForCarry(0.45)).toBe('euphoria');
    expect(regimeForCarry(0.08)).toBe('calm');
    expect(regimeForCarry(0)).toBe('quiet');
    expect(regimeForCarry(-0.25)).toBe('capitulation');
  });
});
