// The headless host's network face: the built renderer over HTTP and the API over a JSON-RPC
// WebSocket, on 127.0.0.1 only.
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { isLoopbackHost } from '../shared/loopback';
import { checkHandshake } from './handshake';
import { answerRpc, eventMessage } from './rpc';
import { SECURITY_HEADERS, sendText, serveStatic } from './static-files';
import { createToken } from './token';

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
}

export interface RunningServer {
  readonly port: number;
  readonly token: string;
  /** The address to open in a browser, token included (in the fragment, which is never sent). */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;
const CLOSE_GRACE_MS = 1000;

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? reason}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
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

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = checkHandshake(req, port, token);
    if (refusal) {
      refuseUpgrade(socket, refusal.status, refusal.reason);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  sockets.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    options.onClientConnected?.();
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      void answerRpc(options.services.api, text, { log }).then((reply) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(reply));
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
