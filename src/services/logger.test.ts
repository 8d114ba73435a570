import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLogger,
  forgetSecret,
  logLevelFromEnv,
  redact,
  REDACTED,
  registerSecret,
} from './logger';

// Generated per run, so no real or fixed credential appears in the tests.
const key = randomBytes(24).toString('hex');
const secret = randomBytes(24).toString('base64url');
const signature = randomBytes(32).toString('hex');

describe('redact', () => {
  afterEach(() => forgetSecret(secret));

  it('removes signature and key query parameters from a signed request URL, keeping the rest', () => {
    const url = `https://fapi.binance.com/fapi/v1/order?symbol=BTCUSDT&side=SELL&timestamp=1700000000000&recvWindow=5000&signature=${signature}&apiKey=${key}`;
    const out = redact(`POST ${url} failed`);
    expect(out).not.toContain(signature);
    expect(out).not.toContain(key);
    expect(out).toContain('symbol=BTCUSDT&side=SELL&timestamp=1700000000000&recvWindow=5000');
    expect(out).toContain(`signature=${REDACTED}`);
    expect(out).toContain(`apiKey=${REDACTED}`);
  });

  it('removes tokens from query strings and fragments', () => {
    const out = redact(
      `ws://127.0.0.1:4100/rpc?token=${key} opened from http://127.0.0.1:4100/#token=${secret}`,
    );
    expect(out).not.toContain(key);
    expect(out).not.toContain(secret);
    expect(out).toBe(
      `ws://127.0.0.1:4100/rpc?token=${REDACTED} opened from http://127.0.0.1:4100/#token=${REDACTED}`,
    );
  });

  it('removes credentials from headers of every supported venue', () => {
    const headers = [
      `X-MBX-APIKEY: ${key}`,
      `X-BAPI-API-KEY: ${key}`,
      `X-BAPI-SIGN: ${signature}`,
      `OK-ACCESS-KEY: ${key}`,
      `OK-ACCESS-SIGN: ${signature}`,
      `OK-ACCESS-PASSPHRASE: ${secret}`,
    ].join('\n');
    const out = redact(headers);
    expect(out).not.toContain(key);
    expect(out).not.toContain(signature);
    expect(out).not.toContain(secret);
    expect(out.split('\n').every((line) => line.endsWith(REDACTED))).toBe(true);
  });

  it('removes credentials from JSON and assignments', () => {
    const json = JSON.stringify({ apiKey: key, secret, exchange: 'binance', password: secret });
    const out = redact(`config ${json} and api_secret=${secret}`);
    expect(out).not.toContain(key);
    expect(out).not.toContain(secret);
    expect(out).toContain('"exchange":"binance"');
  });

  it('keeps the scheme of an Authorization header and removes its credential', () => {
    expect(redact(`Authorization: Bearer ${key}`)).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('removes a registered secret wherever it appears', () => {
    registerSecret(secret);
    expect(redact(`decrypted ${secret}!`)).toBe(`decrypted ${REDACTED}!`);
    forgetSecret(secret);
    expect(redact(`decrypted ${secret}!`)).toBe(`decrypted ${secret}!`);
  });

  it('changes nothing more when run again on its own output', () => {
    const once = redact(
      `GET /x?signature=${signature} Authorization: Bearer ${key} "secret":"${secret}"`,
    );
    expect(redact(once)).toBe(once);
  });

  it('leaves ordinary text alone', () => {
    const text =
      'monkey=3 tokens: 5 keyboard=us signed 2 orders; premium=0.1825 regime=moderate-contango';
    expect(redact(text)).toBe(text);
  });
});

describe('createLogger', () => {
  it('writes lines at or above its level with time, level and scope', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l), now: () => 0 }).child(
      'poller',
    );
    log.debug('hidden');
    log.info('cycle done');
    log.error('cycle failed', new Error('boom'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('1970-01-01T00:00:00.000Z INFO [poller] cycle done\n');
    expect(lines[1]).toMatch(/^1970-01-01T00:00:00.000Z ERROR \[poller\] cycle failed Error: boom/);
  });

  it('redacts the message and the detail', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', write: (l) => lines.push(l) });
    log.warn(
      `GET /api/v3/account?timestamp=1&signature=${signature}`,
      new Error(`bad key ${key}? X-MBX-APIKEY=${key}`),
    );
    log.debug('headers', { 'X-MBX-APIKEY': key });
    const all = lines.join('');
    expect(all).not.toContain(signature);
    expect(all).not.toContain(key);
    expect(all).toContain(REDACTED);
  });

  it('writes nothing when silent', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'silent', write: (l) => lines.push(l) });
    log.error('nothing');
    expect(lines).toEqual([]);
  });
});

describe('logLevelFromEnv', () => {
  it('takes PREMIA_LOG_LEVEL when it names a level and the fallback otherwise', () => {
    expect(logLevelFromEnv({ PREMIA_LOG_LEVEL: ' Debug ' })).toBe('debug');
    expect(logLevelFromEnv({ PREMIA_LOG_LEVEL: 'loud' }, 'warn')).toBe('warn');
    expect(logLevelFromEnv({}, 'error')).toBe('error');
  });
});
