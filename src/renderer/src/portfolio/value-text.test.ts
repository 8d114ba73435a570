import { describe, expect, it } from 'vitest';
import { formatQuantity, formatUsdt, formatUsdtChange } from './value-text';

describe('formatUsdt', () => {
  it('shows a value with separators, two decimals and the coin', () => {
    expect(formatUsdt(12345.678)).toBe('12,345.68 USDT');
  });

  it('shows a negative value with a real minus sign', () => {
    expect(formatUsdt(-20)).toBe('\u221220.00 USDT');
  });

  it('shows a dash for a value that is not a number', () => {
    expect(formatUsdt(Number.NaN)).toBe('—');
  });
});

describe('formatUsdtChange', () => {
  it('puts a plus in front of a gain and a minus in front of a loss', () => {
    expect(formatUsdtChange(1234.5)).toBe('+1,234.50 USDT');
    expect(formatUsdtChange(-3)).toBe('\u22123.00 USDT');
  });

  it('shows no sign for no change', () => {
    expect(formatUsdtChange(0)).toBe('0.00 USDT');
  });
});

describe('formatQuantity', () => {
  it('keeps a dust balance visible down to eight decimals', () => {
    expect(formatQuantity(0.00012345)).toBe('0.00012345');
  });

  it('shows a large balance to about eight significant digits, and never fewer than two decimals', () => {
    expect(formatQuantity(5942.64887421)).toBe('5,942.6489');
    expect(formatQuantity(13.4905)).toBe('13.4905');
    expect(formatQuantity(123_456_789.126)).toBe('123,456,789.13');
  });

  it('groups thousands and drops trailing zeros', () => {
    expect(formatQuantity(1234.5)).toBe('1,234.5');
  });

  it('signs a negative quantity with a real minus', () => {
    expect(formatQuantity(-2)).toBe('\u22122');
  });
});
