import { describe, expect, it } from 'vitest';
import type { QuoteEvaluation } from '../../../shared/api';
import { describePremium, INITIAL_QUOTE_DRAFT, quoteFromDraft } from './quote-draft';

describe('quoteFromDraft', () => {
  it('turns a dated-future quote into the API input', () => {
    expect(quoteFromDraft(INITIAL_QUOTE_DRAFT)).toEqual({
      ok: true,
      input: {
        kind: 'future',
        spot: 100,
        futures: 101.5,
        daysToExpiry: 30,
        method: 'simple',
        previousRegime: null,
      },
    });
  });

  it('turns a funding rate in percent into a decimal', () => {
    const result = quoteFromDraft({
      ...INITIAL_QUOTE_DRAFT,
      kind: 'funding',
      ratePercent: '0.01',
      intervalHours: '4',
      previousRegime: 'extreme-contango',
    });
    expect(result.ok).toBe(true);
    if (!result.ok || result.input.kind !== 'funding') return;
    expect(result.input.rate).toBeCloseTo(0.0001, 15);
    expect(result.input.intervalHours).toBe(4);
    expect(result.input.previousRegime).toBe('extreme-contango');
  });

  it('places the schema message at the field that is wrong', () => {
    const result = quoteFromDraft({ ...INITIAL_QUOTE_DRAFT, daysToExpiry: '0' });
    expect(result).toEqual({
      ok: false,
      errors: { daysToExpiry: 'Days to expiry must be above 0' },
    });
  });

  it('asks for a number where a field holds none', () => {
    const result = quoteFromDraft({ ...INITIAL_QUOTE_DRAFT, spot: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.spot).toBe('Enter a number');
  });

  it('keeps the minus sign of a negative number and refuses it where the quote needs more than 0', () => {
    const result = quoteFromDraft({ ...INITIAL_QUOTE_DRAFT, daysToExpiry: '-5' });
    expect(result).toEqual({
      ok: false,
      errors: { daysToExpiry: 'Days to expiry must be above 0' },
    });
  });

  it('takes a number in exponent form as typed', () => {
    const result = quoteFromDraft({ ...INITIAL_QUOTE_DRAFT, spot: '1e9', futures: '1.01e9' });
    expect(result.ok && result.input).toMatchObject({ spot: 1e9, futures: 1.01e9 });
  });

  it('refuses text that holds more than a number, saying why', () => {
    const result = quoteFromDraft({ ...INITIAL_QUOTE_DRAFT, spot: '1,000' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.spot).toMatch(/no thousands separators/);
  });

  it('ignores the fields of the other quote type', () => {
    const result = quoteFromDraft({ ...INITIAL_QUOTE_DRAFT, kind: 'funding', spot: 'nonsense' });
    expect(result.ok).toBe(true);
  });
});

describe('describePremium', () => {
  const evaluation = (method: QuoteEvaluation['method'], premium: number): QuoteEvaluation => ({
    premium,
    method,
    regime: 'moderate-contango',
    heldByHysteresis: false,
    weights: { spot: 0.7, hedged: 0.15, stable: 0.15 },
    thresholds: { deepBelow: -0.1, moderateFrom: 0.05, extremeAbove: 0.2, extremeExit: 0.05 },
    warning: null,
  });

  it('labels a dated future with its basis method', () => {
    const input = { kind: 'future', spot: 100, futures: 101.5, daysToExpiry: 30 } as const;
    expect(describePremium(evaluation('simple', 0.1825), input)).toBe('18.25% a year, simple');
    expect(describePremium(evaluation('compound', 0.1984), input)).toBe('19.84% a year, compound');
  });

  it('labels a funding premium with its interval', () => {
    const input = { kind: 'funding', rate: 0.0001, intervalHours: 8 } as const;
    expect(describePremium(evaluation('funding', 0.1095), input)).toBe(
      '10.95% a year, from funding every 8 h',
    );
  });
});
