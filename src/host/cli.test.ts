import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from './commands';
import type { Command } from './commands/command';
import { PremiaError } from '../shared/errors';
import { CliError } from './cli-errors';
import { runCli } from './run-cli';
import { capturedIo, spawnCli } from './test-io';
import { createToken } from '../services/access-token';
import { SERVE_TOKEN_ENV } from './token';

let base: string;
let rendererDir: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'premia-cli-'));
  rendererDir = join(base, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>cli test</title>');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** A user who presses Ctrl-C at once: a command that gets as far as waiting stops straight away. */
const fakeIo = () => capturedIo(Promise.resolve('SIGTERM'));

describe('runCli', () => {
  it('lists every command for help, on stdout, and exits 0', async () => {
    const io = fakeIo();
    expect(await runCli(['help'], io, COMMANDS)).toBe(0);
    expect(io.out.join('\n')).toContain('premia serve [--port N]');
    for (const name of ['holdings', 'plan', 'execute', 'flatten', 'journal', 'accounts', 'vault'])
      expect(io.out.some((line) => line.startsWith(`  ${name} `))).toBe(true);
    expect(io.err).toEqual([]);
  });

  it('refuses an unknown command on stderr with exit code 2', async () => {
    const io = fakeIo();
    expect(await runCli(['frobnicate'], io, COMMANDS)).toBe(2);
    expect(io.err.join('\n')).toContain('unknown command "frobnicate"');
    expect(io.out).toEqual([]);
  });

  it('refuses a missing command with exit code 2', async () => {
    const io = fakeIo();
    expect(await runCli([], io, COMMANDS)).toBe(2);
    expect(io.err.join('\n')).toContain('name a command');
  });

  it('refuses an unknown flag with exit code 2 and the usage', async () => {
    const io = fakeIo();
    expect(await runCli(['serve', '--bogus'], io, COMMANDS)).toBe(2);
    expect(io.err.join('\n')).toMatch(/--bogus[\s\S]*usage: premia serve/);
  });

  it('refuses a port that is not a port with exit code 2', async () => {
    for (const port of ['http', '70000', '-1', '1.5']) {
      const io = fakeIo();
      expect(await runCli(['serve', '--port', port], io, COMMANDS)).toBe(2);
      expect(io.err.join('\n')).toContain('--port');
    }
  });

  it("shows a command's usage for --help, on stdout", async () => {
    const io = fakeIo();
    expect(await runCli(['serve', '--help'], io, COMMANDS)).toBe(0);
    expect(io.out[0]).toBe('usage: premia serve [--port N] [--data-dir DIR] [--renderer-dir DIR]');
  });

  it('says which port is taken, with exit code 1', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as AddressInfo;
    const io = fakeIo();
    const args = ['serve', '--port', String(port), '--renderer-dir', rendererDir];
    const code = await runCli([...args, '--data-dir', join(base, 'data-busy')], io, COMMANDS);
    await new Promise((done) => blocker.close(done));
    expect(code).toBe(1);
    expect(io.err.join('\n')).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(io.out).toEqual([]);
  });

  it('serves with the token set in its environment, so a restarted host keeps its address', async () => {
    const token = createToken();
    process.env[SERVE_TOKEN_ENV] = token;
    try {
      const io = fakeIo();
      const args = ['serve', '--port', '0', '--renderer-dir', rendererDir];
      const code = await runCli([...args, '--data-dir', join(base, 'data-token')], io, COMMANDS);
      expect(code).toBe(0);
      expect(io.out[0]).toMatch(
        new RegExp(`^Premia is serving at http://127\\.0\\.0\\.1:\\d+/#token=${token}$`),
      );
    } finally {
      delete process.env[SERVE_TOKEN_ENV];
    }
  });

  it('says plainly to build first when the renderer is missing, with exit code 1', async () => {
    const io = fakeIo();
    const code = await runCli(['serve', '--renderer-dir', join(base, 'missing')], io, COMMANDS);
    expect(code).toBe(1);
    expect(io.err.join('\n')).toContain('run npm run build first');
    expect(io.out).toEqual([]);
  });

  it('reports any other failure on stderr with exit code 1', async () => {
    const failing: Command = {
      name: 'boom',
      summary: 'fails',
      usage: 'premia boom',
      run: () => Promise.reject(new Error('disk on fire')),
    };
    const friendly: Command = {
      ...failing,
      name: 'soft',
      run: () => Promise.reject(new CliError('fix this')),
    };
    const io = fakeIo();
    expect(await runCli(['boom'], io, [failing, friendly])).toBe(1);
    expect(io.err.join('\n')).toContain('disk on fire');
    expect(await runCli(['soft'], io, [failing, friendly])).toBe(1);
    expect(io.err).toContain('fix this');
  });
});

describe('failures of the data folder, in words', () => {
  it('says a folder stands where the lock file belongs, on one line, with exit code 1', async () => {
    const dataDir = join(base, 'data-lock-folder');
    await mkdir(join(dataDir, 'premia.lock'), { recursive: true });
    const io = fakeIo();
    const code = await runCli(
      ['serve', '--renderer-dir', rendererDir, '--data-dir', dataDir],
      io,
      COMMANDS,
    );
    expect(code).toBe(1);
    expect(io.err).toEqual([
      `premia serve: Premia cannot lock its data folder: ${join(dataDir, 'premia.lock')} is a folder where Premia expects a file (EISDIR).`,
    ]);
  });

  it("prints the app's own error and a file-system failure without a stack trace", async () => {
    const refused: Command = {
      name: 'refused',
      summary: 'fails',
      usage: 'premia refused',
      run: () =>
        Promise.reject(new PremiaError('unavailable', 'Another Premia is using this data folder.')),
    };
    const disk: Command = {
      ...refused,
      name: 'disk',
      run: () =>
        Promise.reject(
          Object.assign(new Error('EISDIR: illegal operation on a directory, read'), {
            code: 'EISDIR',
            path: '/data/Premia/last-snapshot.json',
          }),
        ),
    };
    const io = fakeIo();
    expect(await runCli(['refused'], io, [refused, disk])).toBe(1);
    expect(await runCli(['disk'], io, [refused, disk])).toBe(1);
    expect(io.err).toEqual([
      'premia refused: Another Premia is using this data folder.',
      'premia disk: /data/Premia/last-snapshot.json is a folder where Premia expects a file (EISDIR).',
    ]);
  });
});

describe('premia serve, as a process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints one line with its address, serves, and exits 0 on %s',
    async (signal) => {
      const child = spawnCli([
        'serve',
        '--port',
        '0',
        '--data-dir',
        join(base, `data-${signal}`),
        '--renderer-dir',
        rendererDir,
      ]);
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      const firstLine = await new Promise<string>((done, fail) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('\n')) done(stdout.split('\n')[0] ?? '');
        });
        child.on('exit', () => fail(new Error(`serve exited early: ${stderr}`)));
      });

      const match =
        /^Premia is serving at (http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]{64}))$/.exec(
          firstLine,
        );
      expect(match, firstLine).not.toBeNull();
      const port = Number(match?.[2]);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('cli test');

      child.kill(signal);
      expect(await exited).toBe(0);
      expect(stdout.trimEnd().split('\n')).toEqual([firstLine]);
    },
  );
});
