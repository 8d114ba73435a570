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
  const data = [
    { time: Date.UTC(2025, 0, 1) / 1000, value: 0.05 },
    { time: Date.UTC(2025, 3, 1) / 1000, value: -0.03 },
    { time: Date.UTC(2025, 6, 1) / 1000, value: 0.21 },
  ];

  it('gives the latest value, then the extent and range of the history', () => {
    expect(chartSummary(pct, data, null, day)).toBe(
      'Latest 21.00%. 3 points of history since 2025-01-01, from -3.00% to 21.00%.',
    );
  });

  it('takes a live point as the latest value', () => {
    expect(chartSummary(pct, data, { t: Date.UTC(2026, 0, 1), v: 0.12 }, day)).toMatch(
      /^Latest 12\.00%\. 3 points/,
    );
    expect(chartSummary(pct, [], { t: Date.UTC(2026, 0, 1), v: 0.12 }, day)).toBe(
      'Latest 12.00%. No history recorded before it.',
    );
  });

  it('says so while loading and when there is nothing yet', () => {
    expect(chartSummary(pct, null, null, day)).toBe('Loading history.');
    expect(chartSummary(pct, [], null, day)).toBe('No history recorded yet.');
  });
});
