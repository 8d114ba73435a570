// The one way the renderer reaches the API: Electron's `window.premia` when the preload provided it,
// the headless host's WebSocket otherwise. Nothing else in the UI knows which host it runs in.
import type { ApiMethod, PremiaClient, PremiaEvent } from '../../../shared/api';
import { API_METHODS } from '../../../shared/api';
import { PremiaError, errorPayloadSchema } from '../../../shared/errors';
import { RPC_PATH } from '../../../shared/rpc';
import type { AppClient, ConnectionState } from './connection';
import { fixedConnection } from './connection';
import type { WebSocketClientOptions } from './ws-client';
import { createWebSocketClient } from './ws-client';

const TOKEN_KEY = 'premia.token';

/** What the choice of client reads from the page. */
export interface ClientEnvironment {
  premia?: PremiaClient | undefined;
  location: { protocol: string; host: string; hash: string };
  /** Remembers the token for this tab, so a reload or a hash rewrite does not lose it. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

/**
 * The preload rejects with the app's ErrorPayload as a plain object, since the context bridge copies
 * an Error with its message only; this rebuilds the PremiaError on this side of the bridge.
 */
function errorFromBridge(reason: unknown): PremiaError {
  if (reason instanceof PremiaError) return reason;
  const payload = errorPayloadSchema.safeParse(reason);
  if (payload.success) return PremiaError.fromPayload(payload.data);
  return new PremiaError('internal', 'Premia could not complete the request.');
}

/** A connection that is what it is for the life of the page, as of page load. */
function steady(status: 'connected' | 'closed', problem: string | null = null): ConnectionState {
  const now = Date.now();
  return {
    status,
    since: now,
    lastConnectedAt: status === 'connected' ? now : null,
    retryAt: null,
    failures: 0,
    reconnects: 0,
    problem,
  };
}

/** Electron's IPC cannot drop while the window lives: its connection is always up. */
export function clientFromBridge(bridge: PremiaClient): AppClient {
  const client: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    const call = bridge[method] as (input?: unknown) => Promise<unknown>;
    client[method] = (input?: unknown) =>
      call(input).catch((reason: unknown) => {
        throw errorFromBridge(reason);
      });
  }
  client['onEvent'] = (listener: (event: PremiaEvent) => void) => bridge.onEvent(listener);
  client['connection'] = fixedConnection(steady('connected'));
  return client as unknown as AppClient;
}

/** The access token from the hash (`#token=…`, beside any other entries), else the one remembered. */
export function readToken(env: ClientEnvironment): string | null {
  const hash = env.location.hash.startsWith('#') ? env.location.hash.slice(1) : env.location.hash;
  const fromHash = new URLSearchParams(hash).get('token');
  try {
    if (fromHash) {
      env.storage?.setItem(TOKEN_KEY, fromHash);
      return fromHash;
    }
    return env.storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    // Storage can be switched off; the hash alone still works.
    return fromHash || null;
  }
}

export function socketUrl(env: ClientEnvironment, token: string): string {
  const scheme = env.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${env.location.host}${RPC_PATH}?token=${encodeURIComponent(token)}`;
}

/** A client whose every call fails with the same error, for a page that cannot reach the API. */
function refusingClient(error: PremiaError): AppClient {
  const client: Record<string, unknown> = {};
  for (const method of API_METHODS as ApiMethod[]) client[method] = () => Promise.reject(error);
  client['onEvent'] = () => () => undefined;
  client['connection'] = fixedConnection(steady('closed', error.message));
  return client as unknown as AppClient;
}

export function chooseClient(
  env: ClientEnvironment,
  options: WebSocketClientOptions = {},
): AppClient {
  if (env.premia) return clientFromBridge(env.premia);
  if (!env.location.host) {
    return refusingClient(
      new PremiaError('unavailable', 'Premia is not running behind this page.'),
    );
  }
  const token = readToken(env);
  if (!token) {
    return refusingClient(
      new PremiaError(
        'auth',
        'This page was opened without its access token: open the full address that premia serve printed, including the part after #.',
      ),
    );
  }
  return createWebSocketClient(socketUrl(env, token), options);
}

let current: AppClient | null = null;

export function getClient(): AppClient {
  current ??= chooseClient({
    premia: window.premia,
    location: window.location,
    storage: safeSessionStorage(),
  });
  return current;
}

function safeSessionStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
