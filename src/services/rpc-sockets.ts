// The API answered as JSON-RPC over WebSockets on an HTTP server's upgrades, for the headless host
// and the app link alike. Who may connect is each one's own check; what follows is the same: a cap
// on open sockets, on requests waiting on one socket and on a message's size, refusals as plain HTTP
// answers, and a close that lets each client hear why before it is cut.
import type { IncomingMessage, Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { PremiaApi } from '../shared/api';
import { PremiaError } from '../shared/errors';
import { answerRpc, refuseRpc } from '../shared/rpc-answer';

export interface UpgradeRefusal {
  status: number;
  reason: string;
  headers?: Record<string, string>;
}

export interface RpcSocketLimits {
  /** Sockets open at once; one more handshake is refused with 503. */
  maxClients: number;
  /** Requests one socket may have waiting for their answers; one more is refused as rate-limited. */
  maxPendingPerClient: number;
  /** A larger message closes its socket with 1009 (message too big) before it is buffered whole. */
  maxMessageBytes: number;
}

export interface RpcSocketOptions {
  http: Server;
  api: PremiaApi;
  limits: RpcSocketLimits;
  /** Null when the upgrade may proceed; otherwise how to refuse it. */
  check: (req: IncomingMessage) => UpgradeRefusal | null;
  /** The reason given once `maxClients` sockets are open. */
  tooManyClients: string;
  /** Headers every refusal carries. */
  refusalHeaders?: Record<string, string>;
  /** Failures that are not the app's own errors; never sent to a client. */
  log: (message: string, error: unknown) => void;
  /** Told each time a socket opens (a refused handshake is not told). */
  onConnected?: () => void;
}

export interface RpcSockets {
  /** Sends `text` to every open socket. */
  broadcast(text: string): void;
  /** Closes every socket (each told Premia is stopping) and stops taking new ones. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 1_000;

function refuseUpgrade(socket: Duplex, refusal: UpgradeRefusal, always: Record<string, string>) {
  const { status, reason } = refusal;
  const body = `${reason}\n`;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? reason}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries({ ...always, ...refusal.headers }).map(
      ([name, value]) => `${name}: ${value}`,
    ),
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

function closeGracefully(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1001, 'Premia is stopping');
  });
}

/** Starts answering `api` on the upgrades of `http` (which the caller listens with and closes). */
export function serveRpcSockets(options: RpcSocketOptions): RpcSockets {
  const { http, api, limits, log } = options;
  const clients = new Set<WebSocket>();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal =
      options.check(req) ??
      (clients.size >= limits.maxClients ? { status: 503, reason: options.tooManyClients } : null);
    if (refusal) return refuseUpgrade(socket, refusal, options.refusalHeaders ?? {});
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  const busy = new PremiaError(
    'rate-limited',
    `Too many requests at once on this connection (${limits.maxPendingPerClient} waiting): wait for answers before sending more.`,
  );

  sockets.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    options.onConnected?.();
    let pending = 0;
    const reply = (message: unknown) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    };
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      if (pending >= limits.maxPendingPerClient) return reply(refuseRpc(text, busy));
      pending++;
      void answerRpc(api, text, { log }).then((answer) => {
        pending--;
        reply(answer);
      });
    });
  });

  return {
    broadcast(text) {
      for (const ws of clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    async close() {
      await Promise.all([...clients].map(closeGracefully));
      sockets.close();
    },
  };
}
