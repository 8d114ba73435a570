// The API over the headless host's JSON-RPC WebSocket. Calls made while the first connection is being
// made wait for it; once the host is lost, the client says so at once, calls fail at once rather than
// hang, and it reconnects with growing pauses. Event listeners survive reconnects.
import type { ApiMethod, PremiaEvent } from '../../../shared/api';
import { API_METHODS } from '../../../shared/api';
import { PremiaError } from '../../../shared/errors';
import { errorFromRpc } from '../../../shared/rpc';
import type { AppClient, ConnectionState } from './connection';
import { createConnectionStore } from './connection';

export type WebSocketConstructor = new (url: string) => WebSocket;

/** The clock and timers the client runs on; the browser's by default (tests drive their own). */
export interface ClientTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: ClientTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface WebSocketClientOptions {
  /** The WebSocket class; the browser's by default (tests pass another). */
  WebSocket?: WebSocketConstructor;
  timers?: ClientTimers;
  /**
   * The pause before the first reconnect; it doubles with each failed attempt up to `retryMaxMs`, and
   * starts again from here once a connection proves good (the host has spoken on it).
   */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** How long a call may wait for the first connection before it fails as offline. */
  queueTimeoutMs?: number;
}

export interface WebSocketClient extends AppClient {
  /** Closes the socket for good; calls after this fail as offline. */
  close(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: PremiaError): void;
}

interface Queued extends Pending {
  text: string;
  id: number;
  timer: unknown;
}

/** WebSocket.OPEN, read as a number so any WebSocket implementation will do. */
const OPEN = 1;

export const NOT_CONNECTED =
  "Premia's host is not connected; try again once the connection is back (Premia reconnects by itself).";
const LOST =
  "The connection to Premia's host was lost before it answered. Premia reconnects by itself and then shows what the host holds.";
const UNREACHABLE = 'Premia cannot be reached: is `premia serve` still running?';
const CLOSED = 'This connection to Premia has been closed.';

export function createWebSocketClient(
  url: string,
  options: WebSocketClientOptions = {},
): WebSocketClient {
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const timers = options.timers ?? browserTimers;
  const retryInitialMs = options.retryInitialMs ?? 250;
  const retryMaxMs = options.retryMaxMs ?? 5_000;
  const queueTimeoutMs = options.queueTimeoutMs ?? 15_000;

  const listeners = new Set<(event: PremiaEvent) => void>();
  const pending = new Map<number, Pending>();
  let queue: Queued[] = [];
  let socket: WebSocket | null = null;
  /** Whether the host has spoken on the current socket: only then does the backoff start over. */
  let proven = false;
  /** Whether any connection has been lost or failed: the next one that opens is a reconnect. */
  let everLost = false;
  let closed = false;
  let retryTimer: unknown = null;
  let nextId = 1;

  const connection = createConnectionStore(
    {
      status: 'connecting',
      since: timers.now(),
      lastConnectedAt: null,
      retryAt: null,
      failures: 0,
      reconnects: 0,
      problem: null,
    },
    () => retryNow(),
  );
  const update = (change: Partial<ConnectionState>) =>
    connection.set({ ...connection.state(), ...change });

  function deliver(event: PremiaEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One failing view must not keep the event from the others.
        console.error('A Premia event listener failed:', error);
      }
    }
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if (!proven) {
      proven = true;
      if (connection.state().failures !== 0) update({ failures: 0 });
    }
    if ('method' in message && message.method === 'event' && 'params' in message) {
      deliver(message.params as PremiaEvent);
      return;
    }
    if (!('id' in message) || typeof message.id !== 'number') return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if ('error' in message) call.reject(errorFromRpc(message.error));
    else call.resolve('result' in message ? message.result : undefined);
  }

  function send(call: Pending & { id: number; text: string }): void {
    pending.set(call.id, call);
    socket?.send(call.text);
  }

  function flushQueue(): void {
    const waiting = queue;
    queue = [];
    for (const call of waiting) {
      timers.clearTimeout(call.timer);
      send(call);
    }
  }

  function failAll(inFlight: string, queued: string): void {
    const calls = [...pending.values()];
    pending.clear();
    const waiting = queue;
    queue = [];
    for (const call of calls) call.reject(new PremiaError('offline', inFlight));
    for (const call of waiting) {
      timers.clearTimeout(call.timer);
      call.reject(new PremiaError('offline', queued));
    }
  }

  function connect(): void {
    retryTimer = null;
    if (connection.state().status === 'disconnected') update({ retryAt: null });
    const ws = new Socket(url);
    socket = ws;
    proven = false;
    ws.onopen = () => {
      if (socket !== ws) return;
      const now = timers.now();
      const before = connection.state();
      connection.set({
        ...before,
        status: 'connected',
        since: now,
        lastConnectedAt: now,
        retryAt: null,
        reconnects: before.reconnects + (everLost ? 1 : 0),
      });
      flushQueue();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (socket === ws) receive(event.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      lost();
    };
    // An error is always followed by a close, which does the work.
    ws.onerror = () => undefined;
  }

  function lost(): void {
    everLost = true;
    const before = connection.state();
    const now = timers.now();
    const delay = Math.min(retryMaxMs, retryInitialMs * 2 ** before.failures);
    connection.set({
      ...before,
      status: 'disconnected',
      since: before.status === 'disconnected' ? before.since : now,
      retryAt: now + delay,
      failures: before.failures + 1,
    });
    failAll(LOST, NOT_CONNECTED);
    retryTimer = timers.setTimeout(connect, delay);
  }

  function retryNow(): void {
    if (closed || retryTimer === null) return;
    timers.clearTimeout(retryTimer);
    connect();
  }

  function call(method: ApiMethod, input: unknown): Promise<unknown> {
    if (closed) return Promise.reject(new PremiaError('offline', CLOSED));
    const status = connection.state().status;
    if (status === 'disconnected' || (status === 'connected' && socket?.readyState !== OPEN)) {
      return Promise.reject(new PremiaError('offline', NOT_CONNECTED));
    }
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const text = JSON.stringify({ jsonrpc: '2.0', id, method, params: input });
      if (status === 'connected') {
        send({ id, text, resolve, reject });
        return;
      }
      const timer = timers.setTimeout(() => {
        queue = queue.filter((q) => q.id !== id);
        reject(new PremiaError('offline', UNREACHABLE));
      }, queueTimeoutMs);
      queue.push({ id, text, resolve, reject, timer });
    });
  }

  function close(): void {
    if (closed) return;
    closed = true;
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    retryTimer = null;
    failAll(CLOSED, CLOSED);
    const ws = socket;
    socket = null;
    ws?.close(1000);
    update({ status: 'closed', since: timers.now(), retryAt: null });
  }

  const client: Record<string, unknown> = {};
  for (const method of API_METHODS) client[method] = (input?: unknown) => call(method, input);
  client['onEvent'] = (listener: (event: PremiaEvent) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  client['connection'] = connection;
  client['close'] = close;

  connect();
  return client as unknown as WebSocketClient;
}
