import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { PremiaEvent } from '../shared/api';
import type { Execution } from '../shared/execution';
import { fakeApi } from '../shared/fake-api';
import { PremiaError } from '../shared/errors';
import { createToken } from './access-token';
import type { AppLink } from './app-link';
import {
  APP_LINK_FILE,
  APP_LINK_TOKEN_HEADER,
  appLinkFileSchema,
  appLinkUrl,
  startAppLink,
} from './app-link';
import { connectAppLink } from './app-link-client';
import { silentLogger } from './logger';

let dir: string;
const links: AppLink[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-link-'));
});

afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.close()));
  await rm(dir, { recursive: true, force: true });
});

const vault = {
  state: 'locked' as const,
  remember: { available: false, reason: null, active: false },
  autoLockAt: null,
  retryAt: null,
};

const running: Execution = {
  planId: 'plan1',
  state: 'running',
  startedAt: 1,
  finishedAt: null,
  checks: [],
  steps: [],
  problem: null,
  nextSteps: [],
};

async function link(options: Partial<Parameters<typeof startAppLink>[0]> = {}): Promise<AppLink> {
  const started = await startAppLink({
    dataDir: dir,
    api: fakeApi({ getVaultStatus: async () => vault }),
    logger: silentLogger,
    version: '9.8.7',
    ...options,
  });
  links.push(started);
  return started;
}

/** Opens the link's socket by hand and says how the handshake was answered. */
function handshake(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(appLinkUrl(port), { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => undefined);
  });
}

async function linkFile() {
  return appLinkFileSchema.parse(JSON.parse(await readFile(join(dir, APP_LINK_FILE), 'utf8')));
}

describe('startAppLink', () => {
  it('writes its port, token, process and version to app-link.json, readable by the user only', async () => {
    const running = await link();
    const file = await linkFile();
    expect(file).toMatchObject({ port: running.port, pid: process.pid, version: '9.8.7' });
    expect(file.token).toMatch(/^[0-9a-f]{64}$/);
    if (process.platform !== 'win32') {
      expect((await stat(join(dir, APP_LINK_FILE))).mode & 0o777).toBe(0o600);
    }
  });

  it('takes the version from the app when none is given', async () => {
    await link({
      version: undefined,
      api: fakeApi({
        getAppInfo: async () => ({ version: '1.2.3', host: 'web', demo: true, notices: [] }),
      }),
    });
    expect((await linkFile()).version).toBe('1.2.3');
  });

  it('answers the API to a client holding the token, the app’s errors included', async () => {
    await link({
      api: fakeApi({
        getVaultStatus: async () => vault,
        lockVault: async () => {
          throw new PremiaError('locked', 'The vault is locked: unlock it first.');
        },
      }),
    });
    const client = await connectAppLink(dir, { holderPid: process.pid });
    try {
      expect(client.version).toBe('9.8.7');
      expect(await client.api.getVaultStatus()).toEqual(vault);
      const error = await client.api.lockVault().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PremiaError);
      expect(error).toMatchObject({
        code: 'locked',
        message: 'The vault is locked: unlock it first.',
      });
      // The input is checked by the API's schemas before the app sees it.
      await expect(client.api.unlockVault({ passphrase: '' })).rejects.toMatchObject({
        code: 'invalid-input',
      });
    } finally {
      await client.close();
    }
  });

  it('sends an execution’s progress to its clients, and none of the app’s other events', async () => {
    const listeners = new Set<(event: PremiaEvent) => void>();
    const emit = (event: PremiaEvent) => {
      for (const listener of listeners) listener(event);
    };
    const started = await link({
      api: fakeApi({
        getVaultStatus: async () => {
          // Sent before the answer, on the same socket: heard before the call resolves.
          emit({ type: 'vault', status: vault });
          emit({ type: 'execution', execution: running });
          return vault;
        },
      }),
      onEvent: (listener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    });
    const client = await connectAppLink(dir, { holderPid: process.pid });
    const heard: PremiaEvent[] = [];
    const stop = client.onEvent((event) => heard.push(event));
    try {
      await client.api.getVaultStatus();
      expect(heard).toEqual([{ type: 'execution', execution: running }]);
      stop();
      await client.api.getVaultStatus();
      expect(heard).toHaveLength(1);
    } finally {
      await client.close();
    }
    await started.close();
    expect(listeners.size).toBe(0);
  });

  it('answers only the API’s methods', async () => {
    const running = await link();
    const { token } = await linkFile();
    const ws = new WebSocket(appLinkUrl(running.port), {
      headers: { [APP_LINK_TOKEN_HEADER]: token },
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const answer = new Promise<string>((resolve) =>
      ws.once('message', (d) => resolve(d.toString())),
    );
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'constructor' }));
    expect(JSON.parse(await answer)).toMatchObject({ id: 1, error: { code: -32601 } });
    ws.close();
  });

  it('refuses a wrong or missing token, a page’s origin, and slows guessing after a burst', async () => {
    let now = 0;
    const running = await link({ now: () => now, limits: { wrongTokenBurst: 2 } });
    const { token } = await linkFile();
    expect(await handshake(running.port, { [APP_LINK_TOKEN_HEADER]: createToken() })).toBe(401);
    expect(await handshake(running.port, {})).toBe(401);
    // The burst is spent: even the right token waits, so an answer tells nothing of a guess.
    expect(await handshake(running.port, { [APP_LINK_TOKEN_HEADER]: token })).toBe(429);
    now += 1_000;
    expect(await handshake(running.port, { [APP_LINK_TOKEN_HEADER]: token })).toBe(101);
    expect(
      await handshake(running.port, {
        [APP_LINK_TOKEN_HEADER]: token,
        Origin: `http://127.0.0.1:${running.port}`,
      }),
    ).toBe(403);
  });

  it('removes app-link.json and stops answering once closed', async () => {
    const running = await link();
    await running.close();
    await expect(stat(join(dir, APP_LINK_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(connectAppLink(dir)).rejects.toThrow(/does not answer/);
  });

  it('leaves a link file another Premia wrote since in place', async () => {
    const running = await link();
    const other = { ...(await linkFile()), token: createToken() };
    await writeFile(join(dir, APP_LINK_FILE), JSON.stringify(other));
    await running.close();
    expect(await linkFile()).toEqual(other);
  });
});

describe('connectAppLink', () => {
  it('says the running Premia does not answer when the link file is missing', async () => {
    const error = await connectAppLink(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PremiaError);
    expect((error as Error).message).toMatch(
      /^Premia is running on this data folder but does not answer; .*app-link\.json is missing/,
    );
  });

  it('says so when the file names a port nobody listens on', async () => {
    const running = await link();
    const file = await linkFile();
    await running.close();
    await writeFile(join(dir, APP_LINK_FILE), JSON.stringify(file));
    await expect(connectAppLink(dir)).rejects.toThrow(
      /does not answer; nothing listens on the port/,
    );
  });

  it('says so when the file was written by another process than the one holding the folder', async () => {
    await link();
    await expect(connectAppLink(dir, { holderPid: process.pid + 1 })).rejects.toThrow(
      /was written by process \d+, not by process/,
    );
  });

  it('says so when the file is damaged', async () => {
    await writeFile(join(dir, APP_LINK_FILE), '{"port":');
    await expect(connectAppLink(dir)).rejects.toThrow(/does not answer; .* is damaged/);
  });
});
