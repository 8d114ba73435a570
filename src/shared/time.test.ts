import { describe, expect, it } from 'vitest';
import { DAY_MS, DAYS_PER_YEAR, HOUR_MS, MINUTE_MS, SECOND_MS, YEAR_MS } from './time';

describe('time units', () => {
  it('agree with the calendar the Date object keeps', () => {
    const start = Date.UTC(2025, 0, 1);
    expect(Date.UTC(2025, 0, 1, 0, 0, 1) - start).toBe(SECOND_MS);
    expect(Date.UTC(2025, 0, 1, 0, 1) - start).toBe(MINUTE_MS);
    expect(Date.UTC(2025, 0, 1, 1) - start).toBe(HOUR_MS);
    expect(Date.UTC(2025, 0, 2) - start).toBe(DAY_MS);
  });

  it('count a year as 365 days, as premiums are annualized', () => {
    expect(DAYS_PER_YEAR).toBe(365);
    expect(Date.UTC(2026, 0, 1) - Date.UTC(2025, 0, 1)).toBe(YEAR_MS);
  });
});
