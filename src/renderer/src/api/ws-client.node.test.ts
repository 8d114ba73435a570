// Runs the browser client in Node against a real WebSocket server; `ws` stands in for the browser's
// WebSocket, which Node 20 lacks.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import type { PremiaEvent } from '../../../shared/api';
import { PremiaError } from '../../../shared/errors';
import type { WebSocketClient, WebSocketConstructor } from './ws-client';
import { createWebSocketClient } from './ws-client';

const NodeSocket = NodeWebSocket as unknown as WebSocketConstructor;

interface Request {
  id: number;
  method: string;
  params?: unknown;
}

type Answer = (request: Request) => unknown;

interface TestServer {
  url: string;
  port: number;
  requests: Request[];
  connections: number;
  broadcast(event: PremiaEvent): void;
  dropAll(): void;
  close(): Promise<void>;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startTestServer(answer: Answer, port = 0): Promise<TestServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise((resolve) => wss.once('listening', resolve));
  const actualPort = (wss.address() as AddressInfo).port;
  const server: TestServer = {
    url: `ws://127.0.0.1:${actualPort}/rpc?token=t`,
    port: actualPort,
    requests: [],
    connections: 0,
    broadcast: (event) => {
      const text = JSON.stringify({ jsonrpc: '2.0', method: 'event', params: event });
      wss.clients.forEach((ws) => ws.send(text));
    },
    dropAll: () => wss.clients.forEach((ws) => ws.terminate()),
    close: () =>
      new Promise<void>((resolve) => {
        wss.clients.forEach((ws) => ws.terminate());
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (ws) => {
    server.connections += 1;
    ws.on('message', (data) => {
      const request = JSON.parse(data.toString()) as Request;
      server.requests.push(request);
      const reply = answer(request);
      if (reply !== undefined)
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, ...reply }));
    });
  });
  cleanups.push(() => server.close());
  return server;
}

function client(
  url: string,
  options: Parameters<typeof createWebSocketClient>[1] = {},
): WebSocketClient {
  const c = createWebSocketClient(url, {
    WebSocket: NodeSocket,
    retryInitialMs: 20,
    retryMaxMs: 80,
    ...options,
  });
  cleanups.push(() => c.close());
  return c;
}

function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (condition()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('condition not met in time'));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

const noticeEvent = (id: string): PremiaEvent => ({
  type: 'notice',
  notice: { id, level: 'info', message: `notice ${id}`, at: 0 },
});

describe('createWebSocketClient', () => {
  it('sends a JSON-RPC request and resolves with its result', async () => {
    const server = await startTestServer((r) => ({
      result: { echoed: r.method, params: r.params },
    }));
    const c = client(server.url);
    await expect(c.dismissNotice('n-1')).resolves.toEqual({
      echoed: 'dismissNotice',
      params: 'n-1',
    });
    expect(server.requests[0]).toMatchObject({
      jsonrpc: '2.0',
      method: 'dismissNotice',
      params: 'n-1',
    });
  });

  it('queues calls made while connecting and sends them once open, each with its own id', async () => {
    const server = await startTestServer((r) => ({ result: r.id }));
    const c = client(server.url);
    const results = await Promise.all([c.getSettings(), c.getSnapshot(), c.getAppInfo()]);
    expect(new Set(results).size).toBe(3);
    expect(server.requests.map((r) => r.method)).toEqual([
      'getSettings',
      'getSnapshot',
      'getAppInfo',
    ]);
  });

  it('rejects with the PremiaError carried in the error data', async () => {
    const server = await startTestServer(() => ({
      error: {
        code: -32602,
        message: 'spot: must be above 0',
        data: { code: 'invalid-input', message: 'spot: must be above 0', field: 'spot' },
      },
    }));
    const c = client(server.url);
    const error: unknown = await c.getSettings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PremiaError);
    expect(error).toMatchObject({
      code: 'invalid-input',
      field: 'spot',
      message: 'spot: must be above 0',
    });
  });

  it('rejects as internal when the error carries no app payload', async () => {
    const server = await startTestServer(() => ({
      error: { code: -32601, message: 'Method not found: x' },
    }));
    const c = client(server.url);
    await expect(c.getSettings()).rejects.toMatchObject({
      code: 'internal',
      message: 'Method not found: x',
    });
  });

  it('delivers pushed events to every listener until it unsubscribes', async () => {
    const server = await startTestServer(() => ({ result: null }));
    const c = client(server.url);
    const heardA: PremiaEvent[] = [];
    const heardB: PremiaEvent[] = [];
    const stopA = c.onEvent((e) => heardA.push(e));
    c.onEvent((e) => heardB.push(e));
    await c.getSnapshot();
    server.broadcast(noticeEvent('1'));
    await until(() => heardB.length === 1);
    stopA();
    server.broadcast(noticeEvent('2'));
    await until(() => heardB.length === 2);
    expect(heardA).toEqual([noticeEvent('1')]);
    expect(heardB).toEqual([noticeEvent('1'), noticeEvent('2')]);
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const server = await startTestServer(() => ({ result: null }));
    const c = client(server.url);
    const heard: PremiaEvent[] = [];
    const originalError = console.error;
    console.error = () => undefined;
    cleanups.push(() => (console.error = originalError));
    c.onEvent(() => {
      throw new Error('broken view');
    });
    c.onEvent((e) => heard.push(e));
    await c.getSnapshot();
    server.broadcast(noticeEvent('x'));
    await until(() => heard.length === 1);
    expect(heard).toEqual([noticeEvent('x')]);
  });

  it('fails a call in flight as offline when the connection drops, then reconnects with its listeners', async () => {
    const server = await startTestServer((r) =>
      r.method === 'getSnapshot' ? undefined : { result: 'fine' },
    );
    const c = client(server.url);
    const heard: PremiaEvent[] = [];
    c.onEvent((e) => heard.push(e));
    const hanging = c.getSnapshot();
    await until(() => server.requests.length === 1);
    server.dropAll();
    const error: unknown = await hanging.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PremiaError);
    expect(error).toMatchObject({ code: 'offline' });

    await until(() => server.connections === 2);
    await expect(c.getSettings()).resolves.toBe('fine');
    server.broadcast(noticeEvent('after'));
    await until(() => heard.length === 1);
    expect(heard).toEqual([noticeEvent('after')]);
  });

  it('sends calls queued while the server was away once it is back', async () => {
    const first = await startTestServer(() => ({ result: 'first' }));
    const c = client(first.url);
    await expect(c.getSettings()).resolves.toBe('first');
    const port = first.port;
    await first.close();
    // Let the client see the drop first: a call made before it does is in flight, not queued.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const queued = c.getSettings();
    const second = await startTestServer(() => ({ result: 'second' }), port);
    await expect(queued).resolves.toBe('second');
    expect(second.requests.map((r) => r.method)).toEqual(['getSettings']);
  });

  it('fails a queued call as offline when no connection comes in time', async () => {
    const server = await startTestServer(() => ({ result: null }));
    const url = server.url;
    await server.close();
    const c = client(url, { queueTimeoutMs: 100 });
    const error: unknown = await c.getSettings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PremiaError);
    expect(error).toMatchObject({ code: 'offline' });
  });

  it('fails waiting calls and later ones as offline once closed, and stops reconnecting', async () => {
    const server = await startTestServer(() => undefined);
    const c = client(server.url);
    const waiting = c.getSettings();
    await until(() => server.requests.length === 1);
    c.close();
    await expect(waiting).rejects.toMatchObject({ code: 'offline' });
    await expect(c.getSettings()).rejects.toMatchObject({ code: 'offline' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.connections).toBe(1);
  });
});
