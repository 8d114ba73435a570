import { describe, expect, it } from 'vitest';
import {
  fundingTimesBetween,
  lastFridayExpiry,
  nextFundingTime,
  quarterlyExpiriesAfter,
  quarterlyExpiriesBetween,
  yymmdd,
} from './calendar';

describe('contract calendar', () => {
  it('puts quarterly delivery at 08:00 UTC on the last Friday of the quarter month', () => {
    expect(lastFridayExpiry(2025, 2)).toBe(Date.UTC(2025, 2, 28, 8));
    expect(lastFridayExpiry(2025, 5)).toBe(Date.UTC(2025, 5, 27, 8));
    expect(lastFridayExpiry(2024, 11)).toBe(Date.UTC(2024, 11, 27, 8));
    // A month whose last day is a Friday.
    expect(lastFridayExpiry(2026, 0)).toBe(Date.UTC(2026, 0, 30, 8));
  });

  it('lists the next two quarterlies, rolling over the year end and at the delivery instant', () => {
    expect(quarterlyExpiriesAfter(Date.UTC(2024, 11, 1), 2)).toEqual([
      Date.UTC(2024, 11, 27, 8),
      Date.UTC(2025, 2, 28, 8),
    ]);
    const delivery = Date.UTC(2025, 2, 28, 8);
    expect(quarterlyExpiriesAfter(delivery - 1, 1)).toEqual([delivery]);
    expect(quarterlyExpiriesAfter(delivery, 1)).toEqual([Date.UTC(2025, 5, 27, 8)]);
    expect(quarterlyExpiriesBetween(Date.UTC(2025, 0, 1), Date.UTC(2025, 11, 31))).toHaveLength(4);
  });

  it('names contracts by YYMMDD', () => {
    expect(yymmdd(Date.UTC(2025, 8, 26, 8))).toBe('250926');
  });

  it('settles funding on an interval grid from midnight UTC', () => {
    expect(nextFundingTime(Date.UTC(2025, 0, 1, 7, 59), 8)).toBe(Date.UTC(2025, 0, 1, 8));
    expect(nextFundingTime(Date.UTC(2025, 0, 1, 8), 8)).toBe(Date.UTC(2025, 0, 1, 16));
    expect(fundingTimesBetween(Date.UTC(2025, 0, 1, 0), Date.UTC(2025, 0, 1, 12), 4)).toEqual([
      Date.UTC(2025, 0, 1, 4),
      Date.UTC(2025, 0, 1, 8),
      Date.UTC(2025, 0, 1, 12),
    ]);
  });
});
