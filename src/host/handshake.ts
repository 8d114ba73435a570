// Who may open the API socket: our page on this machine, with this launch's token.
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost, isLoopbackOrigin } from '../shared/loopback';
import { RPC_PATH } from '../shared/rpc';
import { tokensMatch } from './token';

export type HandshakeRefusal = { status: 401 | 403 | 404; reason: string };

/** Null when the upgrade may proceed; otherwise the HTTP status to refuse it with. */
export function checkHandshake(
  req: IncomingMessage,
  port: number,
  token: string,
): HandshakeRefusal | null {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== RPC_PATH) return { status: 404, reason: 'Not found' };
  if (!isLoopbackHost(req.headers.host, port)) return { status: 403, reason: 'Forbidden host' };
  // Browsers always send Origin with a WebSocket; other local clients (tests, scripts) may omit it.
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin, port)) {
    return { status: 403, reason: 'Forbidden origin' };
  }
  if (!tokensMatch(token, url.searchParams.get('token')))
    return { status: 401, reason: 'Unauthorized' };
  return null;
}
