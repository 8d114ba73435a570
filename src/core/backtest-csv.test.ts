import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBtcFundingDaily } from '../../test/fixtures';
import { parseFundingCsv, parsePriceCsv } from './backtest-csv';
import { joinBars } from './backtest-series';
import { DAY_MS } from '../shared/time';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../test/fixtures', name), 'utf8');

describe('parsePriceCsv', () => {
  it('reads date,price and ignores other columns', () => {
    expect(parsePriceCsv('date,price,volume\n2024-01-01,42000.5,7\n2024-01-02,43000,8\n')).toEqual([
      { at: Date.UTC(2024, 0, 1), price: 42000.5 },
      { at: Date.UTC(2024, 0, 2), price: 43000 },
    ]);
  });

  it('names the line of a price that is not above 0', () => {
    expect(() => parsePriceCsv('date,price\n2024-01-01,1\n2024-01-02,-3\n')).toThrow(
      'prices: line 3: the price must be above 0 (got -3)',
    );
  });

  it('names the line of a date that is not one', () => {
    expect(() => parsePriceCsv('date,price\n2024-02-30,1\n')).toThrow(
      'prices: line 2: "2024-02-30" is not a date written YYYY-MM-DD',
    );
  });

  it('names the line of a price that is not a number', () => {
    expect(() => parsePriceCsv('date,price\n2024-01-01,abc\n')).toThrow(
      'prices: line 2: price "abc" is not a number',
    );
  });

  it('says which column the header lacks', () => {
    expect(() => parsePriceCsv('day,close\n2024-01-01,1\n')).toThrow(
      'prices: line 1: the header needs a "date" column (found day,close)',
    );
  });
});

describe('parseFundingCsv', () => {
  it('reads daily means', () => {
    const file = parseFundingCsv('date,funding_mean,funding_abs\n2024-01-01,0.0001,0.0001\n');
    expect(file).toEqual({
      source: 'daily-mean',
      points: [{ at: Date.UTC(2024, 0, 1), rate: 0.0001 }],
    });
  });

  it('rounds settlement stamps down to the hour', () => {
    const file = parseFundingCsv('fundingTime,fundingRate\n1704067200047,0.0002\n');
    expect(file).toEqual({
      source: 'settled-sum',
      points: [{ at: Date.UTC(2024, 0, 1), rate: 0.0002 }],
    });
  });

  it('names the line of a rate that is missing', () => {
    expect(() => parseFundingCsv('fundingTime,fundingRate\n1704067200000,\n')).toThrow(
      'funding: line 2: no fundingRate',
    );
  });

  it('refuses a header it does not know', () => {
    expect(() => parseFundingCsv('time,rate\n1,2\n')).toThrow(
      'funding: line 1: the header needs date,funding_mean or fundingTime,fundingRate (found time,rate)',
    );
  });

  it('sums the real 8-hourly BTC settlements per UTC day to the daily mean times their count', () => {
    const settled = parseFundingCsv(fixture('binance-btcusdt-funding-8h.csv'));
    const perDay = new Map<number, number>();
    for (const p of settled.points) {
      const day = Math.floor(p.at / DAY_MS) * DAY_MS;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const prices = parsePriceCsv(fixture('btc-spot-daily.csv'));
    const bars = joinBars('BTC', 'day', prices, settled.points).bars;
    const daily = new Map(loadBtcFundingDaily().map((d) => [d.at, d.fundingMean]));
    let compared = 0;
    for (const bar of bars) {
      const mean = daily.get(bar.at);
      if (mean === undefined) continue;
      expect(bar.funding).toBeCloseTo((perDay.get(bar.at) ?? 0) * mean, 8);
      compared += 1;
    }
    expect(compared).toBe(2348);
  });
});
