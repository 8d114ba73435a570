import { describe, expect, it } from 'vitest';
import { PremiaError } from '../../../shared/errors';
import { shownError } from './shown-error';

describe('shownError', () => {
  it('shows a PremiaError with its message and field', () => {
    const error = new PremiaError(
      'invalid-input',
      'policy.neutral: weights must sum to 100%',
      'policy.neutral',
    );
    expect(shownError(error)).toEqual({
      message: 'policy.neutral: weights must sum to 100%',
      field: 'policy.neutral',
      code: 'invalid-input',
    });
  });

  it('accepts an error rebuilt as a plain object', () => {
    expect(shownError({ code: 'offline', message: 'No network' })).toEqual({
      message: 'No network',
      field: null,
      code: 'offline',
    });
  });

  it('hides the detail of an unknown failure', () => {
    const shown = shownError(new TypeError('fetch failed: https://secret.example/?key=1'));
    expect(shown.code).toBe('internal');
    expect(shown.message).not.toContain('secret');
  });
});
