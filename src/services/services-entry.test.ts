// The services process's entry, run as a plain Node child process speaking over Node's IPC channel
// the messages Electron's main process sends through the utility process's parent port.
import type { ChildProcess } from 'node:child_process';
import { fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PremiaEvent } from '../shared/api';
import { PremiaError } from '../shared/errors';
import type { RpcRequest } from '../shared/rpc';
import type { RpcPeer } from '../shared/rpc-peer';
import { createRpcPeer } from '../shared/rpc-peer';
import { SERVICES_CLOSE, SERVICES_OPEN } from '../shared/services-protocol';
import { LOCK_FILE, acquireDataLock } from './data-lock';

const ENTRY = join(import.meta.dirname, 'services-entry.ts');

interface Child {
  process: ChildProcess;
  peer: RpcPeer;
  /** Requests the child made of its parent. */
  asked: RpcRequest[];
  /** Resolves with the first event that passes `test`. */
  event(test: (event: PremiaEvent) => boolean): Promise<PremiaEvent>;
  exited: Promise<number | null>;
  stderr(): string;
}

function startChild(): Child {
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, PREMIA_LOG_LEVEL: 'warn', PREMIA_SIM_PORT: '' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const asked: RpcRequest[] = [];
  const waiters = new Set<{
    test: (e: PremiaEvent) => boolean;
    resolve: (e: PremiaEvent) => void;
  }>();
  const peer = createRpcPeer({
    post: (message) => void child.send(message as object),
    answer: async (request) => {
      asked.push(request);
      return {
        jsonrpc: '2.0',
        id: request.id,
        result: { available: false, backend: 'basic_text' },
      };
    },
    notified: (method, params) => {
      if (method !== 'event') return;
      for (const waiter of [...waiters]) {
        if (waiter.test(params as PremiaEvent)) {
          waiters.delete(waiter);
          waiter.resolve(params as PremiaEvent);
        }
      }
    },
  });
  child.on('message', (message) => peer.receive(message));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  void exited.then(() => peer.stop(new PremiaError('unavailable', 'the child exited')));
  return {
    process: child,
    peer,
    asked,
    event: (test) => new Promise((resolve) => waiters.add({ test, resolve })),
    exited,
    stderr: () => stderr,
  };
}

let dir: string;
const children: Child[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-services-entry-'));
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill();
      await child.exited;
    }
  }
  await rm(dir, { recursive: true, force: true });
});

function launch(): Child {
  const child = startChild();
  children.push(child);
  return child;
}

describe('the services process', () => {
  it('opens, answers the API and closes over its channel, freeing the data folder before it answers', async () => {
    const child = launch();
    await expect(
      child.peer.request(SERVICES_OPEN, { dataDir: dir, version: '9.9.9', market: 'off' }),
    ).resolves.toBeNull();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    await expect(child.peer.request('getAppInfo')).resolves.toMatchObject({
      host: 'electron',
      version: '9.9.9',
      demo: true,
    });
    await expect(child.peer.request('getSettings', { sneaky: 1 })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(child.peer.request(SERVICES_CLOSE)).resolves.toBeNull();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    child.process.disconnect();
    await expect(child.exited).resolves.toBe(0);
  });

  it('says plainly that another Premia holds the data folder', async () => {
    const held = await acquireDataLock(dir);
    try {
      const child = launch();
      const failure = await child.peer
        .request(SERVICES_OPEN, { dataDir: dir, version: '1.0.0', market: 'off' })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(PremiaError);
      expect(failure).toMatchObject({
        code: 'unavailable',
        message: expect.stringContaining(
          `Another Premia is using this data folder (process ${process.pid}`,
        ),
      });
    } finally {
      await held.release();
    }
  });

  it(
    'runs the demo market and sends its snapshots to the parent, asking the parent about key storage',
    { timeout: 90_000 },
    async () => {
      const child = launch();
      const live = child.event(
        (event) => event.type === 'snapshot' && event.snapshot.assets.some((asset) => !asset.stale),
      );
      await child.peer.request(SERVICES_OPEN, { dataDir: dir, version: '1.0.0' });
      const event = await live;
      expect(event.type).toBe('snapshot');
      expect(child.asked.map((request) => request.method)).toContain('main.safeStorageStatus');
      await expect(child.peer.request(SERVICES_CLOSE)).resolves.toBeNull();
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    },
  );

  it('closes its services and ends when its parent goes away without asking', async () => {
    const child = launch();
    await child.peer.request(SERVICES_OPEN, { dataDir: dir, version: '1.0.0', market: 'off' });
    child.process.disconnect();
    await expect(child.exited).resolves.toBe(0);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses to run with no parent to speak to', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('the desktop app starts it');
  });
});
