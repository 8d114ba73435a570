import { describe, expect, it } from 'vitest';
import { generateCredentials } from './auth';
import { runSimulatorCommand } from './command';
import { createControlToken } from './control-token';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  let waiting: { count: number; resolve: () => void }[] = [];
  return {
    out,
    err,
    io: {
      stdout: {
        write: (s: string) => {
          out.push(s);
          const reached = waiting.filter((w) => out.length >= w.count);
          waiting = waiting.filter((w) => out.length < w.count);
          for (const w of reached) w.resolve();
        },
      },
      stderr: { write: (s: string) => err.push(s) },
    },
    /** Resolves once `count` writes reached stdout. */
    printed(count: number): Promise<void> {
      if (out.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
  };
}

/** Starts `premia sim` with `args` and `env`; resolves once it has printed `lines` lines. */
async function started(args: string[], env: Record<string, string | undefined>, lines: number) {
  const t = io();
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const run = runSimulatorCommand(args, t.io, { stop: stopped, env });
  await t.printed(lines);
  expect(t.out).toHaveLength(lines);
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(t.out[0]!)?.[0];
  if (url === undefined) throw new Error(`no address in ${t.out[0]}`);
  return {
    ...t,
    url,
    printed: () => t.out.join('') + t.err.join(''),
    async stop() {
      stop();
      expect(await run).toBe(0);
    },
  };
}

function postPremium(url: string, token: string | null): Promise<Response> {
  return fetch(`${url}/__control/premium`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ asset: 'BTC', annualized: 0.4 }),
  });
}

describe('premia sim', () => {
  it('prints one line with the URL and the key id, never the secret, and stops when asked', async () => {
    const { apiKey, secret } = generateCredentials();
    const sim = await started(
      ['--port', '0', '--seed', '3'],
      { PREMIA_SIM_API_KEY: apiKey, PREMIA_SIM_API_SECRET: secret },
      1,
    );
    expect(sim.out[0]).toContain(apiKey);
    expect(sim.printed()).not.toContain(secret);
    const time = await fetch(`${sim.url}/api/v3/time`);
    expect(time.status).toBe(200);
    await sim.stop();
    await expect(fetch(`${sim.url}/api/v3/time`)).rejects.toThrow();
  });

  it('keeps the control interface off unless asked for', async () => {
    const sim = await started(['--port', '0'], {}, 1);
    expect(sim.printed()).not.toMatch(/__control/);
    const refused = await postPremium(sim.url, createControlToken());
    expect(refused.status).toBe(404);
    expect(await refused.text()).toMatch(/control interface is off/);
    await sim.stop();
  });

  it('with --control prints where the control interface is and a fresh token that drives it', async () => {
    const sim = await started(['--port', '0', '--control'], {}, 2);
    const line = sim.out[1]!;
    expect(line).toContain(`${sim.url}/__control/`);
    const token = /Authorization: Bearer ([A-Za-z0-9_-]{32,})/.exec(line)?.[1];
    expect(token).toBeDefined();
    expect((await postPremium(sim.url, null)).status).toBe(401);
    const moved = await postPremium(sim.url, token!);
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ asset: 'BTC', carry: 0.4 });
    await sim.stop();
  });

  it('turns the control interface on with the token PREMIA_SIM_CONTROL_TOKEN sets, without printing it', async () => {
    const token = createControlToken();
    const sim = await started(['--port', '0'], { PREMIA_SIM_CONTROL_TOKEN: token }, 2);
    expect(sim.out[1]).toContain(`${sim.url}/__control/`);
    expect(sim.out[1]).toContain('PREMIA_SIM_CONTROL_TOKEN');
    expect(sim.printed()).not.toContain(token);
    expect((await postPremium(sim.url, token)).status).toBe(200);
    await sim.stop();
  });

  it('leaves no SIGINT or SIGTERM listener behind once it has stopped', async () => {
    const listeners = () => [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const before = listeners();
    for (let run = 0; run < 3; run++) {
      const sim = await started(['--port', '0'], {}, 1);
      expect(listeners()).toEqual(before.map((n) => n + 1));
      await sim.stop();
      expect(listeners()).toEqual(before);
    }
  });

  it('refuses unknown options, bad values and a weak control token with exit code 2', async () => {
    const t = io();
    expect(await runSimulatorCommand(['--bogus'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/usage: premia sim/);
    expect(await runSimulatorCommand(['--port', 'abc'], t.io)).toBe(2);
    const weak = io();
    expect(
      await runSimulatorCommand(['--control'], weak.io, {
        env: { PREMIA_SIM_CONTROL_TOKEN: 'password' },
      }),
    ).toBe(2);
    expect(weak.err.join('')).toMatch(/PREMIA_SIM_CONTROL_TOKEN must be 32 to 256/);
    expect(weak.out).toEqual([]);
  });
});
