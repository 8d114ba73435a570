import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { PremiaEvent } from '../shared/api';
import { RPC_ERRORS } from '../shared/rpc';
import type { Settings } from '../shared/settings';
import type { AppServices } from '../services/app-services';
import { createAppServices } from '../services/app-services';
import { createLogger } from '../services/logger';
import type { RunningServer } from './server';
import { startServer } from './server';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

const INDEX = '<!doctype html><title>Premia test page</title>';
const SECRET = 'outside the renderer folder';

let base: string;
let services: AppServices;
let server: RunningServer;

let clientsConnected = 0;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'premia-host-'));
  const rendererDir = join(base, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), INDEX);
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  await writeFile(join(base, 'secret.txt'), SECRET);
  services = await createAppServices({
    dataDir: join(base, 'data'),
    host: 'web',
    version: '0.0.0-test',
    logger: createLogger({ level: 'silent' }),
    market: { start: 'off' },
  });
  server = await startServer({
    services,
    rendererDir,
    port: 0,
    onClientConnected: () => void clientsConnected++,
  });
});

afterAll(async () => {
  await server?.close();
  await services?.close();
  await rm(base, { recursive: true, force: true });
});

interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request: the path goes on the wire exactly as written, unnormalised. */
function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Tries a WebSocket handshake; answers 101 when the server upgraded, else the refusal's status. */
function handshake(path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const rpcPath = (token: string) => `/rpc?token=${token}`;

async function connect(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${rpcPath(server.token)}`, {
    origin: `http://127.0.0.1:${server.port}`,
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

function nextMessage(
  ws: WebSocket,
  accept: (m: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (!accept(message)) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
  });
}

let nextId = 1;
async function call(
  ws: WebSocket,
  method: string,
  params?: unknown,
): Promise<Record<string, unknown>> {
  const id = nextId++;
  const reply = nextMessage(ws, (m) => m['id'] === id);
  ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  return reply;
}

describe('the address', () => {
  it('is on 127.0.0.1 with the chosen port and the launch token in the fragment', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  });
});

describe('static files', () => {
  it('serves index.html for / with the CSP and an HTML content type', async () => {
    const answer = await get('/');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(INDEX);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves a script with a JavaScript content type', async () => {
    const answer = await get('/assets/app.js');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
  ])('refuses the traversal %s', async (path) => {
    const answer = await get(path);
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain(SECRET);
  });

  it('answers 404 for a missing file and for a folder', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const answer = await get('/', {}, 'POST');
    expect(answer.status).toBe(405);
  });

  it('refuses a request addressed to another host name', async () => {
    const answer = await get('/', { Host: `evil.example:${server.port}` });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('Premia test page');
  });
});

describe('the WebSocket handshake', () => {
  it('upgrades with the right token and our origin', async () => {
    expect(
      await handshake(rpcPath(server.token), { Origin: `http://127.0.0.1:${server.port}` }),
    ).toBe(101);
    expect(
      await handshake(rpcPath(server.token), { Origin: `http://localhost:${server.port}` }),
    ).toBe(101);
  });

  it('refuses a missing token without upgrading', async () => {
    expect(await handshake('/rpc')).toBe(401);
  });

  it('refuses a wrong token without upgrading', async () => {
    const wrong = server.token.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(await handshake(rpcPath(wrong))).toBe(401);
    expect(await handshake(rpcPath('short'))).toBe(401);
  });

  it('tells the host when a page opens its socket, and not when a handshake is refused', async () => {
    const before = clientsConnected;
    expect(await handshake('/rpc')).toBe(401);
    expect(await handshake(rpcPath(server.token), { Origin: 'https://evil.example' })).toBe(403);
    expect(clientsConnected).toBe(before);
    const ws = await connect();
    ws.close();
    expect(clientsConnected).toBe(before + 1);
  });

  it('refuses a foreign origin even with the right token', async () => {
    expect(await handshake(rpcPath(server.token), { Origin: 'https://evil.example' })).toBe(403);
    expect(
      await handshake(rpcPath(server.token), { Origin: `http://127.0.0.1:${server.port + 1}` }),
    ).toBe(403);
  });

  it('refuses a path other than the API', async () => {
    expect(await handshake(`/other?token=${server.token}`)).toBe(404);
  });
});

describe('JSON-RPC', () => {
  it('reads and updates settings, and the update survives a new connection', async () => {
    const ws = await connect();
    const got = await call(ws, 'getSettings');
    const settings = got['result'] as Settings;
    expect(settings.rebalance.slippageLimit).toBeGreaterThan(0);

    const updated = await call(ws, 'updateSettings', { rebalance: { slippageLimit: 0.004 } });
    expect((updated['result'] as Settings).rebalance.slippageLimit).toBe(0.004);
    ws.close();

    const again = await connect();
    const reread = await call(again, 'getSettings');
    expect((reread['result'] as Settings).rebalance.slippageLimit).toBe(0.004);
    again.close();
  });

  it('refuses invalid params with an error naming the field', async () => {
    const ws = await connect();
    const reply = await call(ws, 'evaluateQuote', {
      kind: 'future',
      spot: 100,
      futures: 101,
      daysToExpiry: 0,
    });
    expect(reply['error']).toMatchObject({
      code: RPC_ERRORS.invalidParams,
      data: { code: 'invalid-input', field: 'daysToExpiry' },
    });
    ws.close();
  });

  it('carries an app refusal in the error data', async () => {
    const ws = await connect();
    const reply = await call(ws, 'updateSettings', { rebalance: { slippageLimit: 0.5 } });
    expect(reply['error']).toMatchObject({ code: RPC_ERRORS.app, data: { code: 'invalid-input' } });
    ws.close();
  });

  it('answers an unknown method with method not found', async () => {
    const ws = await connect();
    const reply = await call(ws, 'toString');
    expect(reply['error']).toMatchObject({ code: RPC_ERRORS.methodNotFound });
    ws.close();
  });

  it('answers a message that is not JSON-RPC', async () => {
    const ws = await connect();
    const parseError = nextMessage(ws, () => true);
    ws.send('{ not json');
    expect((await parseError)['error']).toMatchObject({ code: RPC_ERRORS.parse });
    const invalid = nextMessage(ws, () => true);
    ws.send(JSON.stringify({ id: 5, method: 'getSettings' }));
    expect(await invalid).toMatchObject({ id: 5, error: { code: RPC_ERRORS.invalidRequest } });
    ws.close();
  });

  it('pushes events to every connected client', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const isSettingsEvent = (m: Record<string, unknown>) =>
      m['method'] === 'event' && (m['params'] as PremiaEvent).type === 'settings';
    const heardA = nextMessage(a, isSettingsEvent);
    const heardB = nextMessage(b, isSettingsEvent);
    await call(a, 'updateSettings', { rebalance: { driftBand: 0.07 } });
    for (const heard of [await heardA, await heardB]) {
      expect(heard['jsonrpc']).toBe('2.0');
      const event = heard['params'] as Extract<PremiaEvent, { type: 'settings' }>;
      expect(event.settings.rebalance.driftBand).toBe(0.07);
    }
    a.close();
    b.close();
  });
});
