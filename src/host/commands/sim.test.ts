import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateCredentials, venueClient } from '../../sim';
import { runCli } from '../run-cli';
import { capturedIo } from '../test-io';
import { COMMANDS } from '.';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('premia sim', () => {
  it('serves the binance dialect on the address it prints until stopped, then exits 0', async () => {
    let stop!: (signal: NodeJS.Signals) => void;
    const out = capturedIo(new Promise((resolve) => (stop = resolve)));
    const done = runCli(['sim', '--port', '0', '--seed', '7'], out, COMMANDS);
    await out.printed(1);
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out.out[0]!)?.[1];
    expect(url).toBeDefined();
    const answer = await fetch(`${url}/fapi/v1/premiumIndex?symbol=BTCUSDT`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ symbol: 'BTCUSDT' });
    stop('SIGTERM');
    expect(await done).toBe(0);
    await expect(fetch(`${url}/api/v3/ping`)).rejects.toThrow();
  });

  it('names the key pair it signs with by its key id, and never prints the secret', async () => {
    const pair = generateCredentials();
    vi.stubEnv('PREMIA_SIM_API_KEY', pair.apiKey);
    vi.stubEnv('PREMIA_SIM_API_SECRET', pair.secret);
    let stop!: (signal: NodeJS.Signals) => void;
    const out = capturedIo(new Promise((resolve) => (stop = resolve)));
    const done = runCli(['sim', '--port', '0'], out, COMMANDS);
    await out.printed(1);
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out.out[0]!)![1]!;
    expect(out.out[0]).toContain(pair.apiKey);
    // The pair named is the one the venue checks signatures against.
    const account = await venueClient(url, pair).signed('GET', '/api/v3/account');
    expect(account.status).toBe(200);
    stop('SIGTERM');
    expect(await done).toBe(0);
    const printed = [...out.out, ...out.err].join('\n');
    expect(printed).not.toContain(pair.secret);
  });

  it('refuses a bad option with exit code 2', async () => {
    const out = capturedIo();
    expect(await runCli(['sim', '--port', 'eighty'], out, COMMANDS)).toBe(2);
    expect(out.err.join('\n')).toMatch(/--port/);
  });
});
