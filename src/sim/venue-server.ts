// One venue request from arrival to answer: injected faults first (as a network or CDN would), then
// binance's own order — rate limit, signature, the endpoint — and its error answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackHost } from '../shared/loopback';
import type { Account } from './account';
import { checkSignedRequest } from './auth';
import { findRoute, type RouteContext } from './binance-routes';
import { AnswerLost, type FaultInjector } from './faults';
import type { KeyRecord } from './key-ring';
import type { Market } from './market';
import { MAIN_ACCOUNT_ID } from './key-ring';
import type { OrderLog } from './order-log';
import type { RateLimiter } from './rate-limiter';
import { VenueError, venueErrors } from './venue-error';

export interface VenueRuntime {
  market: Market;
  /** The main account, which public requests see. */
  account: Account;
  faults: FaultInjector;
  limiter: RateLimiter;
  /** The key a request names (the start-up key or a minted one); null for none the venue issued. */
  keyOf(apiKey: string): KeyRecord | null;
  /** The account a key is bound to. */
  accountOf(key: KeyRecord): Account;
  orderLog: OrderLog;
  wallNow(): number;
  /** Resolves after `ms` of wall time (the latency fault). */
  delay(ms: number): Promise<void>;
  /** Settles the account up to market time now and returns it. */
  sync(): number;
  changed(): void;
  /** Keeps a response open until the server closes (the timeout fault). */
  hold(res: ServerResponse): void;
  onError(message: string): void;
}

const MAX_BODY = 1 << 20;

const CAPTIVE_PORTAL_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Network sign-in</title></head>
<body><h1>Welcome to the guest network</h1><p>Please accept the terms of use to continue.</p>
<form method="post" action="/login"><button>Connect</button></form></body></html>`;

function serverErrorPage(status: number): string {
  const reason =
    status === 500
      ? 'Internal Server Error'
      : status === 502
        ? 'Bad Gateway'
        : 'Service Unavailable';
  return `<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center><hr><center>CloudFront</center></body></html>`;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new VenueError(413, -1000, 'Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string>,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, JSON.stringify(body), {
    'Content-Type': 'application/json;charset=UTF-8',
    ...headers,
  });
}

/**
 * Answers 403, as a venue's CDN does for a host name it does not serve, when the request does not
 * address this simulator by its loopback name (a foreign site rebinding its DNS name to 127.0.0.1);
 * returns whether it did.
 */
export function refuseForeignHost(
  req: IncomingMessage,
  res: ServerResponse,
  port: number,
): boolean {
  if (isLoopbackHost(req.headers.host, port)) return false;
  send(
    res,
    403,
    `Forbidden host: this simulator answers to 127.0.0.1:${port} and localhost:${port}\n`,
    {
      'Content-Type': 'text/plain; charset=utf-8',
    },
  );
  return true;
}

export async function handleVenueRequest(
  runtime: VenueRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const fault = runtime.faults.faults;
  if (fault.latencyMs > 0) await runtime.delay(fault.latencyMs);
  if (fault.refuseRegion) {
    const error = venueErrors.restrictedLocation();
    sendJson(res, error.status, error.body, error.headers);
    return;
  }
  switch (runtime.faults.pick()) {
    case '429': {
      const error = venueErrors.tooManyRequests(fault.retryAfterSeconds);
      sendJson(res, error.status, error.body, error.headers);
      return;
    }
    case '5xx': {
      const status = runtime.faults.serverErrorStatus();
      send(res, status, serverErrorPage(status), { 'Content-Type': 'text/html' });
      return;
    }
    case 'timeout':
      runtime.hold(res);
      return;
    case 'html':
      send(res, 200, CAPTIVE_PORTAL_PAGE, { 'Content-Type': 'text/html; charset=utf-8' });
      return;
    default:
      break;
  }

  const method = req.method ?? 'GET';
  const route = findRoute(method, url.pathname);
  if (!route) {
    send(res, 404, '', { 'Content-Type': 'text/html' });
    return;
  }
  try {
    const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
    const rawBody = method === 'GET' ? '' : await readBody(req);
    const params = new URLSearchParams(rawQuery);
    for (const [key, value] of new URLSearchParams(rawBody)) params.append(key, value);
    const wallNow = runtime.wallNow();
    const used = runtime.limiter.charge(route.family, route.weight(params), wallNow, route.pool);
    let key: KeyRecord | null = null;
    if (route.signed) {
      const header = req.headers['x-mbx-apikey'];
      key = checkSignedRequest(
        { apiKeyHeader: Array.isArray(header) ? header[0] : header, rawQuery, rawBody, params },
        (apiKey) => runtime.keyOf(apiKey),
        wallNow,
      );
      // Binance answers a key lacking the permission as it answers an unknown key.
      if (route.permission && !key.permissions[route.permission])
        throw venueErrors.rejectedApiKey();
    }
    const now = runtime.sync();
    const ctx: RouteContext = {
      market: runtime.market,
      account: key ? runtime.accountOf(key) : runtime.account,
      key,
      accountId: key?.accountId ?? MAIN_ACCOUNT_ID,
      orderLog: runtime.orderLog,
      now,
      wallNow,
      params,
      faults: runtime.faults,
      changed: () => runtime.changed(),
    };
    const body = route.handle(ctx);
    sendJson(res, 200, body, { 'X-MBX-USED-WEIGHT-1M': String(used) });
  } catch (error) {
    if (error instanceof VenueError) {
      sendJson(res, error.status, error.body, error.headers);
      return;
    }
    if (error instanceof AnswerLost) {
      send(res, 502, serverErrorPage(502), { 'Content-Type': 'text/html' });
      return;
    }
    runtime.onError(
      `simulator: ${method} ${url.pathname} failed: ${(error as Error).stack ?? String(error)}`,
    );
    sendJson(res, 500, {
      code: -1000,
      msg: 'An unknown error occurred while processing the request.',
    });
  }
}

export { sendJson };
