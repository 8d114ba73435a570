// Who may open the API socket: our page on this machine, with this launch's token, tried at a pace
// that makes guessing the token hopeless.
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost, isLoopbackOrigin } from '../shared/loopback';
import { RPC_PATH } from '../shared/rpc';
import { tokensMatch } from '../services/access-token';
import type { WrongTokenThrottle } from '../services/wrong-token-throttle';

export type HandshakeRefusal =
  | { status: 401 | 403 | 404; reason: string }
  | { status: 429; reason: string; retryAfterSeconds: number };

/** Null when the upgrade may proceed; otherwise the HTTP status to refuse it with. */
export function checkHandshake(
  req: IncomingMessage,
  port: number,
  token: string,
  throttle: WrongTokenThrottle,
): HandshakeRefusal | null {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== RPC_PATH) return { status: 404, reason: 'Not found' };
  if (!isLoopbackHost(req.headers.host, port)) return { status: 403, reason: 'Forbidden host' };
  // Browsers always send Origin with a WebSocket; other local clients (tests, scripts) may omit it.
  // A foreign page is turned away here, before it can spend the tries of the token check.
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin, port)) {
    return { status: 403, reason: 'Forbidden origin' };
  }
  const waitMs = throttle.waitMs();
  if (waitMs > 0) {
    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    return {
      status: 429,
      reason: `Too many wrong tokens: try again in ${retryAfterSeconds} s`,
      retryAfterSeconds,
    };
  }
  if (!tokensMatch(token, url.searchParams.get('token'))) {
    throttle.wrongToken();
    return { status: 401, reason: 'Unauthorized' };
  }
  return null;
}
