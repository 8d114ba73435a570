// The headless host's network face: the built renderer over HTTP and the API over a JSON-RPC
// WebSocket, on 127.0.0.1 only.
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { PremiaError } from '../shared/errors';
import { isLoopbackHost } from '../shared/loopback';
import { checkHandshake } from './handshake';
import { DEFAULT_HOST_LIMITS, type HostLimits } from './host-limits';
import { answerRpc, eventMessage, refuseRpc } from '../shared/rpc-answer';
import { SECURITY_HEADERS, sendText, serveStatic } from './static-files';
import { createToken } from '../services/access-token';
import { WrongTokenThrottle } from '../services/wrong-token-throttle';

export const LOOPBACK = '127.0.0.1';

/** The parts of the app's services the server carries. */
export interface ApiHost {
  api: PremiaApi;
  onEvent(listener: (event: PremiaEvent) => void): () => void;
}

export interface ServerOptions {
  services: ApiHost;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Given by tests; a fresh random token otherwise. */
  token?: string;
  /** Failures that are not the app's own errors; never sent to a client. */
  log?: (message: string, error: unknown) => void;
  /** Told each time a page opens its API socket (so after it has loaded and painted). */
  onClientConnected?: () => void;
  /** Bounds on the load taken; the defaults unless a test sets smaller ones. */
  limits?: Partial<HostLimits>;
  /** The clock wrong tokens are paced by (default Date.now). */
  now?: () => number;
}

export interface RunningServer {
  readonly port: number;
  readonly token: string;
  /** The address to open in a browser, token included (in the fragment, which is never sent). */
  readonly url: string;
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 1000;

function refuseUpgrade(
  socket: Duplex,
  status: number,
  reason: string,
  headers: Record<string, string> = {},
): void {
  const body = `${reason}\n`;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? reason}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries({ ...SECURITY_HEADERS, ...headers }).map(
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

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? createToken();
  const log = options.log ?? (() => undefined);
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS, ...options.limits };
  const throttle = new WrongTokenThrottle(
    limits.wrongTokenBurst,
    limits.wrongTokenIntervalMs,
    options.now ?? Date.now,
  );
  const clients = new Set<WebSocket>();
  let port = options.port;

  const http = createServer((req, res) => {
    if (!isLoopbackHost(req.headers.host, port)) {
      sendText(res, 403, 'Forbidden host\n');
      return;
    }
    serveStatic(options.rendererDir, req, res).catch((error: unknown) => {
      log('serving a file failed', error);
      if (!res.headersSent) sendText(res, 500, 'Internal error\n');
      else res.destroy();
    });
  });

  // Node drops a connection past this at once; upgraded sockets stay counted until they close.
  http.maxConnections = limits.maxConnections;

  const sockets = new WebSocketServer({
    noServer: true,
    // A larger message closes its socket with 1009 (message too big) before it is buffered whole.
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = checkHandshake(req, port, token, throttle);
    if (refusal) {
      const headers: Record<string, string> =
        refusal.status === 429 ? { 'Retry-After': String(refusal.retryAfterSeconds) } : {};
      refuseUpgrade(socket, refusal.status, refusal.reason, headers);
      return;
    }
    if (clients.size >= limits.maxClients) {
      refuseUpgrade(
        socket,
        503,
        `Too many open connections to Premia (${limits.maxClients}): close one of its tabs and try again`,
      );
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  const busy = new PremiaError(
    'rate-limited',
    `Too many requests at once on this connection (${limits.maxPendingPerClient} waiting): wait for answers before sending more.`,
  );

  sockets.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    options.onClientConnected?.();
    let pending = 0;
    const reply = (message: unknown) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    };
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      if (pending >= limits.maxPendingPerClient) {
        reply(refuseRpc(text, busy));
        return;
      }
      pending++;
      void answerRpc(options.services.api, text, { log }).then((answer) => {
        pending--;
        reply(answer);
      });
    });
  });

  const stopEvents = options.services.onEvent((event) => {
    const text = eventMessage(event);
    for (const ws of clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, LOOPBACK, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    stopEvents();
    throw error;
  }
  const address = http.address();
  if (address === null || typeof address === 'string')
    throw new Error('the server has no TCP address');
  port = address.port;

  let closing: Promise<void> | null = null;
  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/#token=${token}`,
    close() {
      closing ??= (async () => {
        stopEvents();
        await Promise.all([...clients].map(closeGracefully));
        sockets.close();
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
