import { describe, expect, it } from 'vitest';
import { decimalToPercentText, numberToText, parseNumberText } from './number-text';

describe('parseNumberText', () => {
  it('reads plain, negative and decimal numbers', () => {
    expect(parseNumberText('12')).toBe(12);
    expect(parseNumberText(' -10.5 ')).toBe(-10.5);
    expect(parseNumberText('.25')).toBe(0.25);
  });

  it('reads a typographic minus sign', () => {
    expect(parseNumberText('\u221210')).toBe(-10);
  });

  it('returns null for text that is not a number', () => {
    expect(parseNumberText('')).toBeNull();
    expect(parseNumberText('-')).toBeNull();
    expect(parseNumberText('12abc')).toBeNull();
    expect(parseNumberText('1.2.3')).toBeNull();
  });
});

describe('decimalToPercentText', () => {
  it('shows a decimal as a percent without floating-point noise', () => {
    expect(decimalToPercentText(0.07)).toBe('7');
    expect(decimalToPercentText(-0.1)).toBe('-10');
    expect(decimalToPercentText(0.1825)).toBe('18.25');
  });

  it('round-trips through parsing for typical settings', () => {
    for (const value of [0.05, 0.2, 0.003, 0.85, 0.15]) {
      expect(parseNumberText(decimalToPercentText(value))! / 100).toBeCloseTo(value, 12);
    }
  });
});

describe('numberToText', () => {
  it('keeps whole numbers whole', () => {
    expect(numberToText(15)).toBe('15');
    expect(numberToText(1.5)).toBe('1.5');
  });
});
