// The API over the headless host's JSON-RPC WebSocket: calls queue while connecting, the socket comes
// back after a drop (with growing pauses), and event listeners survive reconnects.
import type { ApiMethod, PremiaClient, PremiaEvent } from '../../../shared/api';
import { API_METHODS } from '../../../shared/api';
import { PremiaError } from '../../../shared/errors';
import { errorFromRpc } from '../../../shared/rpc';

export type WebSocketConstructor = new (url: string) => WebSocket;

export interface WebSocketClientOptions {
  /** The WebSocket class; the browser's by default (tests pass another). */
  WebSocket?: WebSocketConstructor;
  /** The pause before the first reconnect; it doubles with each failure up to `retryMaxMs`. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** How long a call may wait for a connection before it fails as offline. */
  queueTimeoutMs?: number;
}

export interface WebSocketClient extends PremiaClient {
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
  timer: ReturnType<typeof setTimeout>;
}

/** WebSocket.OPEN, read as a number so any WebSocket implementation will do. */
const OPEN = 1;

const LOST = 'The connection to Premia was lost before it answered; reconnecting.';
const UNREACHABLE = 'Premia cannot be reached: is `premia serve` still running?';
const CLOSED = 'This connection to Premia has been closed.';

export function createWebSocketClient(
  url: string,
  options: WebSocketClientOptions = {},
): WebSocketClient {
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const retryInitialMs = options.retryInitialMs ?? 250;
  const retryMaxMs = options.retryMaxMs ?? 10_000;
  const queueTimeoutMs = options.queueTimeoutMs ?? 15_000;

  const listeners = new Set<(event: PremiaEvent) => void>();
  const pending = new Map<number, Pending>();
  let queue: Queued[] = [];
  let socket: WebSocket | null = null;
  let open = false;
  let closed = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;

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

  function flushQueue(): void {
    const waiting = queue;
    queue = [];
    for (const call of waiting) {
      clearTimeout(call.timer);
      send(call);
    }
  }

  function send(call: Queued): void {
    pending.set(call.id, call);
    socket?.send(call.text);
  }

  function failPending(message: string): void {
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(new PremiaError('offline', message));
  }

  function connect(): void {
    retryTimer = null;
    const ws = new Socket(url);
    socket = ws;
    ws.onopen = () => {
      open = true;
      failures = 0;
      flushQueue();
    };
    ws.onmessage = (event: MessageEvent) => receive(event.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      open = false;
      failPending(LOST);
      if (closed) return;
      const delay = Math.min(retryMaxMs, retryInitialMs * 2 ** failures);
      failures += 1;
      retryTimer = setTimeout(connect, delay);
    };
    // An error is always followed by a close, which does the work.
    ws.onerror = () => undefined;
  }

  function call(method: ApiMethod, input: unknown): Promise<unknown> {
    if (closed) return Promise.reject(new PremiaError('offline', CLOSED));
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const text = JSON.stringify({ jsonrpc: '2.0', id, method, params: input });
      if (open && socket?.readyState === OPEN) {
        pending.set(id, { resolve, reject });
        socket.send(text);
        return;
      }
      const timer = setTimeout(() => {
        queue = queue.filter((q) => q.id !== id);
        reject(new PremiaError('offline', UNREACHABLE));
      }, queueTimeoutMs);
      queue.push({ id, text, resolve, reject, timer });
    });
  }

  const client: Record<string, unknown> = {};
  for (const method of API_METHODS) client[method] = (input?: unknown) => call(method, input);
  client['onEvent'] = (listener: (event: PremiaEvent) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  client['close'] = () => {
    if (closed) return;
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    for (const queued of queue) {
      clearTimeout(queued.timer);
      queued.reject(new PremiaError('offline', CLOSED));
    }
    queue = [];
    failPending(CLOSED);
    socket?.close(1000);
    socket = null;
    open = false;
  };

  connect();
  return client as unknown as WebSocketClient;
}
