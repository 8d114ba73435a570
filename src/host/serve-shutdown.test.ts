// `premia serve` as its own process, stopped by SIGTERM at each point of its start-up: opening the data
// folder, just serving (the market starting), mid-start of the market, right after the first cycle and
// in the middle of a backfill; the signal delivered twice, as a process group behind a wrapper gets it.
// Each time it must exit 0 and leave the data folder unlocked.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LOCK_FILE } from '../services/data-lock';
import { LAST_SNAPSHOT_FILE } from '../services/market';
import { SIM_PORT_ENV } from '../services/app-services';
import { RPC_PATH } from '../shared/rpc';

const PROJECT_DIR = resolve(import.meta.dirname, '../..');
const CLI = join(PROJECT_DIR, 'src', 'host', 'cli.ts');
const URL_PATTERN = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/;
/** A stage not reached in this long means the host is stuck, not slow. */
const STAGE_LIMIT_MS = 25_000;

let base: string;
let rendererDir: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'premia-serve-stop-'));
  // A page of its own: the test needs no build of the real renderer.
  rendererDir = join(base, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Premia</title>');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One `premia serve`, its output line by line, and ways to wait for what it says. */
function startServe(dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PREMIA_LOG_LEVEL: 'debug', NO_COLOR: '1' };
  delete env[SIM_PORT_ENV];
  // Node with tsx's loader, not the tsx binary: no wrapper stands between the signal and the host.
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', CLI, 'serve', '--port', '0'],
      ...['--data-dir', dataDir, '--renderer-dir', rendererDir],
    ],
    { cwd: PROJECT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.setEncoding('utf8');
  const stderr: string[] = [];
  const waiting: { pattern: RegExp; found: (match: RegExpExecArray) => void }[] = [];
  const hear = (line: string) => {
    for (const w of [...waiting]) {
      const match = w.pattern.exec(line);
      if (!match) continue;
      waiting.splice(waiting.indexOf(w), 1);
      w.found(match);
    }
  };
  createInterface({ input: child.stdout }).on('line', hear);
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr.push(line);
    hear(line);
  });
  const exited = new Promise<Exit>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );

  return {
    stderr,
    exited,
    /** The first line (stdout or stderr) matching `pattern`. */
    line(pattern: RegExp): Promise<RegExpExecArray> {
      return new Promise((found, fail) => {
        const timer = setTimeout(
          () =>
            fail(
              new Error(
                `no line like ${pattern} within ${STAGE_LIMIT_MS} ms:\n${stderr.join('\n')}`,
              ),
            ),
          STAGE_LIMIT_MS,
        );
        waiting.push({
          pattern,
          found: (match) => {
            clearTimeout(timer);
            found(match);
          },
        });
        void exited.then(() => fail(new Error(`serve exited early:\n${stderr.join('\n')}`)));
      });
    },
    /**
     * SIGTERM as it reaches a host stopped through a wrapper: sent to the process group, it arrives
     * directly and again 35 ms later, relayed by tsx's CLI (which waits that long for the host to say
     * it got it).
     */
    async stop(): Promise<Exit> {
      child.kill('SIGTERM');
      const echo = setTimeout(() => child.kill('SIGTERM'), 35);
      const timer = setTimeout(() => child.kill('SIGKILL'), STAGE_LIMIT_MS);
      const exit = await exited;
      clearTimeout(echo);
      clearTimeout(timer);
      return exit;
    },
  };
}

type Serving = ReturnType<typeof startServe>;

/** The first event of `type` pushed over the API socket, as the page would hear it. */
async function firstEvent(serve: Serving, type: 'snapshot' | 'backfill'): Promise<void> {
  const [, port, token] = await serve.line(URL_PATTERN);
  const ws = new WebSocket(`ws://127.0.0.1:${port}${RPC_PATH}?token=${token}`);
  try {
    await new Promise<void>((heard, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`no ${type} event within ${STAGE_LIMIT_MS} ms`)),
        STAGE_LIMIT_MS,
      );
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { method?: string; params?: { type?: string } };
        if (message.method === 'event' && message.params?.type === type) {
          clearTimeout(timer);
          heard();
        }
      });
      ws.on('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
    });
  } finally {
    ws.terminate();
  }
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

let folders: Record<'first' | 'second' | 'third', string>;

beforeAll(async () => {
  folders = {
    first: await mkdtemp(join(base, 'data-')),
    second: await mkdtemp(join(base, 'data-')),
    third: await mkdtemp(join(base, 'data-')),
  };
});

const STAGES: {
  name: string;
  folder: keyof typeof folders;
  reached: (serve: Serving) => Promise<unknown>;
}[] = [
  {
    name: 'while it opens the data folder',
    folder: 'first',
    reached: (serve) => serve.line(/opening the data folder/),
  },
  {
    // Reuses the folder just closed: its lock must have been released.
    name: 'as soon as it serves, with the market starting',
    folder: 'first',
    reached: (serve) => serve.line(URL_PATTERN),
  },
  {
    name: 'while the simulator and ccxt load',
    folder: 'second',
    reached: async (serve) => {
      await serve.line(URL_PATTERN);
      await pause(300);
    },
  },
  {
    name: 'right after the first cycle, with backfill being queued',
    folder: 'second',
    reached: (serve) => firstEvent(serve, 'snapshot'),
  },
  {
    name: 'in the middle of a backfill',
    folder: 'third',
    reached: (serve) => firstEvent(serve, 'backfill'),
  },
];

describe('premia serve stopped by SIGTERM during start-up', () => {
  it.each(STAGES)(
    'exits 0 and releases the data folder when stopped $name',
    async ({ folder, reached }) => {
      const dataDir = folders[folder];
      const serve = startServe(dataDir);
      await reached(serve);
      const exit = await serve.stop();

      const log = serve.stderr.join('\n');
      expect(exit, log).toEqual({ code: 0, signal: null });
      expect(log).toContain('Premia is stopping (SIGTERM).');
      expect(serve.stderr.filter((line) => / ERROR /.test(line))).toEqual([]);
      expect(existsSync(join(dataDir, LOCK_FILE)), 'the lock file is gone').toBe(false);
    },
    2 * STAGE_LIMIT_MS,
  );

  it('has saved the last snapshot of the cycles it ran', () => {
    // The folder stopped right after its first cycle: the snapshot was flushed on the way out.
    expect(existsSync(join(folders.second, LAST_SNAPSHOT_FILE))).toBe(true);
  });
});
