import { describe, expect, it } from 'vitest';
import {
  decimalToPercentText,
  numberToText,
  parseNumberText,
  readNumberText,
  stepNumberText,
} from './number-text';

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

describe('readNumberText', () => {
  it('reads a number exactly as written, exponent and sign included', () => {
    expect(readNumberText('1e9')).toEqual({ ok: true, value: 1_000_000_000 });
    expect(readNumberText('-5')).toEqual({ ok: true, value: -5 });
    expect(readNumberText('2.5E-3')).toEqual({ ok: true, value: 0.0025 });
  });

  it('asks for a number while the field is empty or only begun', () => {
    for (const text of ['', '  ', '-', '.']) {
      expect(readNumberText(text)).toEqual({ ok: false, problem: 'Enter a number' });
    }
  });

  it('refuses separators rather than guess what they meant', () => {
    for (const text of ['1,5', '1,000', '1 000']) {
      const reading = readNumberText(text);
      expect(reading.ok).toBe(false);
      if (!reading.ok) expect(reading.problem).toMatch(/dot for decimals.*no thousands separators/);
    }
  });

  it('refuses text with anything beside the number, and a number too large to use', () => {
    expect(readNumberText('19x')).toMatchObject({ ok: false, problem: /^Not a number/ });
    expect(readNumberText('1e999')).toEqual({ ok: false, problem: 'Too large to be used' });
  });
});

describe('stepNumberText', () => {
  it('moves the number by the step, without floating-point noise', () => {
    expect(stepNumberText('0.1', 0.1, 1)).toBe('0.2');
    expect(stepNumberText('0', 0.5, -1)).toBe('-0.5');
  });

  it('leaves text that holds no number as it is', () => {
    expect(stepNumberText('abc', 1, 1)).toBe('abc');
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
