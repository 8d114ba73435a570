import { describe, expect, it } from 'vitest';
import { asSentence, withoutFieldPrefix } from './sentence';

describe('asSentence', () => {
  it('capitalizes the first letter only', () => {
    expect(asSentence('must be above 0% a year')).toBe('Must be above 0% a year');
    expect(asSentence('')).toBe('');
  });
});

describe('withoutFieldPrefix', () => {
  it('drops the field path the host put in front', () => {
    expect(withoutFieldPrefix('policy.neutral: weights must sum to 100%', 'policy.neutral')).toBe(
      'weights must sum to 100%',
    );
  });

  it('leaves a message about another field alone', () => {
    expect(withoutFieldPrefix('policy.neutral: x', 'policy')).toBe('policy.neutral: x');
  });
});
