import { describe, expect, it } from 'vitest';
import { createToken, tokensMatch } from './access-token';

describe('createToken', () => {
  it('makes 32 random bytes as hex, different every launch', () => {
    const a = createToken();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(createToken()).not.toBe(a);
  });
});

describe('tokensMatch', () => {
  const token = createToken();

  it('accepts the same token', () => {
    expect(tokensMatch(token, `${token}`)).toBe(true);
  });

  it('refuses a token differing in one character, a prefix, a longer one, or none', () => {
    expect(tokensMatch(token, token.slice(0, -1) + (token.endsWith('0') ? '1' : '0'))).toBe(false);
    expect(tokensMatch(token, token.slice(0, 32))).toBe(false);
    expect(tokensMatch(token, `${token}00`)).toBe(false);
    expect(tokensMatch(token, '')).toBe(false);
    expect(tokensMatch(token, null)).toBe(false);
    expect(tokensMatch(token, undefined)).toBe(false);
  });
});
