import { describe, expect, it } from 'vitest';
import type { AssetSnapshot } from '../../../shared/market';
import { chartSummary, fundingChartable, livePoint, plottedValues } from './history-charts';

const AT = Date.UTC(2026, 0, 15, 12);

const asset: AssetSnapshot = {
  asset: 'ETH',
  spot: 3_210.5,
  perp: {
    symbol: 'ETHUSDT',
    mark: 3_212,
    index: 3_210,
    fundingRate: 0.00005,
    fundingIntervalHours: 4,
    intervalFromVenue: true,
    annualized: 0.1095,
    nextFundingAt: null,
  },
  futures: [],
  premium: 0.0731,
  premiumSource: 'funding-average',
  basisMethod: 'simple',
  regime: 'moderate-contango',
  heldByHysteresis: false,
  stale: false,
  receivedAt: AT - 500,
};

describe('plottedValues', () => {
  it('annualizes each past settlement with the interval it was paid over, not today’s', () => {
    // 0.01% every 8 h is 10.95% a year; after the venue moved to 4 h, 0.005% every 4 h is too.
    const funding = {
      series: 'funding' as const,
      v: [0.0001, 0.0001, 0.00005, 0.00005],
      intervalHours: [8, 8, 4, 4],
    };
    const values = plottedValues(funding, 4)!;
    expect(values).toHaveLength(4);
    for (const value of values) expect(value).toBeCloseTo(0.1095, 12);
  });

  it('annualizes a settlement stored without its interval with the perpetual’s current one', () => {
    const values = plottedValues({ series: 'funding', v: [0.00005, 0.0001] }, 4)!;
    expect(values[0]).toBeCloseTo(0.1095, 12);
    expect(values[1]).toBeCloseTo(0.219, 12);
  });

  it('has no funding chart without any interval to annualize with', () => {
    expect(plottedValues({ series: 'funding', v: [0.0001] }, null)).toBeNull();
    expect(plottedValues({ series: 'funding', v: [0.0001], intervalHours: [0] }, 0)).toBeNull();
    expect(fundingChartable('funding', null)).toBe(false);
    expect(fundingChartable('funding', 8)).toBe(true);
  });

  it('charts stored intervals even when no perpetual is listed now', () => {
    const values = plottedValues({ series: 'funding', v: [0.0001], intervalHours: [8] }, null)!;
    expect(values[0]).toBeCloseTo(0.1095, 12);
  });

  it('plots prices and premiums as they are stored', () => {
    expect(plottedValues({ series: 'spot', v: [97_000] }, null)).toEqual([97_000]);
    expect(plottedValues({ series: 'premium', v: [0.0834] }, 8)).toEqual([0.0834]);
    expect(fundingChartable('spot', null)).toBe(true);
  });
});

describe('livePoint', () => {
  it('takes the numbers the table shows, at the time they were received', () => {
    expect(livePoint('spot', asset, AT)).toEqual({ t: AT - 500, v: 3_210.5 });
    expect(livePoint('premium', asset, AT)).toEqual({ t: AT - 500, v: 0.0731 });
    expect(livePoint('funding', asset, AT)).toEqual({ t: AT - 500, v: 0.1095 });
    expect(livePoint('mark', asset, AT)).toEqual({ t: AT - 500, v: 3_212 });
  });

  it('uses the snapshot time when the asset carries none', () => {
    expect(livePoint('spot', { ...asset, receivedAt: null }, AT)?.t).toBe(AT);
  });

  it('adds nothing for a missing value, asset or time', () => {
    expect(livePoint('premium', { ...asset, premium: null }, AT)).toBeNull();
    expect(livePoint('funding', { ...asset, perp: null }, AT)).toBeNull();
    expect(livePoint('spot', null, AT)).toBeNull();
    expect(livePoint('spot', { ...asset, receivedAt: null }, null)).toBeNull();
  });
});

describe('chartSummary', () => {
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const drawn = [
    { time: Date.UTC(2025, 0, 1) / 1000, value: 0.05 },
    { time: Date.UTC(2025, 3, 1) / 1000, value: -0.03 },
    { time: Date.UTC(2025, 6, 1) / 1000, value: 0.21 },
    { time: Date.UTC(2025, 8, 1) / 1000, value: 0.1 },
  ];

  it('names the dates, first and last values, and the low and high of what is drawn', () => {
    expect(chartSummary(pct, drawn, null, day)).toBe(
      'From 2025-01-01 to 2025-09-01: 5.00% to 10.00%; low -3.00% on 2025-04-01, high 21.00% on 2025-07-01.',
    );
  });

  it('changes with the window: a shorter window of the same series reads its own extremes', () => {
    expect(chartSummary(pct, drawn.slice(2), null, day)).toBe(
      'From 2025-07-01 to 2025-09-01: 21.00% to 10.00%; low 10.00% on 2025-09-01, high 21.00% on 2025-07-01.',
    );
  });

  it('leads with the live figure when there is one', () => {
    expect(chartSummary(pct, drawn, { t: Date.UTC(2026, 0, 1), v: 0.12 }, day)).toMatch(
      /^Latest 12\.00%\. From 2025-01-01/,
    );
  });

  it('says when the window holds one point or none', () => {
    expect(chartSummary(pct, drawn.slice(0, 1), null, day)).toBe(
      'One point in this window: 5.00% on 2025-01-01.',
    );
    expect(chartSummary(pct, [], { t: 0, v: 0.01 }, day)).toBe(
      'Latest 1.00%. No history recorded in this window.',
    );
    expect(chartSummary(pct, null, null, day)).toBe('Loading history.');
  });
});
