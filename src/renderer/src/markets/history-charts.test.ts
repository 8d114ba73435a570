import { describe, expect, it } from 'vitest';
import type { AssetSnapshot } from '../../../shared/market';
import { chartSummary, historyValueMapper, livePoint } from './history-charts';

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

describe('historyValueMapper', () => {
  it('annualizes stored funding rates with the perpetual interval', () => {
    const map = historyValueMapper('funding', 4)!;
    expect(map(0.00005)).toBeCloseTo(0.1095, 12);
    expect(historyValueMapper('funding', 8)!(0.0001)).toBeCloseTo(0.1095, 12);
  });

  it('has no funding chart without an interval to annualize with', () => {
    expect(historyValueMapper('funding', null)).toBeNull();
    expect(historyValueMapper('funding', 0)).toBeNull();
  });

  it('plots prices and premiums as they are stored', () => {
    expect(historyValueMapper('spot', null)!(97_000)).toBe(97_000);
    expect(historyValueMapper('premium', 8)!(0.0834)).toBe(0.0834);
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
