import { describe, expect, it } from 'vitest';
import { runSimulatorCommand } from './command';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    },
  };
}

describe('premia sim', () => {
  it('prints one line with the URL and the key id, never the secret, and stops when asked', async () => {
    const key = 'a'.repeat(64);
    const secret = 'b'.repeat(64);
    const t = io();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const run = runSimulatorCommand(['--port', '0', '--seed', '3'], t.io, {
      stop: stopped,
      env: { PREMIA_SIM_API_KEY: key, PREMIA_SIM_API_SECRET: secret },
    });
    await expect.poll(() => t.out.length).toBe(1);
    const url = /http:\/\/127\.0\.0\.1:(\d+)/.exec(t.out[0]!)?.[0];
    expect(url).toBeDefined();
    expect(t.out[0]).toContain(key);
    expect(t.out.join('') + t.err.join('')).not.toContain(secret);
    const time = await fetch(`${url}/api/v3/time`);
    expect(time.status).toBe(200);
    stop();
    expect(await run).toBe(0);
    await expect(fetch(`${url}/api/v3/time`)).rejects.toThrow();
  });

  it('leaves no SIGINT or SIGTERM listener behind once it has stopped', async () => {
    const listeners = () => [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const before = listeners();
    for (let run = 0; run < 3; run++) {
      const t = io();
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      const running = runSimulatorCommand(['--port', '0'], t.io, { stop: stopped });
      await expect.poll(() => t.out.length).toBe(1);
      expect(listeners()).toEqual(before.map((n) => n + 1));
      stop();
      expect(await running).toBe(0);
      expect(listeners()).toEqual(before);
    }
  });

  it('refuses unknown options with usage and exit code 2', async () => {
    const t = io();
    expect(await runSimulatorCommand(['--bogus'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/usage: premia sim/);
    expect(await runSimulatorCommand(['--port', 'abc'], t.io)).toBe(2);
  });
});
