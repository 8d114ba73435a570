import { describe, expect, it } from 'vitest';
import { createToken } from '../services/access-token';
import { UsageError } from './cli-errors';
import { SERVE_TOKEN_ENV, tokenFromEnv } from './token';

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
