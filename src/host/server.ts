// The headless host's network face: the built renderer over HTTP and the API over a JSON-RPC
// WebSocket, on 127.0.0.1 only.
import { createServer } from 'node:http';
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { isLoopbackHost } from '../shared/loopback';
import { checkHandshake } from './handshake';
import { DEFAULT_HOST_LIMITS, type HostLimits } from './host-limits';
import { eventMessage } from '../shared/rpc-answer';
import { SECURITY_HEADERS, sendText, serveStatic } from './static-files';
import { createToken } from '../services/access-token';
import { closeHttp, listenOn } from '../services/http-listen';
import { serveRpcSockets } from '../services/rpc-sockets';
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

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? createToken();
  const log = options.log ?? (() => undefined);
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS, ...options.limits };
  const throttle = new WrongTokenThrottle(
    limits.wrongTokenBurst,
    limits.wrongTokenIntervalMs,
    options.now ?? Date.now,
  );
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

  const sockets = serveRpcSockets({
    http,
    api: options.services.api,
    limits,
    check(req) {
      const refusal = checkHandshake(req, port, token, throttle);
      if (refusal?.status !== 429) return refusal;
      const headers = { 'Retry-After': String(refusal.retryAfterSeconds) };
      return { status: refusal.status, reason: refusal.reason, headers };
    },
    tooManyClients: `Too many open connections to Premia (${limits.maxClients}): close one of its tabs and try again`,
    refusalHeaders: SECURITY_HEADERS,
    log,
    onConnected: options.onClientConnected,
  });

  const stopEvents = options.services.onEvent((event) => sockets.broadcast(eventMessage(event)));

  try {
    port = await listenOn(http, options.port, LOOPBACK);
  } catch (error) {
    stopEvents();
    throw error;
  }

  let closing: Promise<void> | null = null;
  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/#token=${token}`,
    close() {
      closing ??= (async () => {
        stopEvents();
        await sockets.close();
        await closeHttp(http);
      })();
      return closing;
    },
  };
}
