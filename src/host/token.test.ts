import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-errors';
import { createToken, SERVE_TOKEN_ENV, tokenFromEnv, tokensMatch } from './token';

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

describe('tokenFromEnv', () => {
  it('has no token when none is set, so each launch makes its own', () => {
    expect(tokenFromEnv({})).toBeUndefined();
    expect(tokenFromEnv({ [SERVE_TOKEN_ENV]: '' })).toBeUndefined();
  });

  it('takes a token set beforehand', () => {
    const token = createToken();
    expect(tokenFromEnv({ [SERVE_TOKEN_ENV]: token })).toBe(token);
  });

  it('refuses a token too short or one a URL would change, without repeating it', () => {
    for (const token of ['short', `${createToken()}?x`, `${createToken().slice(0, 40)} x`]) {
      let error: unknown;
      try {
        tokenFromEnv({ [SERVE_TOKEN_ENV]: token });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain(SERVE_TOKEN_ENV);
      expect((error as Error).message).not.toContain(token);
    }
  });
});
