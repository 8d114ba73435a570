import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger, logLevelFromEnv } from './logger';
import { REDACTED } from './redaction';

// Generated per run, so no real or fixed credential appears in the tests.
const key = randomBytes(24).toString('hex');
const signature = randomBytes(32).toString('hex');

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
