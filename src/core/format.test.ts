import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, formatPrice, MINUS_SIGN } from './format';
import { MINUTE_MS } from '../shared/time';
const HOUR = 60 * MINUTE_MS;

describe('formatPercent', () => {
  it('shows a decimal as a percent with two decimals', () => {
    expect(formatPercent(0.1234)).toBe('12.34%');
    expect(formatPercent(0.2)).toBe('20.00%');
    expect(formatPercent(0)).toBe('0.00%');
  });

  it('uses a real minus sign for negative values', () => {
    expect(formatPercent(-0.031)).toBe('−3.10%');
    expect(formatPercent(-0.031).charCodeAt(0)).toBe(0x2212);
    expect(MINUS_SIGN).toBe('\u2212');
  });

  it('shows no sign on a value that rounds to zero', () => {
    expect(formatPercent(-0.000001)).toBe('0.00%');
    expect(formatPercent(-0)).toBe('0.00%');
  });

  it('follows the number of digits it is given and groups thousands', () => {
    expect(formatPercent(0.10955, 1)).toBe('11.0%');
    expect(formatPercent(0.123456, 3)).toBe('12.346%');
    expect(formatPercent(0.5, 0)).toBe('50%');
    expect(formatPercent(12.3456)).toBe('1,234.56%');
  });

  it('shows a dash for a value that is not a number', () => {
    expect(formatPercent(NaN)).toBe('—');
    expect(formatPercent(Infinity)).toBe('—');
  });

  it('refuses a nonsense number of digits', () => {
    expect(() => formatPercent(0.1, -1)).toThrow(RangeError);
    expect(() => formatPercent(0.1, 1.5)).toThrow(RangeError);
  });
});

describe('formatPrice', () => {
  it('shows prices from 1 up with two decimals and thousands separators', () => {
    expect(formatPrice(84520.75468841)).toBe('84,520.75');
    expect(formatPrice(3000)).toBe('3,000.00');
    expect(formatPrice(1.5)).toBe('1.50');
  });

  it('shows prices below 1 with four significant digits', () => {
    expect(formatPrice(0.0001234567)).toBe('0.0001235');
    expect(formatPrice(0.5)).toBe('0.5');
  });

  it('follows a fixed number of decimals when given one', () => {
    expect(formatPrice(84520.75468841, 4)).toBe('84,520.7547');
    expect(formatPrice(2950, 0)).toBe('2,950');
  });

  it('uses a real minus sign for negative values and a dash for non-numbers', () => {
    expect(formatPrice(-50)).toBe('−50.00');
    expect(formatPrice(NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('shows hours and minutes, rounded down', () => {
    expect(formatDuration(3 * HOUR + 12 * MINUTE_MS)).toBe('3 h 12 min');
    expect(formatDuration(3 * HOUR + 12 * MINUTE_MS + 59_999)).toBe('3 h 12 min');
  });

  it('drops a zero smaller unit', () => {
    expect(formatDuration(3 * HOUR)).toBe('3 h');
    expect(formatDuration(2 * 24 * HOUR)).toBe('2 d');
  });

  it('shows days and hours for spans over a day', () => {
    expect(formatDuration(2 * 24 * HOUR + 5 * HOUR + 30 * MINUTE_MS)).toBe('2 d 5 h');
  });

  it('shows minutes alone under an hour, and less than a minute as such', () => {
    expect(formatDuration(45 * MINUTE_MS)).toBe('45 min');
    expect(formatDuration(59_000)).toBe('< 1 min');
    expect(formatDuration(0)).toBe('< 1 min');
  });

  it('shows a dash for a negative or non-numeric span', () => {
    expect(formatDuration(-1)).toBe('—');
    expect(formatDuration(NaN)).toBe('—');
  });
});
