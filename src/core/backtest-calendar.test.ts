import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilDate,
  civilToMs,
  isoDate,
  isoHour,
  monthIndex,
  parseIsoDate,
} from './backtest-calendar';
import { DAY_MS, HOUR_MS } from '../shared/time';

describe('the UTC calendar', () => {
  it('agrees with the platform calendar on every day from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (day) => {
        const ms = day * DAY_MS;
        expect(isoDate(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
        expect(civilToMs(civilDate(ms))).toBe(ms);
      }),
    );
  });

  it('reads leap days where they exist and refuses them where they do not', () => {
    expect(parseIsoDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2100-02-29')).toBeNull();
    expect(parseIsoDate('2024-2-29')).toBeNull();
  });

  it('labels an hour and tells months apart', () => {
    expect(isoHour(Date.UTC(2024, 0, 31, 23) + 5)).toBe('2024-01-31T23:00Z');
    expect(monthIndex(Date.UTC(2024, 0, 31, 23))).not.toBe(monthIndex(Date.UTC(2024, 1, 1)));
    expect(monthIndex(Date.UTC(2024, 1, 1))).toBe(monthIndex(Date.UTC(2024, 1, 29) + 23 * HOUR_MS));
  });
});
