// Runs the browser client in Node against a real WebSocket server; `ws` stands in for the browser's
// WebSocket, which Node 20 lacks. The client's clock and timers are the test's own: reconnect pauses
// and waiting limits pass only when the test moves the clock, and every wait is for an event.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import type { PremiaEvent } from '../../../shared/api';
import { PremiaError } from '../../../shared/errors';
import type { ConnectionState, ConnectionStatus } from './connection';
import { manualTimers, type ManualTimers } from '../../../shared/manual-timers';
import type { WebSocketClient, WebSocketConstructor } from './ws-client';
import { createWebSocketClient, NOT_CONNECTED } from './ws-client';

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
  /** Resolves at the next connection the server accepts. */
  nextConnection(): Promise<void>;
  /** Resolves with the next request the server receives. */
  nextRequest(): Promise<Request>;
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
  const connected: Array<() => void> = [];
  const received: Array<(request: Request) => void> = [];
  let closed = false;
  const server: TestServer = {
    url: `ws://127.0.0.1:${actualPort}/rpc?token=t`,
    port: actualPort,
    requests: [],
    connections: 0,
    nextConnection: () => new Promise((resolve) => connected.push(resolve)),
    nextRequest: () => new Promise((resolve) => received.push(resolve)),
    broadcast: (event) => {
      const text = JSON.stringify({ jsonrpc: '2.0', method: 'event', params: event });
      wss.clients.forEach((ws) => ws.send(text));
    },
    dropAll: () => wss.clients.forEach((ws) => ws.terminate()),
    close: () => {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise<void>((resolve) => {
        wss.clients.forEach((ws) => ws.terminate());
        wss.close(() => resolve());
      });
    },
  };
  wss.on('connection', (ws) => {
    server.connections += 1;
    for (const resolve of connected.splice(0)) resolve();
    ws.on('message', (data) => {
      const request = JSON.parse(data.toString()) as Request;
      server.requests.push(request);
      for (const resolve of received.splice(0)) resolve(request);
      const reply = answer(request);
      if (reply !== undefined)
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, ...reply }));
    });
  });
  cleanups.push(() => server.close());
  return server;
}

/** A port that accepts connections and never answers them, as a host that hangs would. */
async function startSilentServer(): Promise<string> {
  const held: Socket[] = [];
  const server = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        held.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  );
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/rpc?token=t`;
}

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function client(
  url: string,
  clock: ManualTimers,
  options: Parameters<typeof createWebSocketClient>[1] = {},
): WebSocketClient {
  const c = createWebSocketClient(url, {
    WebSocket: NodeSocket,
    timers: clock.timers,
    retryInitialMs: 20,
    retryMaxMs: 80,
    ...options,
  });
  cleanups.push(() => c.close());
  return c;
}

/** Resolves with the connection's state once `done` holds for it (at once if it already does). */
function stateWhere(
  c: WebSocketClient,
  done: (state: ConnectionState) => boolean,
): Promise<ConnectionState> {
  return new Promise((resolve) => {
    if (done(c.connection.state())) {
      resolve(c.connection.state());
      return;
    }
    const stop = c.connection.subscribe(() => {
      const state = c.connection.state();
      if (!done(state)) return;
      stop();
      resolve(state);
    });
  });
}

const statusOf = (c: WebSocketClient, status: ConnectionStatus) =>
  stateWhere(c, (s) => s.status === status);

/** Resolves once a failed attempt has scheduled the next one, with the pause it chose. */
async function nextPause(c: WebSocketClient, clock: ManualTimers): Promise<number> {
  const state = await stateWhere(c, (s) => s.status === 'disconnected' && s.retryAt !== null);
  return (state.retryAt ?? NaN) - clock.now();
}

/** Resolves with the next event a new listener hears, then stops listening. */
function nextEvent(c: WebSocketClient): Promise<PremiaEvent> {
  return new Promise((resolve) => {
    const stop = c.onEvent((event) => {
      stop();
      resolve(event);
    });
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
    const c = client(server.url, manualTimers());
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
    const c = client(server.url, manualTimers());
    expect(c.connection.state().status).toBe('connecting');
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
    const c = client(server.url, manualTimers());
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
    const c = client(server.url, manualTimers());
    await expect(c.getSettings()).rejects.toMatchObject({
      code: 'internal',
      message: 'Method not found: x',
    });
  });

  it('delivers pushed events to every listener until it unsubscribes', async () => {
    const server = await startTestServer(() => ({ result: null }));
    const c = client(server.url, manualTimers());
    const heardA: PremiaEvent[] = [];
    const heardB: PremiaEvent[] = [];
    const stopA = c.onEvent((e) => heardA.push(e));
    c.onEvent((e) => heardB.push(e));
    await c.getSnapshot();
    let heard = nextEvent(c);
    server.broadcast(noticeEvent('1'));
    await heard;
    stopA();
    heard = nextEvent(c);
    server.broadcast(noticeEvent('2'));
    await heard;
    expect(heardA).toEqual([noticeEvent('1')]);
    expect(heardB).toEqual([noticeEvent('1'), noticeEvent('2')]);
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const server = await startTestServer(() => ({ result: null }));
    const c = client(server.url, manualTimers());
    const heard: PremiaEvent[] = [];
    const originalError = console.error;
    console.error = () => undefined;
    cleanups.push(() => (console.error = originalError));
    c.onEvent(() => {
      throw new Error('broken view');
    });
    c.onEvent((e) => heard.push(e));
    await c.getSnapshot();
    const last = nextEvent(c);
    server.broadcast(noticeEvent('x'));
    await last;
    expect(heard).toEqual([noticeEvent('x')]);
  });

  it('fails a call in flight as offline when the connection drops, then reconnects with its listeners', async () => {
    const server = await startTestServer((r) =>
      r.method === 'getSnapshot' ? undefined : { result: 'fine' },
    );
    const clock = manualTimers();
    const c = client(server.url, clock);
    const heard: PremiaEvent[] = [];
    c.onEvent((e) => heard.push(e));
    const sent = server.nextRequest();
    const hanging = c.getSnapshot();
    await sent;
    server.dropAll();
    const error: unknown = await hanging.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PremiaError);
    expect(error).toMatchObject({ code: 'offline' });

    const back = server.nextConnection();
    clock.advance(await nextPause(c, clock));
    await back;
    await statusOf(c, 'connected');
    await expect(c.getSettings()).resolves.toBe('fine');
    const after = nextEvent(c);
    server.broadcast(noticeEvent('after'));
    await after;
    expect(heard).toEqual([noticeEvent('after')]);
    expect(server.connections).toBe(2);
  });

  it('says at once that the connection is lost, and counts the reconnect once it is back', async () => {
    const server = await startTestServer(() => ({ result: 'fine' }));
    const clock = manualTimers();
    const c = client(server.url, clock);
    await c.getSettings();
    const connectedAt = clock.now();
    expect(c.connection.state()).toMatchObject({
      status: 'connected',
      lastConnectedAt: connectedAt,
      reconnects: 0,
    });

    clock.advance(5_000);
    server.dropAll();
    const lost = await statusOf(c, 'disconnected');
    expect(lost).toMatchObject({
      since: connectedAt + 5_000,
      lastConnectedAt: connectedAt,
      retryAt: connectedAt + 5_000 + 20,
      reconnects: 0,
    });

    clock.advance(20);
    const back = await statusOf(c, 'connected');
    expect(back).toMatchObject({ since: connectedAt + 5_020, reconnects: 1 });
  });

  it('fails a call made while disconnected at once, and serves calls again once reconnected', async () => {
    const first = await startTestServer(() => ({ result: 'first' }));
    const clock = manualTimers();
    const c = client(first.url, clock);
    await expect(c.getSettings()).resolves.toBe('first');
    const port = first.port;
    await first.close();
    await statusOf(c, 'disconnected');

    const error: unknown = await c.getSettings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PremiaError);
    expect(error).toMatchObject({ code: 'offline', message: NOT_CONNECTED });
    // Nothing waits on the call: the only timer left is the next attempt to reconnect.
    expect(clock.waiting()).toEqual([20]);

    const second = await startTestServer(() => ({ result: 'second' }), port);
    clock.advance(20);
    await statusOf(c, 'connected');
    await expect(c.getSettings()).resolves.toBe('second');
    expect(second.requests.map((r) => r.method)).toEqual(['getSettings']);
  });

  it('fails calls waiting for the first connection at once when it cannot be made', async () => {
    const clock = manualTimers();
    const c = client(`ws://127.0.0.1:${await freePort()}/rpc?token=t`, clock);
    const error: unknown = await c.getSettings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PremiaError);
    expect(error).toMatchObject({ code: 'offline', message: NOT_CONNECTED });
    expect(c.connection.state()).toMatchObject({ status: 'disconnected', lastConnectedAt: null });
  });

  it('fails a queued call as offline when no connection comes in time', async () => {
    const clock = manualTimers();
    const c = client(await startSilentServer(), clock, { queueTimeoutMs: 100 });
    const call = c.getSettings().catch((e: unknown) => e);
    clock.advance(99);
    expect(clock.waiting()).toEqual([1]);
    clock.advance(1);
    const error: unknown = await call;
    expect(error).toBeInstanceOf(PremiaError);
    expect(error).toMatchObject({ code: 'offline' });
    expect(c.connection.state().status).toBe('connecting');
  });

  it('waits longer after each failed attempt up to the limit, and starts over once a connection proves good', async () => {
    const first = await startTestServer(() => ({ result: 'fine' }));
    const port = first.port;
    const clock = manualTimers();
    const c = client(first.url, clock);
    await c.getSettings();
    await first.close();

    const pauses = [await nextPause(c, clock)];
    for (let attempt = 0; attempt < 4; attempt++) {
      clock.advance(pauses[pauses.length - 1] ?? NaN);
      pauses.push(await nextPause(c, clock));
    }
    expect(pauses).toEqual([20, 40, 80, 80, 80]);
    expect(c.connection.state().failures).toBe(5);

    const second = await startTestServer(() => ({ result: 'fine' }), port);
    clock.advance(80);
    await statusOf(c, 'connected');
    await c.getSettings();
    expect(c.connection.state().failures).toBe(0);
    second.dropAll();
    expect(await nextPause(c, clock)).toBe(20);
  });

  it('keeps the pauses growing when the host closes each connection before saying anything', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    wss.on('connection', (ws) => ws.close(1013, 'try again later'));
    const clock = manualTimers();
    const c = client(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/rpc`, clock);

    const pauses = [await nextPause(c, clock)];
    for (let attempt = 0; attempt < 2; attempt++) {
      clock.advance(pauses[pauses.length - 1] ?? NaN);
      pauses.push(await nextPause(c, clock));
    }
    expect(pauses).toEqual([20, 40, 80]);
  });

  it('tries again at once when asked to, rather than waiting out the pause', async () => {
    const server = await startTestServer(() => ({ result: 'fine' }));
    const clock = manualTimers();
    const c = client(server.url, clock, { retryInitialMs: 60_000, retryMaxMs: 60_000 });
    await c.getSettings();
    server.dropAll();
    expect(await nextPause(c, clock)).toBe(60_000);

    c.connection.retryNow();
    expect(c.connection.state().retryAt).toBeNull();
    await statusOf(c, 'connected');
    expect(clock.waiting()).toEqual([]);
    await expect(c.getSettings()).resolves.toBe('fine');
  });

  it('fails waiting calls and later ones as offline once closed, and stops reconnecting', async () => {
    const server = await startTestServer(() => undefined);
    const clock = manualTimers();
    let sockets = 0;
    const Counting = class extends NodeWebSocket {
      constructor(url: string) {
        super(url);
        sockets += 1;
      }
    } as unknown as WebSocketConstructor;
    const c = client(server.url, clock, { WebSocket: Counting });
    const sent = server.nextRequest();
    const waiting = c.getSettings();
    await sent;
    c.close();
    await expect(waiting).rejects.toMatchObject({ code: 'offline' });
    await expect(c.getSettings()).rejects.toMatchObject({ code: 'offline' });
    expect(c.connection.state().status).toBe('closed');
    expect(clock.waiting()).toEqual([]);
    c.connection.retryNow();
    clock.advance(60_000);
    expect(sockets).toBe(1);
  });
});
