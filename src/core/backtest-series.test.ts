import { describe, expect, it } from 'vitest';
import type { BacktestBar } from './backtest-series';
import {
  alignSeries,
  BacktestDataError,
  dateStart,
  joinBars,
  validateSeries,
} from './backtest-series';
import { DAY_MS, HOUR_MS } from '../shared/time';

const start = dateStart('2024-02-27');
const bar = (day: number, price = 100, funding = 0.0001): BacktestBar => ({
  at: start + day * DAY_MS,
  price,
  funding,
});

function refusal(bars: BacktestBar[]): string {
  try {
    validateSeries({ asset: 'BTC', bars }, 'day');
  } catch (error) {
    expect(error).toBeInstanceOf(BacktestDataError);
    return (error as Error).message;
  }
  throw new Error('the series was accepted');
}

describe('validateSeries', () => {
  it('names the first missing date of a gap', () => {
    expect(refusal([bar(0), bar(1), bar(3)])).toBe(
      'BTC: the history has a gap: nothing for 2024-02-29 (between 2024-02-28 and 2024-03-01)',
    );
  });

  it('names a date given twice', () => {
    expect(refusal([bar(0), bar(1), bar(1)])).toBe('BTC: 2024-02-28 appears twice');
  });

  it('names a date out of order', () => {
    expect(refusal([bar(0), bar(1), bar(2), bar(1)])).toBe(
      'BTC: 2024-02-28 comes after 2024-02-29: dates out of order',
    );
  });

  it('names the date of a price that is not above 0', () => {
    expect(refusal([bar(0), bar(1, 0)])).toBe(
      'BTC: the price on 2024-02-28 must be above 0 (got 0)',
    );
  });

  it('names the date with no funding', () => {
    expect(refusal([bar(0), bar(1, 100, Number.NaN)])).toBe('BTC: no funding for 2024-02-28');
  });

  it('refuses a bar that does not start on a whole day', () => {
    expect(refusal([{ at: start + HOUR_MS, price: 1, funding: 0 }])).toBe(
      'BTC: the bar at 2024-02-27 does not start on a whole day',
    );
  });
});

describe('joinBars', () => {
  it('runs over the dates both sides cover and sums the funding settled within each bar', () => {
    const prices = [0, 1, 2, 3].map((d) => ({ at: start + d * DAY_MS, price: 10 + d }));
    const funding = [1, 2].flatMap((d) =>
      [0, 8, 16].map((h) => ({ at: start + d * DAY_MS + h * HOUR_MS, rate: 0.0001 * (d + 1) })),
    );
    const series = joinBars('BTC', 'day', prices, funding);
    expect(series.bars.map((b) => b.price)).toEqual([11, 12]);
    expect(series.bars[0]?.funding).toBeCloseTo(0.0006, 15);
    expect(series.bars[1]?.funding).toBeCloseTo(0.0009, 15);
  });

  it('refuses a date inside the span with no funding, naming it', () => {
    const prices = [0, 1, 2].map((d) => ({ at: start + d * DAY_MS, price: 10 }));
    const funding = [0, 2].map((d) => ({ at: start + d * DAY_MS, rate: 0 }));
    expect(() => joinBars('BTC', 'day', prices, funding)).toThrow('BTC: no funding for 2024-02-28');
  });

  it('refuses a date inside the span with no price, naming it', () => {
    const prices = [0, 2].map((d) => ({ at: start + d * DAY_MS, price: 10 }));
    const funding = [0, 1, 2].map((d) => ({ at: start + d * DAY_MS, rate: 0 }));
    expect(() => joinBars('BTC', 'day', prices, funding)).toThrow('BTC: no price for 2024-02-28');
  });
});

describe('alignSeries', () => {
  it('lines assets up over their shared dates and marks the first bar of each month', () => {
    const btc = { asset: 'BTC', bars: [0, 1, 2, 3, 4].map((d) => bar(d, 100 + d)) };
    const eth = { asset: 'ETH', bars: [1, 2, 3, 4, 5].map((d) => bar(d, 10 + d)) };
    const h = alignSeries([btc, eth], ['ETH', 'BTC'], 'day', { to: '2024-03-01' }, 2);
    expect(h.assets).toEqual(['ETH', 'BTC']);
    expect(h.price).toEqual([
      [11, 12, 13],
      [101, 102, 103],
    ]);
    expect(h.opensMonth).toEqual([false, false, true]);
  });

  it('refuses a window shorter than the minimum, saying how long it is', () => {
    const btc = { asset: 'BTC', bars: [0, 1, 2].map((d) => bar(d)) };
    expect(() => alignSeries([btc], ['BTC'], 'day', { from: '2024-02-29' }, 2)).toThrow(
      'the history from 2024-02-29 to the end shared by BTC holds 1 days; a backtest needs at least 2',
    );
  });
});

describe('joinBars by the hour', () => {
  const hourPrices = (hours: number) =>
    Array.from({ length: hours }, (_, h) => ({ at: start + h * HOUR_MS, price: 100 + h }));

  it('leaves the hours between 8-hourly settlements without funding', () => {
    const funding = [0, 8, 16].map((h) => ({ at: start + h * HOUR_MS + 31, rate: 0.0001 }));
    const bars = joinBars('BTC', 'hour', hourPrices(24), funding).bars;
    expect(bars).toHaveLength(17);
    expect(bars.filter((b) => b.funding !== 0).map((b) => (b.at - start) / HOUR_MS)).toEqual([
      0, 8, 16,
    ]);
  });

  it('refuses a settlement missing from the 8-hourly history, naming the hour', () => {
    const funding = [0, 16].map((h) => ({ at: start + h * HOUR_MS, rate: 0.0001 }));
    expect(() => joinBars('BTC', 'hour', hourPrices(24), funding)).toThrow(
      'BTC: no funding for 2024-02-27T08:00Z',
    );
  });
});
