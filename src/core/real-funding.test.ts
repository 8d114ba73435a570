// The engine on real binance BTCUSDT 8-hourly funding, 2019–2026 (test/fixtures).
import { describe, expect, it } from 'vitest';
import { loadFundingHistory } from '../../test/fixtures';
import { thresholdOrderProblem } from '../shared/strategy';
import type { Regime } from '../shared/strategy';
import { premiumStats, thresholdsFromHistory, trailingYear } from './calibration';
import { annualizeFunding } from './premium';
import { classifyRegime } from './regime';
import { signalPremium } from './signal';
import { DAY_MS, HOUR_MS, YEAR_MS } from '../shared/time';
const btc = loadFundingHistory('BTC');
const first = btc[0]!;
const last = btc[btc.length - 1]!;
const years = (last.at - first.at) / YEAR_MS;

/** Regime changes along a premium series, classified in order with hysteresis as the app does. */
function countFlips(premiums: readonly number[]): number {
  let previous: Regime | null = null;
  let flips = 0;
  for (const p of premiums) {
    const regime = classifyRegime(p, previous);
    if (previous !== null && regime !== previous) flips++;
    previous = regime;
  }
  return flips;
}

/** The 7-day averaged-funding signal at every funding time, as the poller would compute it. */
function sevenDaySignal(): number[] {
  const window = 7 * DAY_MS;
  const out: number[] = [];
  let from = 0;
  for (let i = 0; i < btc.length; i++) {
    const now = btc[i]!.at;
    while (btc[from]!.at <= now - window) from++;
    const signal = signalPremium(
      { now, spot: null, perp: null, fundingHistory: btc.slice(from, i + 1), futures: [] },
      { source: 'auto', averagingWindowDays: 7 },
    );
    if (!signal || signal.source !== 'funding-average')
      throw new Error(`no averaged signal at ${now}`);
    out.push(signal.premium);
  }
  return out;
}

describe('the BTC funding fixture', () => {
  it('is on the hour, 8 hours apart, oldest first, with no gaps', () => {
    expect(btc.length).toBeGreaterThan(7000);
    const offHour = btc.filter((p) => p.at % HOUR_MS !== 0);
    const badSteps = btc.slice(1).filter((p, i) => p.at - btc[i]!.at !== 8 * HOUR_MS);
    expect(offHour).toEqual([]);
    expect(badSteps).toEqual([]);
  });
});

describe('regime stability on real BTC funding', () => {
  const averaged = sevenDaySignal();

  it('averages exactly the trailing 21 payments at each funding time', () => {
    for (const i of [21, 1000, 5000, btc.length - 1]) {
      const window = btc.slice(i - 20, i + 1);
      const mean = (window.reduce((s, p) => s + p.rate, 0) / window.length) * 3 * 365;
      expect(averaged[i]).toBeCloseTo(mean, 12);
    }
  });

  it('flips far more often on raw 8-hourly funding than on its 7-day mean', () => {
    const raw = btc.map((p) => annualizeFunding(p.rate, p.intervalHours));
    const rawPerYear = countFlips(raw) / years;
    const averagedPerYear = countFlips(averaged) / years;
    // docs/strategy.md quotes about 236 flips a year raw and about 24 for the 7-day mean.
    expect(rawPerYear).toBeGreaterThan(150);
    expect(rawPerYear).toBeLessThan(350);
    expect(averagedPerYear).toBeGreaterThan(10);
    expect(averagedPerYear).toBeLessThan(50);
    expect(rawPerYear).toBeGreaterThan(5 * averagedPerYear);
  });
});

describe('thresholds from the trailing year of real BTC funding', () => {
  const year = trailingYear(btc, last.at);
  const thresholds = thresholdsFromHistory(
    year.map((p) => annualizeFunding(p.rate, p.intervalHours)),
  );

  it('takes the last 365 days: 3 payments a day', () => {
    expect(year).toHaveLength(365 * 3);
    expect(year[year.length - 1]).toBe(last);
    expect(year[0]!.at).toBe(last.at - YEAR_MS + 8 * HOUR_MS);
  });

  it('centres on the mean of the raw rates × 3 × 365, computed independently', () => {
    const rates = btc.slice(-1095).map((p) => p.rate);
    const mean = (rates.reduce((s, r) => s + r, 0) / rates.length) * 1095;
    const meanOfSquares = (rates.reduce((s, r) => s + r * r, 0) / rates.length) * 1095 * 1095;
    const std = Math.sqrt(meanOfSquares - mean * mean);
    // With the default multiples, moderateFrom = μ + 0.5σ and deepBelow = μ − 1.5σ.
    const impliedMean = (3 * thresholds.moderateFrom + thresholds.deepBelow) / 4;
    const impliedStd = (thresholds.moderateFrom - thresholds.deepBelow) / 2;
    expect(impliedMean).toBeCloseTo(mean, 10);
    expect(impliedStd).toBeCloseTo(std, 10);
    expect(thresholds.extremeAbove).toBeCloseTo(mean + 1.5 * std, 10);
    expect(
      premiumStats(year.map((p) => annualizeFunding(p.rate, p.intervalHours))).mean,
    ).toBeCloseTo(mean, 12);
  });

  it('gives ordered thresholds that leave extreme contango at the moderate level', () => {
    expect(thresholdOrderProblem(thresholds)).toBeNull();
    expect(thresholds.deepBelow).toBeLessThan(thresholds.moderateFrom);
    expect(thresholds.moderateFrom).toBeLessThan(thresholds.extremeAbove);
    expect(thresholds.extremeExit).toBe(thresholds.moderateFrom);
  });
});
