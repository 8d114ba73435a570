import { describe, expect, it } from 'vitest';
import type { AssetSnapshot } from '../../../shared/market';
import {
  layoutTermStructure,
  niceStep,
  niceTicks,
  termStructurePoints,
  type TermPoint,
} from './term-structure';

const AT = Date.UTC(2026, 0, 15, 8);
const DAY = 86_400_000;

const asset: AssetSnapshot = {
  asset: 'BTC',
  spot: 100_000,
  perp: {
    symbol: 'BTCUSDT',
    mark: 100_010,
    index: 100_000,
    fundingRate: 0.0001,
    fundingIntervalHours: 8,
    intervalFromVenue: true,
    annualized: 0.1095,
    nextFundingAt: null,
  },
  futures: [
    {
      symbol: 'BTCUSDT_260626',
      expiry: AT + 162 * DAY,
      price: 104_000,
      daysToExpiry: 162,
      annualized: 0.09,
      inSignal: true,
    },
    {
      symbol: 'BTCUSDT_260327',
      expiry: AT + 71 * DAY,
      price: 101_600,
      daysToExpiry: 71,
      annualized: 0.0834,
      inSignal: true,
    },
    {
      symbol: 'BROKEN',
      expiry: AT,
      price: 1,
      daysToExpiry: 3,
      annualized: Number.NaN,
      inSignal: false,
    },
  ],
  premium: 0.0834,
  premiumSource: 'nearest-future',
  basisMethod: 'simple',
  regime: 'moderate-contango',
  heldByHysteresis: false,
  stale: false,
};

describe('termStructurePoints', () => {
  it('puts the perpetual at day 0 labelled perp, then the futures by expiry', () => {
    const points = termStructurePoints(asset, 'UTC');
    expect(points.map((p) => [p.label, p.days, p.annualized])).toEqual([
      ['perp', 0, 0.1095],
      ['Mar 27, 2026', 71, 0.0834],
      ['Jun 26, 2026', 162, 0.09],
    ]);
  });

  it('leaves out contracts whose premium is not a number', () => {
    expect(termStructurePoints(asset).map((p) => p.symbol)).not.toContain('BROKEN');
  });

  it('has only futures when no perpetual is listed', () => {
    const points = termStructurePoints({ ...asset, perp: null });
    expect(points.every((p) => p.kind === 'future')).toBe(true);
    expect(points).toHaveLength(2);
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.2, 4)).toBe(0.05);
    expect(niceStep(170, 5)).toBe(50);
    expect(niceTicks(0, 0.1095)).toEqual([0, 0.05, 0.1, 0.15]);
  });

  it('covers negative values and stays free of floating-point noise', () => {
    const ticks = niceTicks(-0.13, 0.07);
    expect(ticks[0]).toBeLessThanOrEqual(-0.13);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(0.07);
    expect(ticks).toContain(0);
    expect(ticks.every((t) => String(t).length < 8)).toBe(true);
  });

  it('gives two ticks for a flat series', () => {
    expect(niceTicks(0, 0).length).toBeGreaterThanOrEqual(2);
  });
});

describe('layoutTermStructure', () => {
  const area = { width: 400, height: 200, left: 50, right: 10, top: 10, bottom: 30 };

  it('places day 0 at the left edge and later expiries to the right', () => {
    const { points } = layoutTermStructure(termStructurePoints(asset), area);
    expect(points[0]?.x).toBe(50);
    const xs = points.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(Math.max(...xs)).toBeLessThanOrEqual(390);
  });

  it('draws higher premiums higher up and keeps 0% in view', () => {
    const layout = layoutTermStructure(termStructurePoints(asset), area);
    const [perp, march] = layout.points;
    expect(perp!.y).toBeLessThan(march!.y);
    expect(layout.zeroY).toBe(170);
    for (const p of layout.points) {
      expect(p.y).toBeGreaterThanOrEqual(10);
      expect(p.y).toBeLessThanOrEqual(170);
    }
  });
});

describe('layoutTermStructure with extras', () => {
  const area = { width: 400, height: 200, left: 40, right: 10, top: 10, bottom: 30 };
  const points: TermPoint[] = [
    {
      label: 'perp',
      symbol: 'P',
      kind: 'perp',
      days: 0,
      annualized: 0.05,
      inSignal: true,
      expiry: null,
    },
  ];

  it('widens the domain to take in threshold levels and past curves', () => {
    const layout = layoutTermStructure(points, area, {
      levels: [0.2, -0.1],
      others: [{ days: 180, annualized: 0.3 }],
    });
    const values = layout.yTicks.map((t) => t.value);
    expect(Math.min(...values)).toBeLessThanOrEqual(-0.1);
    expect(Math.max(...values)).toBeGreaterThanOrEqual(0.3);
    expect(layout.x(180)).toBeLessThanOrEqual(area.width - area.right);
    expect(layout.y(0.3)).toBeGreaterThanOrEqual(area.top);
  });
});
