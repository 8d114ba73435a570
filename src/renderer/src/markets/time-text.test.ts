import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatCountdown,
  formatDate,
  formatDays,
  formatInterval,
  formatMoment,
} from './time-text';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('formatCountdown', () => {
  it('shows hours and minutes while an hour or more is left', () => {
    expect(formatCountdown(3 * HOUR + 12 * MINUTE + 40 * SECOND)).toBe('3 h 12 min');
  });

  it('counts seconds within the last hour, so each tick shows', () => {
    expect(formatCountdown(12 * MINUTE + 5 * SECOND)).toBe('12 min 05 s');
    expect(formatCountdown(12 * MINUTE + 4 * SECOND)).toBe('12 min 04 s');
    expect(formatCountdown(42 * SECOND + 900)).toBe('42 s');
  });

  it('says the event is due once its time has come', () => {
    expect(formatCountdown(500)).toBe('due now');
    expect(formatCountdown(-5 * MINUTE)).toBe('due now');
  });

  it('shows the missing mark for a time that is not a number', () => {
    expect(formatCountdown(NaN)).toBe('—');
  });
});

describe('formatAge', () => {
  it('calls data under a second old (or from a clock slightly ahead) fresh', () => {
    expect(formatAge(200)).toBe('just now');
    expect(formatAge(-1500)).toBe('just now');
  });

  it('counts seconds below a minute and larger units beyond', () => {
    expect(formatAge(12 * SECOND + 300)).toBe('12 s ago');
    expect(formatAge(3 * MINUTE + 10 * SECOND)).toBe('3 min ago');
    expect(formatAge(2 * HOUR + 5 * MINUTE)).toBe('2 h 5 min ago');
  });
});

describe('formatDays', () => {
  it('rounds days down and words one and less than one', () => {
    expect(formatDays(87.9)).toBe('87 days');
    expect(formatDays(1.5)).toBe('1 day');
    expect(formatDays(0.4)).toBe('under 1 day');
    expect(formatDays(1200)).toBe('1,200 days');
  });
});

describe('formatInterval', () => {
  it('shows whole and fractional hours, and minutes below an hour', () => {
    expect(formatInterval(8)).toBe('8 h');
    expect(formatInterval(1)).toBe('1 h');
    expect(formatInterval(0.5)).toBe('30 min');
  });

  it('shows the missing mark for an interval that is not positive', () => {
    expect(formatInterval(0)).toBe('—');
  });
});

describe('formatDate', () => {
  it('shows a calendar date in the given time zone', () => {
    expect(formatDate(Date.UTC(2026, 2, 27, 8), 'UTC')).toBe('Mar 27, 2026');
    expect(formatDate(Date.UTC(2026, 2, 27, 23), 'Asia/Tokyo')).toBe('Mar 28, 2026');
  });
});

describe('formatMoment', () => {
  it('shows the date and the time to the second in the given time zone', () => {
    expect(formatMoment(Date.UTC(2026, 2, 27, 8, 5, 9), 'UTC')).toBe('Mar 27, 2026, 08:05:09');
    expect(formatMoment(Date.UTC(2026, 2, 27, 23, 0, 0), 'Asia/Tokyo')).toBe(
      'Mar 28, 2026, 08:00:00',
    );
  });

  it('shows a dash for a moment that is not a number', () => {
    expect(formatMoment(NaN)).toBe('—');
  });
});
