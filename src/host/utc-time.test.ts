import { describe, expect, it } from 'vitest';
import { formatUtcTime } from './utc-time';

describe('formatUtcTime', () => {
  it('prints a moment to the second in UTC', () => {
    expect(formatUtcTime(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('2026-01-02 03:04:05 UTC');
  });

  it('says never for a moment that never came', () => {
    expect(formatUtcTime(null)).toBe('never');
  });
});
