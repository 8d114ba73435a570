// Who may drive the control interface over HTTP. It can move the market the app trades on, so it
// answers only when a control token was given at start, only to a client that addresses the simulator
// by its loopback name, sends no foreign Origin, presents the token and sends JSON: a request a web
// page can send blind (a form post, a text/plain fetch) carries neither the token nor that content type.
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost, isLoopbackOrigin } from '../shared/loopback';
import { secretsMatch } from './auth';
import { SIM_CONTROL_TOKEN_ENV } from './control-token';

export interface ControlRefusal {
  status: 401 | 403 | 404 | 415;
  error: string;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
  return match?.[1];
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Null when the request may reach the control routes; otherwise why it may not. */
export function checkControlAccess(
  req: IncomingMessage,
  port: number,
  token: string | null,
): ControlRefusal | null {
  if (token === null) {
    return {
      status: 404,
      error: `the control interface is off: start the simulator with a control token (${SIM_CONTROL_TOKEN_ENV}, or premia sim --control) to use it`,
    };
  }
  if (!isLoopbackHost(req.headers.host, port)) {
    return {
      status: 403,
      error: `forbidden host: address the simulator as 127.0.0.1:${port} or localhost:${port}`,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin, port)) {
    return { status: 403, error: 'forbidden origin: web pages may not drive the simulator' };
  }
  const offered = bearerToken(req.headers.authorization);
  if (offered === undefined) {
    return {
      status: 401,
      error: 'the control token is required: send it as Authorization: Bearer <token>',
    };
  }
  if (!secretsMatch(token, offered)) return { status: 401, error: 'wrong control token' };
  const method = req.method ?? 'GET';
  if (
    method !== 'GET' &&
    method !== 'HEAD' &&
    mediaType(req.headers['content-type']) !== 'application/json'
  ) {
    return { status: 415, error: 'send the control request as Content-Type: application/json' };
  }
  return null;
}
