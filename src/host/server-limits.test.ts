// The headless host under load it must not take: too many sockets, too many requests waiting on one
// socket, messages too large, wrong tokens tried one after another. Each is bounded and refused in
// words (an HTTP status for a handshake, an RPC error or a close code on a socket).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { AppInfo, PremiaApi } from '../shared/api';
import { fakeApi } from '../shared/fake-api';
import { RPC_ERRORS, RPC_PATH } from '../shared/rpc';
import { DEFAULT_HOST_LIMITS, type HostLimits } from './host-limits';
import { startServer, type RunningServer } from './server';

let rendererDir: string;
const running: RunningServer[] = [];
const openSockets: (WebSocket | Socket)[] = [];

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'premia-host-limits-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Premia</title>');
});

afterEach(async () => {
  for (const socket of openSockets.splice(0)) {
    if (socket instanceof WebSocket) socket.terminate();
    else socket.destroy();
  }
  await Promise.all(running.splice(0).map((server) => server.close()));
});

afterAll(async () => {
  await rm(rendererDir, { recursive: true, force: true });
});

const INFO: AppInfo = { version: '0.0.0-test', host: 'web', demo: true, notices: [] };

/** An API whose getAppInfo answers only when the test releases it; the rest is not needed here. */
function heldApi() {
  const waiting: (() => void)[] = [];
  const calls = counter(() => waiting.length);
  const api: PremiaApi = fakeApi({
    getAppInfo: () =>
      new Promise<AppInfo>((resolve) => {
        waiting.push(() => resolve(INFO));
        calls.changed();
      }),
  });
  return {
    api,
    waiting: () => waiting.length,
    /** Resolves once `count` calls wait. */
    waitingCount: calls.until,
    releaseAll: () => waiting.splice(0).forEach((release) => release()),
  };
}

interface Started {
  server: RunningServer;
  api: ReturnType<typeof heldApi>;
  clock: { now: number };
}

async function start(limits: Partial<HostLimits> = {}): Promise<Started> {
  const api = heldApi();
  const clock = { now: 1_000_000 };
  const server = await startServer({
    services: { api: api.api, onEvent: () => () => undefined },
    rendererDir,
    port: 0,
    limits,
    now: () => clock.now,
  });
  running.push(server);
  return { server, api, clock };
}

async function open(server: RunningServer): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${RPC_PATH}?token=${server.token}`);
  openSockets.push(ws);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

interface Refusal {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/** A handshake with `token`; 101 when the host upgraded, else its refusal. */
function handshake(server: RunningServer, token: string): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      path: `${RPC_PATH}?token=${token}`,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve({ status: 101, retryAfter: undefined, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const header = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, retryAfter: header, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves `until(count)` once `count()` reaches a number, checked each time `changed` is called. */
function counter(count: () => number) {
  let waiting: { target: number; resolve: () => void }[] = [];
  return {
    changed(): void {
      const reached = waiting.filter((w) => count() >= w.target);
      waiting = waiting.filter((w) => count() < w.target);
      for (const w of reached) w.resolve();
    },
    until(target: number): Promise<void> {
      if (count() >= target) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ target, resolve }));
    },
  };
}

/** The replies heard on `ws`, and a wait for the `count`th. */
function replies(ws: WebSocket) {
  const heard: Record<string, unknown>[] = [];
  const arrivals = counter(() => heard.length);
  ws.on('message', (data: Buffer) => {
    heard.push(JSON.parse(data.toString()) as never);
    arrivals.changed();
  });
  return { heard, heardCount: arrivals.until };
}

const call = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'getAppInfo' });

describe('open sockets', () => {
  it('are refused with 503 and a reason once the cap is reached, and allowed again when one closes', async () => {
    const { server } = await start({ maxClients: 3 });
    const first = await open(server);
    await open(server);
    await open(server);
    const refused = await handshake(server, server.token);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatch(/too many open connections/i);
    const closed = new Promise((resolve) => first.once('close', resolve));
    first.close();
    await closed;
    await expect.poll(async () => (await handshake(server, server.token)).status).toBe(101);
  });

  it('are capped by default well below a thousand', async () => {
    const { server } = await start();
    const cap = DEFAULT_HOST_LIMITS.maxClients;
    expect(cap).toBeLessThan(1_000);
    for (let i = 0; i < cap; i++) await open(server);
    expect((await handshake(server, server.token)).status).toBe(503);
  });

  it('count every TCP connection too: one past the cap is dropped before it is read', async () => {
    const { server } = await start({ maxConnections: 4 });
    const connected = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = connectTcp(server.port, '127.0.0.1', () => resolve(socket));
        socket.once('error', reject);
        openSockets.push(socket);
      });
    for (let i = 0; i < 4; i++) await connected();
    const extra = await connected();
    const ended = await new Promise<string>((resolve) => {
      let heard = '';
      extra.setEncoding('utf8');
      extra.on('data', (chunk: string) => (heard += chunk));
      extra.once('close', () => resolve(heard));
      extra.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    });
    expect(ended).toBe('');
  });
});

describe('requests waiting on one socket', () => {
  it('past the cap are answered at once with a rate-limited error in words, the others in turn', async () => {
    const { server, api } = await start({ maxPendingPerClient: 4 });
    const ws = await open(server);
    const { heard, heardCount } = replies(ws);
    for (let id = 1; id <= 6; id++) ws.send(call(id));
    await heardCount(2);
    expect(heard).toHaveLength(2);
    expect(api.waiting()).toBe(4);
    for (const reply of heard) {
      expect(reply['id']).toBeGreaterThan(4);
      expect(reply['error']).toMatchObject({
        code: RPC_ERRORS.app,
        data: { code: 'rate-limited', message: expect.stringMatching(/wait for answers/) },
      });
    }
    api.releaseAll();
    await heardCount(6);
    expect(heard).toHaveLength(6);
    expect(heard.slice(2).map((r) => r['result'])).toEqual([INFO, INFO, INFO, INFO]);
    // Answered requests no longer count.
    ws.send(call(7));
    await api.waitingCount(1);
    expect(api.waiting()).toBe(1);
    api.releaseAll();
    await heardCount(7);
    expect(heard).toHaveLength(7);
    expect(heard[6]).toMatchObject({ id: 7, result: INFO });
  });

  it('are capped by default well below five thousand', async () => {
    const { server, api } = await start();
    const cap = DEFAULT_HOST_LIMITS.maxPendingPerClient;
    expect(cap).toBeLessThan(5_000);
    const ws = await open(server);
    const { heard, heardCount } = replies(ws);
    for (let id = 1; id <= cap + 1; id++) ws.send(call(id));
    await heardCount(1);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ id: cap + 1, error: { data: { code: 'rate-limited' } } });
    expect(api.waiting()).toBe(cap);
  });
});

describe('messages', () => {
  it('larger than the cap close the socket with 1009 (message too big); smaller ones are answered', async () => {
    const { server } = await start();
    const ws = await open(server);
    const { heard, heardCount } = replies(ws);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(' '.repeat(DEFAULT_HOST_LIMITS.maxMessageBytes - 100) + '{');
    await heardCount(1);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ error: { code: RPC_ERRORS.parse } });
    ws.send(' '.repeat(DEFAULT_HOST_LIMITS.maxMessageBytes + 1));
    expect(await closed).toBe(1009);
    expect(DEFAULT_HOST_LIMITS.maxMessageBytes).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('wrong tokens', () => {
  it('are refused 401 up to the burst, then every handshake waits 429 with Retry-After, on the injected clock', async () => {
    const { server, clock } = await start({ wrongTokenBurst: 3, wrongTokenIntervalMs: 2_000 });
    const wrong = 'f'.repeat(64);
    for (let i = 0; i < 3; i++) expect((await handshake(server, wrong)).status).toBe(401);

    const slowed = await handshake(server, wrong);
    expect(slowed.status).toBe(429);
    expect(slowed.retryAfter).toBe('2');
    expect(slowed.body).toMatch(/too many wrong tokens/i);
    // Even the right token waits, or the answer would tell a guess right from wrong at full speed.
    expect((await handshake(server, server.token)).status).toBe(429);

    clock.now += 1_999;
    expect((await handshake(server, server.token)).status).toBe(429);
    clock.now += 1;
    expect((await handshake(server, server.token)).status).toBe(101);
    // One interval earned one more try, which a wrong token spends.
    expect((await handshake(server, wrong)).status).toBe(401);
    expect((await handshake(server, wrong)).status).toBe(429);

    // Time restores the whole burst, never more.
    clock.now += 60_000;
    for (let i = 0; i < 3; i++) expect((await handshake(server, wrong)).status).toBe(401);
    expect((await handshake(server, wrong)).status).toBe(429);
  });

  it('are slowed by default to a few a second at most', async () => {
    const { server, clock } = await start();
    const { wrongTokenBurst, wrongTokenIntervalMs } = DEFAULT_HOST_LIMITS;
    expect(wrongTokenIntervalMs).toBeGreaterThanOrEqual(250);
    let refusedWith401 = 0;
    for (let i = 0; i < 50; i++) {
      if ((await handshake(server, 'wrong')).status === 401) refusedWith401++;
    }
    expect(refusedWith401).toBe(wrongTokenBurst);
    clock.now += wrongTokenIntervalMs;
    expect((await handshake(server, server.token)).status).toBe(101);
  });
});
