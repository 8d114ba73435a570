import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { binanceAdapter } from './binance';
import { classifyError, GatewayError, sanitize, venueMessage } from './errors';

const ctx = {
  venue: 'Binance',
  codeKinds: binanceAdapter.errorKinds,
  messageKinds: binanceAdapter.errorMessageKinds,
  retryAfterMs: null,
  secrets: ['K3yK3yK3yK3y', 'S3cretS3cret'],
};

describe('classifying ccxt errors', () => {
  it.each([
    [
      new ccxt.RequestTimeout(
        'binance GET https://api.binance.com/api/v3/time request timed out (10000 ms)',
      ),
      'timeout',
      'unavailable',
      true,
    ],
    [
      new ccxt.ExchangeNotAvailable(
        'binance GET https://fapi.binance.com/fapi/v1/premiumIndex 503 Service Unavailable',
      ),
      'unavailable',
      'unavailable',
      true,
    ],
    [
      new ccxt.NetworkError(
        'binance GET https://api.binance.com/api/v3/time fetch failed: connect ECONNREFUSED 127.0.0.1:1',
      ),
      'network',
      'unavailable',
      true,
    ],
    [
      new ccxt.NetworkError(
        'binance GET https://api.binance.com/api/v3/time fetch failed: getaddrinfo ENOTFOUND api.binance.com',
      ),
      'offline',
      'offline',
      true,
    ],
    [
      new ccxt.DDoSProtection(
        'binance 429 Too Many Requests {"code":-1003,"msg":"Too many requests"}',
      ),
      'rate-limited',
      'rate-limited',
      true,
    ],
    [
      new ccxt.BadResponse('api.binance.com answered 200 with text/html instead of JSON'),
      'bad-response',
      'unavailable',
      true,
    ],
    [
      new ccxt.AuthenticationError(
        'binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}',
      ),
      'auth',
      'auth',
      false,
    ],
    [
      new ccxt.PermissionDenied(
        'binance {"code":-2017,"msg":"API Keys are locked on this account."}',
      ),
      'auth',
      'auth',
      false,
    ],
    [
      new ccxt.BadSymbol('binance {"code":-1121,"msg":"Invalid symbol."}'),
      'bad-symbol',
      'not-found',
      false,
    ],
    [
      new ccxt.InsufficientFunds(
        'binance {"code":-2010,"msg":"Account has insufficient balance for requested action."}',
      ),
      'insufficient-funds',
      'invalid-input',
      false,
    ],
    [
      new ccxt.InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}'),
      'duplicate-order',
      'invalid-input',
      false,
    ],
    [
      new ccxt.InvalidOrder('binance {"code":-4116,"msg":"ClientOrderId is duplicated."}'),
      'duplicate-order',
      'invalid-input',
      false,
    ],
    [
      new ccxt.OrderNotFound('binance {"code":-2013,"msg":"Order does not exist."}'),
      'order-not-found',
      'not-found',
      false,
    ],
    [
      new ccxt.BadRequest('binance {"code":-1013,"msg":"Filter failure: NOTIONAL"}'),
      'rejected',
      'invalid-input',
      false,
    ],
    [
      new ccxt.InvalidNonce(
        'binance {"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}',
      ),
      'clock',
      'unavailable',
      false,
    ],
  ] as const)('maps %s to %s', (error, kind, code, retryable) => {
    const mapped = classifyError(error, ctx);
    expect(mapped).toBeInstanceOf(GatewayError);
    expect(mapped).toMatchObject({ kind, code, retryable });
  });

  it('calls a refused region a refusal, not an outage to retry, and says what to do', () => {
    const mapped = classifyError(
      new ccxt.RestrictedLocation(
        'api.binance.com answered 451: the venue does not serve the region',
      ),
      ctx,
    );
    expect(mapped).toMatchObject({ kind: 'region-refused', retryable: false });
    expect(mapped.message).toMatch(/refuses connections from this region/);
    expect(mapped.message).toMatch(/another exchange, or the demo market/);
  });

  it('treats binance’s -2015 as a key problem even where ccxt calls it a ban', () => {
    const error = new ccxt.DDoSProtection(
      'binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}',
    );
    expect(classifyError(error, ctx)).toMatchObject({
      kind: 'auth',
      venueCode: -2015,
      retryable: false,
    });
  });

  it('reads a venue code by that venue’s adapter only: elsewhere ccxt’s class stands', () => {
    const error = new ccxt.DDoSProtection('{"code":-2015,"msg":"Slow down."}');
    const { codeKinds: _binance, ...noCodes } = ctx;
    expect(classifyError(error, noCodes)).toMatchObject({ kind: 'rate-limited', venueCode: -2015 });
  });

  it('names the market as it was asked to, with a capital where a sentence begins', () => {
    const demo = { ...ctx, venue: 'the demo market' };
    expect(classifyError(new ccxt.RequestTimeout('timed out'), demo).message).toBe(
      'The demo market did not answer in time.',
    );
    expect(classifyError(new ccxt.NetworkError('getaddrinfo ENOTFOUND x'), demo).message).toBe(
      'No network: the demo market cannot be reached from this computer.',
    );
  });

  it('shows the venue’s own message for what it refused', () => {
    const mapped = classifyError(
      new ccxt.InvalidOrder(
        'binance {"code":-2010,"msg":"Order would immediately match and take."}',
      ),
      ctx,
    );
    expect(mapped.message).toBe(
      'Binance refused the order: Order would immediately match and take.',
    );
    expect(mapped.venueCode).toBe(-2010);
  });

  it('tells a duplicate client id from other refusals that share its code', () => {
    const mapped = classifyError(
      new ccxt.InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}'),
      ctx,
    );
    expect(mapped).toMatchObject({ kind: 'duplicate-order', venueCode: -2010, retryable: false });
    expect(mapped.message).toBe(
      'Binance refused the order: an open order already has its client id (Duplicate order sent).',
    );
  });

  it('carries the Retry-After the venue sent on a rate limit', () => {
    const mapped = classifyError(new ccxt.RateLimitExceeded('binance 429'), {
      ...ctx,
      retryAfterMs: 7_000,
    });
    expect(mapped.retryAfterMs).toBe(7_000);
    expect(mapped.message).toMatch(/7 s/);
  });

  it('never puts a signed URL, a key or a secret into a message or the detail', () => {
    const raw = new ccxt.AuthenticationError(
      'binance GET https://api.binance.com/api/v3/account?timestamp=1&recvWindow=10000&signature=abcdef0123 401 {"code":-2015,"msg":"Invalid API-key K3yK3yK3yK3y"} S3cretS3cret',
    );
    const mapped = classifyError(raw, ctx);
    for (const text of [mapped.message, mapped.detail]) {
      expect(text).not.toContain('abcdef0123');
      expect(text).not.toContain('K3yK3yK3yK3y');
      expect(text).not.toContain('S3cretS3cret');
    }
    expect(mapped.detail).toContain('https://api.binance.com/api/v3/account');
  });

  it('calls anything that is not a ccxt error internal, with no detail shown', () => {
    const mapped = classifyError(new TypeError('x is undefined'), ctx);
    expect(mapped).toMatchObject({ kind: 'internal', code: 'internal', retryable: false });
    expect(mapped.message).not.toContain('undefined');
  });
});

describe('helpers', () => {
  it('reads binance’s code and message out of a ccxt message', () => {
    expect(venueMessage('binance {"code":-1121,"msg":"Invalid symbol."}')).toEqual({
      code: -1121,
      msg: 'Invalid symbol.',
    });
    expect(venueMessage('binance GET https://x 503 <html>')).toEqual({ code: null, msg: null });
  });

  it('removes query strings and credential assignments', () => {
    expect(
      sanitize('GET https://fapi.binance.com/fapi/v1/order?symbol=BTCUSDT&signature=ff 400'),
    ).toBe('GET https://fapi.binance.com/fapi/v1/order?… 400');
    expect(sanitize('{"apiKey":"abc123456789","x":1}')).toBe('{"apiKey":"[redacted]","x":1}');
  });
});
