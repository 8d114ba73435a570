// The CLI's end of the app link: reads `app-link.json` from the data folder a running Premia holds and
// asks that Premia's API over the loopback socket it names.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { API_METHODS } from '../shared/api';
import { PremiaError } from '../shared/errors';
import { RPC_ERRORS, rpcFailure } from '../shared/rpc';
import { EVENT_NOTIFICATION } from '../shared/services-protocol';
import { createRpcPeer } from '../shared/rpc-peer';
import type { AppLinkFile } from './app-link';
import {
  APP_LINK_EVENTS,
  APP_LINK_FILE,
  APP_LINK_TOKEN_HEADER,
  appLinkFileSchema,
  appLinkUrl,
} from './app-link';
import { isMissing } from './file-problems';

export interface AppLinkConnection {
  api: PremiaApi;
  /** Hears the events the running Premia sends down its link; returns the function that stops. */
  onEvent(listener: (event: PremiaEvent) => void): () => void;
  /** The running Premia's version, as its link file gives it. */
  version: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** The process that holds the folder's lock: a link file written by another is stale. */
  holderPid?: number;
  /** How long opening the socket may take (default 5 s). */
  timeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** An event of a type the link sends; its fields are the running Premia's own, trusted as its answers are. */
function isEvent(params: unknown): params is PremiaEvent {
  if (typeof params !== 'object' || params === null || !('type' in params)) return false;
  return APP_LINK_EVENTS.has((params as { type: PremiaEvent['type'] }).type);
}

/** The one refusal every failure to reach the running Premia ends in, with what went wrong. */
export function linkUnanswered(reason: string): PremiaError {
  return new PremiaError(
    'unavailable',
    `Premia is running on this data folder but does not answer; ${reason}. Try again in a moment; if this persists, close that Premia (the desktop app or premia serve) and run the command again.`,
  );
}

/** The link file, or a refusal saying why it cannot be used. */
export async function readAppLinkFile(dataDir: string): Promise<AppLinkFile> {
  const path = join(dataDir, APP_LINK_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error))
      throw linkUnanswered(`${path} is missing (it may still be starting, or be an older Premia)`);
    throw linkUnanswered(`${path} cannot be read`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const file = appLinkFileSchema.safeParse(parsed);
  if (!file.success) throw linkUnanswered(`${path} is damaged`);
  return file.data;
}

function open(file: AppLinkFile, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(appLinkUrl(file.port), {
      headers: { [APP_LINK_TOKEN_HEADER]: file.token },
      handshakeTimeout: timeoutMs,
      perMessageDeflate: false,
    });
    const fail = (reason: string) => {
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      reject(linkUnanswered(reason));
    };
    ws.once('open', () => {
      ws.removeAllListeners('error');
      ws.removeAllListeners('unexpected-response');
      resolve(ws);
    });
    ws.once('unexpected-response', (_req, res) => {
      fail(
        res.statusCode === 401
          ? `its link refused the token in ${APP_LINK_FILE}, which is left from an earlier launch`
          : `its link answered ${res.statusCode ?? 'without a status'}`,
      );
    });
    ws.once('error', (error: Error) => {
      const code = (error as NodeJS.ErrnoException).code;
      fail(
        code === 'ECONNREFUSED'
          ? `nothing listens on the port in ${APP_LINK_FILE}, which is left from an earlier launch`
          : `its link could not be opened (${error.message})`,
      );
    });
  });
}

/** Connects to the Premia that holds `dataDir`; the API it gives asks that Premia. */
export async function connectAppLink(
  dataDir: string,
  options: ConnectOptions = {},
): Promise<AppLinkConnection> {
  const file = await readAppLinkFile(dataDir);
  if (options.holderPid !== undefined && file.pid !== options.holderPid) {
    throw linkUnanswered(
      `${APP_LINK_FILE} was written by process ${file.pid}, not by process ${options.holderPid} that holds the folder`,
    );
  }
  const ws = await open(file, options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
  const listeners = new Set<(event: PremiaEvent) => void>();
  const peer = createRpcPeer({
    post: (message) => {
      if (ws.readyState !== WebSocket.OPEN) throw new Error('the link is closed');
      ws.send(JSON.stringify(message));
    },
    // The running app asks the CLI nothing.
    answer: (request) =>
      Promise.resolve(
        rpcFailure(request.id, RPC_ERRORS.methodNotFound, `Method not found: ${request.method}`),
      ),
    notified: (method, params) => {
      if (method !== EVENT_NOTIFICATION || !isEvent(params)) return;
      for (const listener of [...listeners]) listener(params);
    },
  });
  ws.on('message', (data) => {
    try {
      peer.receive(JSON.parse(data.toString()));
    } catch {
      // Not JSON: nothing waits for it.
    }
  });
  ws.on('error', () => undefined);
  ws.on('close', () =>
    peer.stop(
      new PremiaError('unavailable', 'The running Premia closed its link before answering.'),
    ),
  );

  const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) api[method] = (input) => peer.request(method, input);

  let closing: Promise<void> | null = null;
  return {
    api: api as unknown as PremiaApi,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    version: file.version,
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close(1000, 'done');
      });
      return closing;
    },
  };
}
