import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../shared/time';
import { perpCarry, basisCarry } from './carry';
import {
  bestCarry,
  dailyFunding,
  heatmapDays,
  nearestBasis,
  scannerRow,
  windowAverage,
  type ScannerInput,
} from './carry-scanner';
import type { FundingPoint } from './signal';

const NOW = Date.UTC(2025, 5, 30, 12);

/** A settlement every `hours` for `days` days before NOW, each paying `rate`. */
function settlements(rate: number, hours: number, days: number): FundingPoint[] {
  const out: FundingPoint[] = [];
  for (let at = NOW - days * DAY_MS + hours * HOUR_MS; at <= NOW; at += hours * HOUR_MS) {
    out.push({ at, rate, intervalHours: hours });
  }
  return out;
}

function input(overrides: Partial<ScannerInput> = {}): ScannerInput {
  return {
    asset: 'SOL',
    symbol: 'SOL/USDT:USDT',
    tracked: false,
    mark: 150,
    index: 150,
    fundingRate: 0.0001,
    fundingIntervalHours: 8,
    nearestFuture: null,
    perpTakerFee: 0.0005,
    spotTakerFee: 0.001,
    settlements: [],
    signalRegime: null,
    ...overrides,
  };
}

const OPTIONS = { now: NOW, days: heatmapDays(NOW, 3), holdingDays: 30 };

describe('the scanner figures of one perpetual', () => {
  it('averages each window over the hours its settlements covered, not per settlement', () => {
    // Four days at 8 h paying 0.01% and, before them, ten days at 4 h paying 0.02%.
    const recent = settlements(0.0001, 8, 4);
    const older = settlements(0.0002, 4, 14).filter((p) => p.at <= NOW - 4 * DAY_MS);
    const points = [...older, ...recent];
    expect(windowAverage(points, NOW - 4 * DAY_MS, NOW)).toBeCloseTo(0.0001 * 3 * 365, 12);
    // 7 days: 12 settlements at 8 h (0.12%) and 18 at 4 h (0.36%) over 168 hours.
    const week = (12 * 0.0001 + 18 * 0.0002) * (24 / 168) * 365;
    expect(windowAverage(points, NOW - 7 * DAY_MS, NOW)).toBeCloseTo(week, 12);
  });

  it('has no average for a window with no settlement in it', () => {
    expect(windowAverage(settlements(0.0001, 8, 2), NOW - 30 * DAY_MS, NOW - 3 * DAY_MS)).toBe(
      null,
    );
  });

  it('lists the heat map days as UTC day starts, oldest first, ending with today', () => {
    expect(heatmapDays(NOW, 3)).toEqual([
      Date.UTC(2025, 5, 28),
      Date.UTC(2025, 5, 29),
      Date.UTC(2025, 5, 30),
    ]);
  });

  it('annualizes each UTC day on its own settlements and leaves a day without any empty', () => {
    const days = heatmapDays(NOW, 3);
    const points: FundingPoint[] = [
      { at: days[0]! + 8 * HOUR_MS, rate: 0.0003, intervalHours: 8 },
      { at: days[2]! + 8 * HOUR_MS, rate: -0.0001, intervalHours: 8 },
      { at: days[2]! + 9 * HOUR_MS, rate: 0.0001, intervalHours: 1 },
    ];
    const [first, second, third] = dailyFunding(points, days);
    expect(first).toBeCloseTo(0.0003 * 3 * 365, 12);
    expect(second).toBe(null);
    expect(third).toBeCloseTo(0 * 365, 12);
  });

  it('annualizes the nearest future over the index, and has none once it has expired', () => {
    const future = { symbol: 'SOL/USDT:USDT-250926', expiry: NOW + 90 * DAY_MS, price: 153 };
    expect(nearestBasis(input({ nearestFuture: future }), NOW)?.annualized).toBeCloseTo(
      0.02 * (365 / 90),
      12,
    );
    expect(nearestBasis(input({ nearestFuture: { ...future, expiry: NOW } }), NOW)).toBe(null);
  });

  it('prices the perpetual hedge with the plan carry of a pair on the 7-day average funding', () => {
    const carry = bestCarry(input(), 0.2, OPTIONS);
    const byHand = perpCarry({
      notional: 150,
      annualizedFunding: 0.2,
      holdingDays: 30,
      spotFee: 0.001,
      perpFee: 0.0005,
    });
    expect(carry?.kind).toBe('perp');
    expect(carry?.netAnnualized).toBeCloseTo(byHand.netAnnualized, 12);
    expect(carry?.feeShare).toBeCloseTo(2 * (0.001 + 0.0005), 12);
  });

  it('picks the dated future when its basis to expiry earns more net of fees than funding', () => {
    const future = { symbol: 'SOL/USDT:USDT-250926', expiry: NOW + 90 * DAY_MS, price: 156 };
    const carry = bestCarry(input({ nearestFuture: future }), 0.01, OPTIONS);
    const byHand = basisCarry({
      spot: 150,
      futures: 156,
      daysToExpiry: 90,
      notional: 150,
      spotFee: 0.001,
      futuresFee: 0.0005,
    });
    expect(carry?.kind).toBe('dated');
    expect(carry?.netAnnualized).toBeCloseTo(byHand.netAnnualized, 12);
  });

  it('never breaks even on funding that pays the long, and says so with no breakeven', () => {
    const carry = bestCarry(input(), -0.05, OPTIONS);
    expect(carry?.netAnnualized).toBeLessThan(0);
    expect(carry?.breakevenDays).toBe(null);
  });

  it('takes a tracked asset’s regime from its signal, and the others’ from the 7-day average', () => {
    const points = settlements(0.0003, 8, 10); // 32.85% a year: extreme contango
    const untracked = scannerRow(input({ settlements: points }), OPTIONS);
    expect(untracked.regime).toBe('extreme-contango');
    expect(untracked.regimeFrom).toBe('funding-7d');
    const tracked = scannerRow(
      input({ settlements: points, tracked: true, signalRegime: 'neutral' }),
      OPTIONS,
    );
    expect(tracked.regime).toBe('neutral');
    expect(tracked.regimeFrom).toBe('signal');
    expect(untracked.settlements30).toBe(30);
    expect(untracked.avg30).toBeCloseTo(0.0003 * 3 * 365, 12);
  });

  it('has no regime, average or heat for a perpetual with nothing settled yet', () => {
    const row = scannerRow(input(), OPTIONS);
    expect([row.avg7, row.avg14, row.avg30, row.regime]).toEqual([null, null, null, null]);
    expect(row.daily).toEqual([null, null, null]);
    expect(row.fundingNow).toBeCloseTo(0.0001 * 3 * 365, 12);
  });
});
