// Builds `window.premia` from an ipcRenderer: the API's named methods and an event subscription.
import type { PremiaClient, PremiaEvent } from '../shared/api';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX } from '../shared/api';
import type { ErrorPayload } from '../shared/errors';
import { errorPayloadSchema } from '../shared/errors';

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const UNREADABLE: ErrorPayload = {
  code: 'internal',
  message: 'Premia answered in a form this window does not understand.',
};

const NO_ANSWER: ErrorPayload = {
  code: 'unavailable',
  message: 'Premia is not answering this window; restart the app if this persists.',
};

/**
 * Turns the main process's result envelope into the value, or a rejection carrying the app's
 * ErrorPayload. The payload is rejected as a plain object because the context bridge copies an Error
 * with its message only; the renderer's client turns the payload back into a PremiaError.
 */
export function settleResult(result: unknown): Promise<unknown> {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    if (result.ok === true && 'value' in result) return Promise.resolve(result.value);
    if (result.ok === false && 'error' in result) {
      const payload = errorPayloadSchema.safeParse(result.error);
      return Promise.reject(payload.success ? payload.data : UNREADABLE);
    }
  }
  return Promise.reject(UNREADABLE);
}

export function createPreloadClient(ipcRenderer: IpcRendererLike): PremiaClient {
  const client: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    client[method] = (input?: unknown) =>
      ipcRenderer
        .invoke(IPC_INVOKE_PREFIX + method, input)
        .then(settleResult, () => Promise.reject(NO_ANSWER));
  }
  client['onEvent'] = (listener: (event: PremiaEvent) => void) => {
    // Only the event itself reaches the page: the IPC event object carries the sender and ports.
    const relay = (_event: unknown, payload: unknown) => listener(payload as PremiaEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  };
  return Object.freeze(client) as unknown as PremiaClient;
}
