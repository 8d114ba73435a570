import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetSecret, redact, REDACTED, registerSecret } from './redaction';

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

  it('removes the secrets handed to it, but none too short to be one', () => {
    expect(redact(`signed with ${secret} at ${key}`, [secret])).toBe(
      `signed with ${REDACTED} at ${key}`,
    );
    expect(redact('side=SELL', ['SELL'])).toBe('side=SELL');
  });
});
