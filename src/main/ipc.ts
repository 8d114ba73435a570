// The IPC bridge: every API method as one `ipcMain.handle` channel that trusts only our own window's
// main frame, validates its input with the method's schema and answers with a result envelope.
import type { ApiMethod, PremiaApi, PremiaEvent } from '../shared/api';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX } from '../shared/api';
import type { IpcResult } from '../shared/dispatch';
import { callApi, parseApiInput } from '../shared/dispatch';
import type { ErrorPayload } from '../shared/errors';
import { PremiaError, toErrorPayload } from '../shared/errors';

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly frameToken: string;
  readonly detached?: boolean;
}

/** The parts of Electron's WebContents the bridge uses. */
export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface InvokeEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, input?: unknown) => Promise<IpcResult>,
  ): void;
  removeHandler(channel: string): void;
}

export interface RegisterApiOptions {
  /** True for the web contents of a window this app created. */
  isOurWebContents(contents: WebContentsLike): boolean;
  /** True when a URL is our renderer's page (the built index.html or the dev server). */
  isRendererUrl(url: string): boolean;
  /** Where failures that are not the app's own errors are recorded; never shown to the renderer. */
  log?: (message: string, error: unknown) => void;
}

const REFUSED: ErrorPayload = { code: 'auth', message: 'This page may not use the Premia API.' };

/** Whether an invoke comes from the main frame of one of our windows, showing our renderer. */
export function isTrustedSender(event: InvokeEventLike, options: RegisterApiOptions): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.detached === true || frame.parent !== null) return false;
    if (!options.isOurWebContents(event.sender)) return false;
    if (event.sender.mainFrame.frameToken !== frame.frameToken) return false;
    return options.isRendererUrl(frame.url);
  } catch {
    // A frame destroyed mid-check throws on access: it is not a sender we can vouch for.
    return false;
  }
}

/** Validates one method's input and calls the API, answering with an envelope rather than throwing. */
export type { IpcResult };

export async function invokeApi(
  api: PremiaApi,
  method: ApiMethod,
  input: unknown,
): Promise<IpcResult> {
  const parsed = parseApiInput(method, input);
  if (!parsed.ok) return { ok: false, error: parsed.error.toPayload() };
  return { ok: true, value: await callApi(api, method, parsed.input) };
}

/** Registers a handler for every API method; returns a function that removes them all. */
export function registerApi(
  ipcMain: IpcMainLike,
  api: PremiaApi,
  options: RegisterApiOptions,
): () => void {
  const channels = API_METHODS.map((method) => {
    const channel = IPC_INVOKE_PREFIX + method;
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrustedSender(event, options)) return { ok: false, error: REFUSED };
      try {
        return await invokeApi(api, method, input);
      } catch (error) {
        if (!(error instanceof PremiaError)) options.log?.(`${method} failed`, error);
        return { ok: false, error: toErrorPayload(error) };
      }
    });
    return channel;
  });
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Sends every app event to the windows currently open; returns the unsubscribe. */
export function forwardEvents(
  subscribe: (listener: (event: PremiaEvent) => void) => () => void,
  targets: () => Iterable<WebContentsLike>,
): () => void {
  return subscribe((event) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
    }
  });
}
