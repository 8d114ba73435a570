// The app link: whichever Premia opens the services on a data folder (the desktop app, `premia
// serve`) also answers the API on a loopback socket, so that a CLI command run on the same folder
// asks that Premia instead of refusing the folder or opening a second, diverging copy of its state.
// The socket's port and its token are written to `app-link.json` in the data folder, readable by the
// user only: whoever can read the folder's files already holds everything the link could give.
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { rm, unlink, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { eventMessage } from '../shared/rpc-answer';
import { isLoopbackHost } from '../shared/loopback';
import { RPC_PATH } from '../shared/rpc';
import { createToken, tokensMatch } from './access-token';
import { atomicTempPath, writeFileAtomic } from './atomic-write';
import { isMissing } from './file-problems';
import { closeHttp, listenOn } from './http-listen';
import type { Logger } from './logger';
import type { UpgradeRefusal } from './rpc-sockets';
import { serveRpcSockets } from './rpc-sockets';
import { WrongTokenThrottle } from './wrong-token-throttle';

export const APP_LINK_FILE = 'app-link.json';
export const APP_LINK_HOST = '127.0.0.1';

export const appLinkFileSchema = z.object({
  port: z.number().int().min(1).max(65_535),
  token: z.string().min(32).max(256),
  pid: z.number().int().positive(),
  version: z.string().max(100),
});
export type AppLinkFile = z.infer<typeof appLinkFileSchema>;

/** Bounds on what the link takes: its clients are a person's CLI commands, one or two at a time. */
export interface AppLinkLimits {
  maxClients: number;
  maxPendingPerClient: number;
  /** Large enough for a CSV file of manual holdings (1 MB at most) in one request. */
  maxMessageBytes: number;
  wrongTokenBurst: number;
  wrongTokenIntervalMs: number;
}

export const DEFAULT_APP_LINK_LIMITS: Readonly<AppLinkLimits> = {
  maxClients: 16,
  maxPendingPerClient: 64,
  maxMessageBytes: 2 * 1024 * 1024,
  wrongTokenBurst: 10,
  wrongTokenIntervalMs: 1_000,
};

export interface AppLinkOptions {
  dataDir: string;
  api: PremiaApi;
  logger: Logger;
  /** Written for the client to show; the app's own version from `getAppInfo` when not given. */
  version?: string;
  /** Given by tests; a fresh random token otherwise. */
  token?: string;
  limits?: Partial<AppLinkLimits>;
  /** The clock wrong tokens are paced by (default Date.now). */
  now?: () => number;
  /** The services' events; those a command follows (an execution's progress) go to every client. */
  onEvent?: (listener: (event: PremiaEvent) => void) => () => void;
}

/** The events sent down the link: what a CLI command waits on, not the app's whole stream. */
export const APP_LINK_EVENTS: ReadonlySet<PremiaEvent['type']> = new Set(['execution']);

export interface AppLink {
  readonly port: number;
  /** Stops answering and removes `app-link.json`; safe to call more than once. */
  close(): Promise<void>;
}

/** The address a client opens, and the header its token travels in (never in the URL). */
export function appLinkUrl(port: number): string {
  return `ws://${APP_LINK_HOST}:${port}${RPC_PATH}`;
}
export const APP_LINK_TOKEN_HEADER = 'x-premia-token';

function checkClient(
  req: IncomingMessage,
  port: number,
  token: string,
  throttle: WrongTokenThrottle,
): UpgradeRefusal | null {
  const url = new URL(req.url ?? '/', `http://${APP_LINK_HOST}`);
  if (url.pathname !== RPC_PATH) return { status: 404, reason: 'Not found' };
  if (!isLoopbackHost(req.headers.host, port)) return { status: 403, reason: 'Forbidden host' };
  // Browsers always send Origin; the link serves local programs only, so no page may reach it.
  if (req.headers.origin !== undefined) return { status: 403, reason: 'Forbidden origin' };
  const waitMs = throttle.waitMs();
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    return {
      status: 429,
      reason: `Too many wrong tokens: try again in ${seconds} s`,
      headers: { 'Retry-After': String(seconds) },
    };
  }
  const offered = req.headers[APP_LINK_TOKEN_HEADER];
  if (!tokensMatch(token, typeof offered === 'string' ? offered : null)) {
    throttle.wrongToken();
    return { status: 401, reason: 'Unauthorized' };
  }
  return null;
}

/** Removes the link file only if it is still this link's (a later Premia may have written its own). */
async function removeOwnFile(path: string, token: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // A damaged file is nobody's link: removed all the same.
  }
  const file = appLinkFileSchema.safeParse(parsed);
  if (file.success && file.data.token !== token) return;
  await unlink(path).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
  });
}

/**
 * Starts answering `api` on a random loopback port and writes `app-link.json` (mode 0600) into the
 * data folder. Call it once the services hold the folder's lock, and close it before releasing it.
 */
export async function startAppLink(options: AppLinkOptions): Promise<AppLink> {
  const { api } = options;
  const log = options.logger.child('app-link');
  const token = options.token ?? createToken();
  const limits: AppLinkLimits = { ...DEFAULT_APP_LINK_LIMITS, ...options.limits };
  const throttle = new WrongTokenThrottle(
    limits.wrongTokenBurst,
    limits.wrongTokenIntervalMs,
    options.now ?? Date.now,
  );
  let port = 0;

  const http = createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
  });
  const sockets = serveRpcSockets({
    http,
    api,
    limits,
    check: (req) => checkClient(req, port, token, throttle),
    tooManyClients: `Too many open connections to Premia (${limits.maxClients})`,
    log: (message, error) => log.error(message, error),
  });

  port = await listenOn(http, 0, APP_LINK_HOST);

  const stopListening = async (): Promise<void> => {
    await sockets.close();
    await closeHttp(http);
  };

  const path = join(options.dataDir, APP_LINK_FILE);
  try {
    const version = options.version ?? (await api.getAppInfo()).version;
    const file: AppLinkFile = { port, token, pid: process.pid, version };
    // A temporary file left by an earlier process of the same id would keep its own permissions.
    await rm(atomicTempPath(path), { force: true });
    await writeFileAtomic(path, `${JSON.stringify(file)}\n`, { mode: 0o600 });
  } catch (error) {
    await stopListening();
    throw error;
  }
  log.debug(`answering on ${appLinkUrl(port)}`);
  const stopEvents =
    options.onEvent?.((event) => {
      if (APP_LINK_EVENTS.has(event.type)) sockets.broadcast(eventMessage(event));
    }) ?? (() => undefined);

  let closing: Promise<void> | null = null;
  return {
    port,
    close() {
      closing ??= (async () => {
        stopEvents();
        try {
          await removeOwnFile(path, token);
        } catch (error) {
          log.warn(`${APP_LINK_FILE} could not be removed`, error);
        }
        await stopListening();
      })();
      return closing;
    },
  };
}
