// Main's side of the services process: the API forwarded to it, its events heard, its requests to
// main answered, and the handshake that closes it before the app quits. The process itself is
// Electron's utilityProcess; here it is anything shaped like one, so fakes can stand in for it.
import type { ApiMethod, PremiaApi, PremiaEvent } from '../shared/api';
import { API_METHODS } from '../shared/api';
import { PremiaError, toErrorPayload } from '../shared/errors';
import type { RpcPeer } from '../shared/rpc-peer';
import { createRpcPeer } from '../shared/rpc-peer';
import type { ServicesOpenParams } from '../shared/services-protocol';
import {
  EVENT_NOTIFICATION,
  SERVICES_CLOSE,
  SERVICES_OPEN,
  premiaEventSchema,
} from '../shared/services-protocol';
import type { MainHandlers } from './main-requests';
import { answerMainRequest } from './main-requests';

/** The parts of Electron's UtilityProcess main uses. */
export interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How asking the services to close ended. Anything but `closed` may have cut a write short. */
export type ServicesStop =
  | { kind: 'closed' }
  | { kind: 'timed-out'; afterMs: number }
  | { kind: 'exited'; code: number }
  | { kind: 'failed'; error: PremiaError };

export interface ServicesClient {
  /** Every API method, answered by the services process. */
  readonly api: PremiaApi;
  onEvent(listener: (event: PremiaEvent) => void): () => void;
  /** Opens the services; rejects with their PremiaError (the data folder's lock refused, say). */
  open(params: ServicesOpenParams): Promise<void>;
  /**
   * Asks the services to close their stores and release the data folder, then ends the process.
   * Settles within `timeoutMs`, whatever the services do.
   */
  close(timeoutMs: number): Promise<ServicesStop>;
  /** Told once when the process ends without having been asked to close. */
  onUnexpectedExit(listener: (code: number) => void): () => void;
}

export interface ServicesClientOptions {
  child: UtilityProcessLike;
  /** What the services may ask of main. */
  handlers: MainHandlers;
  timers?: Timers;
  /** Failures not shown to the renderer: unreadable messages, handler faults. */
  log?: (message: string, detail?: unknown) => void;
}

const STOPPED = "Premia's background services have stopped; restart Premia to continue.";

export function connectServices(options: ServicesClientOptions): ServicesClient {
  const { child } = options;
  const timers = options.timers ?? realTimers;
  const log = options.log ?? (() => undefined);
  const listeners = new Set<(event: PremiaEvent) => void>();
  const exitListeners = new Set<(code: number) => void>();
  let state: 'running' | 'closing' | 'exited' = 'running';
  let exitCode: number | null = null;
  let exited: (code: number) => void = () => undefined;
  const exitedPromise = new Promise<number>((resolve) => (exited = resolve));
  let closing: Promise<ServicesStop> | null = null;
  // Read through a function: the state changes in callbacks, where narrowing cannot follow it.
  const hasExited = (): boolean => state === 'exited';

  const deliver = (params: unknown): void => {
    const parsed = premiaEventSchema.safeParse(params);
    if (!parsed.success) {
      log('an event of no known type from the services was dropped');
      return;
    }
    // The type is checked; the rest of the event is the services' own output, passed on as it came.
    const event = parsed.data as unknown as PremiaEvent;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        log(`a listener failed on a '${event.type}' event`, error);
      }
    }
  };

  const peer: RpcPeer = createRpcPeer({
    post: (message) => child.postMessage(message),
    answer: (request) => answerMainRequest(options.handlers, request, log),
    notified: (method, params) => {
      if (method === EVENT_NOTIFICATION) deliver(params);
      else log(`an unknown notification from the services was ignored: ${method}`);
    },
    log,
  });

  child.on('message', (message) => peer.receive(message));
  child.on('exit', (code) => {
    if (state === 'exited') return;
    const expected = state === 'closing';
    state = 'exited';
    exitCode = code;
    peer.stop(new PremiaError('unavailable', STOPPED));
    exited(code);
    if (expected) return;
    for (const listener of [...exitListeners]) {
      try {
        listener(code);
      } catch (error) {
        log('a listener failed on the services stopping', error);
      }
    }
  });

  const api: Record<string, unknown> = {};
  for (const method of API_METHODS as ApiMethod[]) {
    api[method] = (input?: unknown) => peer.request(method, input);
  }

  return {
    api: api as unknown as PremiaApi,

    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async open(params) {
      try {
        await peer.request(SERVICES_OPEN, params);
      } catch (error) {
        if (hasExited()) {
          // Not `unavailable`: that code is kept for the data folder held by another Premia.
          throw new PremiaError(
            'internal',
            `Premia's background services stopped while starting (exit code ${exitCode}); see the log for details.`,
          );
        }
        throw error;
      }
    },

    close(timeoutMs) {
      closing ??= (async (): Promise<ServicesStop> => {
        if (state === 'exited') return { kind: 'exited', code: exitCode ?? -1 };
        state = 'closing';
        let timer: unknown = null;
        const outcome = await Promise.race<ServicesStop>([
          peer.request(SERVICES_CLOSE).then(
            (): ServicesStop => ({ kind: 'closed' }),
            (error: unknown): ServicesStop =>
              hasExited()
                ? { kind: 'exited', code: exitCode ?? -1 }
                : {
                    kind: 'failed',
                    // Its message is shown to the user: only the app's own words, never a raw error.
                    error: PremiaError.fromPayload(toErrorPayload(error)),
                  },
          ),
          exitedPromise.then((code): ServicesStop => ({ kind: 'exited', code })),
          new Promise<ServicesStop>((resolve) => {
            timer = timers.setTimeout(
              () => resolve({ kind: 'timed-out', afterMs: timeoutMs }),
              timeoutMs,
            );
          }),
        ]);
        timers.clearTimeout(timer);
        // Closed: nothing is left to write. Timed out or failed: it will not finish on its own.
        if (!hasExited()) child.kill();
        return outcome;
      })();
      return closing;
    },

    onUnexpectedExit(listener) {
      exitListeners.add(listener);
      return () => {
        exitListeners.delete(listener);
      };
    },
  };
}
