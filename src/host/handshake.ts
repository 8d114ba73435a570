// Who may open the API socket: our page on this machine, with this launch's token.
import type { IncomingMessage } from 'node:http';
import { RPC_PATH } from '../shared/rpc';
import { tokensMatch } from './token';

/** The origins our own page is served from. */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * Whether a Host header names this server. Checking it stops a foreign site that rebinds its DNS name
 * to 127.0.0.1 from reading the server's answers as its own.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return (
    host !== undefined && [`127.0.0.1:${port}`, `localhost:${port}`].includes(host.toLowerCase())
  );
}

export type HandshakeRefusal = { status: 401 | 403 | 404; reason: string };

/** Null when the upgrade may proceed; otherwise the HTTP status to refuse it with. */
export function checkHandshake(
  req: IncomingMessage,
  port: number,
  token: string,
): HandshakeRefusal | null {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== RPC_PATH) return { status: 404, reason: 'Not found' };
  if (!isAllowedHost(req.headers.host, port)) return { status: 403, reason: 'Forbidden host' };
  // Browsers always send Origin with a WebSocket; other local clients (tests, scripts) may omit it.
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).includes(origin.toLowerCase())) {
    return { status: 403, reason: 'Forbidden origin' };
  }
  if (!tokensMatch(token, url.searchParams.get('token')))
    return { status: 401, reason: 'Unauthorized' };
  return null;
}
