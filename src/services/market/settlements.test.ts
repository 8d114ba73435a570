import { describe, expect, it } from 'vitest';
import { annualizeFunding } from '../../core';
import { thinSettlements, type SettlementData } from './settlements';

const HOUR = 3_600_000;

function settlements(points: [number, number, number][]): SettlementData {
  return {
    t: Float64Array.from(points.map((p) => p[0])),
    v: Float64Array.from(points.map((p) => p[1])),
    h: Float64Array.from(points.map((p) => p[2])),
  };
}

describe('thinSettlements', () => {
  it('keeps every settlement when they fit', () => {
    const data = settlements([
      [HOUR, 0.0001, 8],
      [9 * HOUR, 0.0002, 8],
    ]);
    expect(thinSettlements(data, 10)).toBe(data);
  });

  it('keeps each kept settlement with its own rate and interval', () => {
    const points: [number, number, number][] = Array.from({ length: 40 }, (_, i) => [
      (i + 1) * HOUR,
      0.0001 * (1 + (i % 7)),
      i < 20 ? 8 : 1,
    ]);
    const thinned = thinSettlements(settlements(points), 10);
    expect(thinned.t.length).toBeLessThanOrEqual(10);
    expect(thinned.t.length).toBeGreaterThan(0);
    const byTime = new Map(points.map((p) => [p[0], p]));
    for (let k = 0; k < thinned.t.length; k++) {
      const original = byTime.get(thinned.t[k]!)!;
      expect([thinned.v[k], thinned.h[k]]).toEqual([original[1], original[2]]);
    }
  });

  it('thins by the annualized rate, so the highest-paying settlement survives whatever its interval', () => {
    // The 1 h settlement pays less per interval than its 8 h neighbours but eight times as often.
    const points: [number, number, number][] = Array.from({ length: 40 }, (_, i) => [
      (i + 1) * HOUR,
      i === 25 ? 0.0004 : 0.001,
      i === 25 ? 1 : 8,
    ]);
    const thinned = thinSettlements(settlements(points), 4);
    const best = Math.max(...Array.from(thinned.v, (v, k) => annualizeFunding(v, thinned.h[k]!)));
    expect(best).toBeCloseTo(annualizeFunding(0.0004, 1), 12);
  });
});
