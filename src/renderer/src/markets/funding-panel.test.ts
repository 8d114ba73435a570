import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../core';
import { DAY_MS, HOUR_MS } from '../../../shared/time';
import {
  annualizedIn,
  formatRate,
  fundingAverages,
  fundingCsv,
  fundingCsvFilename,
  rateIn,
  settlementsOf,
  type Settlement,
} from './funding-panel';

const T0 = Date.UTC(2026, 2, 1);

describe('settlementsOf', () => {
  it('lists the settlements newest first, each with the interval it paid for', () => {
    const rows = settlementsOf(
      {
        asset: 'BTC',
        series: 'funding',
        t: [T0, T0 + 8 * HOUR_MS, T0 + 12 * HOUR_MS],
        v: [0.0001, 0.0002, -0.0003],
        intervalHours: [8, 8, 4],
      },
      8,
    );
    expect(rows).toEqual([
      { at: T0 + 12 * HOUR_MS, rate: -0.0003, intervalHours: 4 },
      { at: T0 + 8 * HOUR_MS, rate: 0.0002, intervalHours: 8 },
      { at: T0, rate: 0.0001, intervalHours: 8 },
    ]);
  });

  it('gives a settlement without a known interval the perpetual’s current one', () => {
    const rows = settlementsOf({ asset: 'BTC', series: 'funding', t: [T0], v: [0.0001] }, 4);
    expect(rows[0]?.intervalHours).toBe(4);
  });
});

describe('rateIn', () => {
  it('shows a rate as paid, per day, or annualized by its own interval', () => {
    expect(rateIn(0.0001, 8, 'interval')).toBe(0.0001);
    expect(rateIn(0.0001, 8, 'day')).toBeCloseTo(0.0003, 12);
    expect(rateIn(0.0001, 4, 'day')).toBeCloseTo(0.0006, 12);
    expect(rateIn(0.0001, 8, 'year')).toBeCloseTo(0.1095, 12);
  });
});

describe('annualizedIn', () => {
  it('turns an annualized average back into a day’s or one current interval’s rate', () => {
    expect(annualizedIn(0.1095, 8, 'year')).toBe(0.1095);
    expect(annualizedIn(0.1095, 8, 'day')).toBeCloseTo(0.0003, 12);
    expect(annualizedIn(0.1095, 8, 'interval')).toBeCloseTo(0.0001, 12);
    expect(annualizedIn(0.1095, 4, 'interval')).toBeCloseTo(0.00005, 12);
  });
});

describe('formatRate', () => {
  it('keeps four decimals for the small per-interval and per-day rates and two for a year', () => {
    expect(formatRate(0.0001, 'interval')).toBe('0.0100%');
    expect(formatRate(-0.0003, 'day')).toBe('\u22120.0300%');
    expect(formatRate(0.1095, 'year')).toBe('10.95%');
  });
});

function every(hours: number, days: number, rate: number, end: number): Settlement[] {
  const out: Settlement[] = [];
  for (let t = end; t > end - days * DAY_MS; t -= hours * HOUR_MS) {
    out.push({ at: t, rate, intervalHours: hours });
  }
  return out;
}

describe('fundingAverages', () => {
  it('averages each window over the time its settlements covered, whatever their interval', () => {
    const now = T0 + 60 * DAY_MS;
    // The last 7 days at 4 h paying 0.02%, the 53 days before at 8 h paying 0.01%.
    const recent = every(4, 7, 0.0002, now);
    const older = every(8, 53, 0.0001, now - 7 * DAY_MS);
    const [week, fortnight, month] = fundingAverages([...recent, ...older], now);

    expect(week).toMatchObject({ days: 7, count: 42, partial: false });
    expect(week?.annualized).toBeCloseTo(0.0002 * 6 * 365, 9);
    expect(fortnight?.count).toBe(42 + 21);
    // 7 days at 0.12% a day and 7 days at 0.03% a day.
    expect(fortnight?.annualized).toBeCloseTo(((7 * 0.0012 + 7 * 0.0003) / 14) * 365, 9);
    expect(month?.count).toBe(42 + 69);
  });

  it('says when the history starts inside a window, and gives no average where none settled', () => {
    const now = T0 + 20 * DAY_MS;
    const [week, , month] = fundingAverages(every(8, 10, 0.0001, now), now);
    expect(week?.partial).toBe(false);
    expect(month?.partial).toBe(true);
    expect(month?.count).toBe(30);

    expect(fundingAverages([], now).map((a) => a.annualized)).toEqual([null, null, null]);
  });

  it('leaves out settlements after the moment it is asked about', () => {
    const now = T0 + 10 * DAY_MS;
    const later = { at: now + HOUR_MS, rate: 0.5, intervalHours: 8 };
    const [week] = fundingAverages([later, ...every(8, 10, 0.0001, now)], now);
    expect(week?.annualized).toBeCloseTo(0.1095, 9);
  });
});

describe('fundingCsv', () => {
  it('writes every settlement oldest first with its interval and the rate in each unit', () => {
    const csv = fundingCsv([
      { at: T0 + 8 * HOUR_MS, rate: -0.0002, intervalHours: 4 },
      { at: T0, rate: 0.0001, intervalHours: 8 },
    ]);
    const records = parseCsv(csv).map((r) => r.fields.map((f) => f.value));
    expect(records[0]).toEqual([
      'settled_at_utc',
      'rate_per_interval',
      'interval_hours',
      'rate_per_day',
      'rate_annualized',
    ]);
    expect(records[1]?.slice(0, 3)).toEqual(['2026-03-01T00:00:00.000Z', '0.0001', '8']);
    expect(Number(records[1]?.[3])).toBeCloseTo(0.0003, 12);
    expect(records[2]?.slice(0, 3)).toEqual(['2026-03-01T08:00:00.000Z', '-0.0002', '4']);
    expect(Number(records[2]?.[4])).toBeCloseTo(-0.0002 * 6 * 365, 12);
  });

  it('names the file by the asset and the day', () => {
    expect(fundingCsvFilename('BTC', T0 + HOUR_MS)).toBe('premia-funding-BTC-2026-03-01.csv');
  });
});
