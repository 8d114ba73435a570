import { describe, expect, it } from 'vitest';
import { PremiaError, toErrorPayload } from './errors';

describe('toErrorPayload', () => {
  it('answers an unexpected error as internal, with neither its message nor its stack', () => {
    const failure = new RangeError('a series subject is printable ASCII (got "demo:BTC USD")');
    const payload = toErrorPayload(failure);
    expect(payload).toEqual({
      code: 'internal',
      message: 'Something went wrong inside Premia; see the log for details.',
    });
    const text = JSON.stringify(payload);
    expect(text).not.toContain('demo:BTC USD');
    expect(text).not.toContain(failure.stack!.split('\n')[1]!.trim());
  });

  it('answers a thrown value that is not an Error at all as internal too', () => {
    expect(toErrorPayload({ stack: 'at somewhere' })).toEqual(toErrorPayload(new Error('x')));
    expect(toErrorPayload('EISDIR: illegal operation on a directory').code).toBe('internal');
  });

  it("carries the app's own error as it is, without a stack", () => {
    const error = new PremiaError('invalid-input', 'asset: must be a ticker', 'asset');
    expect(toErrorPayload(error)).toEqual({
      code: 'invalid-input',
      message: 'asset: must be a ticker',
      field: 'asset',
    });
  });
});
