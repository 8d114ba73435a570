import { describe, expect, it, vi } from 'vitest';
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX } from '../shared/api';
import { PremiaError } from '../shared/errors';
import { fakeApi } from '../shared/fake-api';
import type { FrameLike, InvokeEventLike, IpcMainLike, IpcResult, WebContentsLike } from './ipc';
import { forwardEvents, registerApi } from './ipc';

const RENDERER = 'file:///opt/premia/out/renderer/index.html';

type Handler = (event: InvokeEventLike, input?: unknown) => Promise<IpcResult>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

function frame(url: string, token: string, parent: FrameLike | null = null): FrameLike {
  return { url, frameToken: token, parent };
}

function contents(id: number, mainFrame: FrameLike): WebContentsLike & { sent: unknown[][] } {
  const sent: unknown[][] = [];
  return { id, mainFrame, sent, isDestroyed: () => false, send: (...args) => void sent.push(args) };
}

const ourMain = frame(RENDERER, 'main-1');
const ourWindow = contents(1, ourMain);

function setup(api: PremiaApi, log = vi.fn()) {
  const { ipcMain, handlers } = fakeIpcMain();
  const unregister = registerApi(ipcMain, api, {
    isOurWebContents: (c) => c.id === ourWindow.id,
    isRendererUrl: (url) => url.split('#')[0] === RENDERER,
    log,
  });
  const invoke = (method: string, event: InvokeEventLike, input?: unknown) => {
    const handler = handlers.get(IPC_INVOKE_PREFIX + method);
    if (!handler) throw new Error(`no handler for ${method}`);
    return handler(event, input);
  };
  return { invoke, handlers, unregister, log };
}

const trusted: InvokeEventLike = { sender: ourWindow, senderFrame: ourMain };

describe('registerApi', () => {
  it('registers one handler per API method and removes them all again', () => {
    const { handlers, unregister } = setup(fakeApi());
    expect([...handlers.keys()].sort()).toEqual(
      API_METHODS.map((m) => IPC_INVOKE_PREFIX + m).sort(),
    );
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('passes valid input from our window through to the API and returns its value', async () => {
    const getSnapshot = vi.fn(async () => null);
    const dismissNotice = vi.fn(async (_id: string) => undefined);
    const { invoke } = setup(fakeApi({ getSnapshot, dismissNotice }));
    await expect(invoke('getSnapshot', trusted)).resolves.toEqual({ ok: true, value: null });
    await expect(invoke('dismissNotice', trusted, 'notice-7')).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    expect(dismissNotice).toHaveBeenCalledWith('notice-7');
  });

  it('refuses a frame from a window it did not create', async () => {
    const getSnapshot = vi.fn(async () => null);
    const { invoke } = setup(fakeApi({ getSnapshot }));
    const strangerFrame = frame(RENDERER, 'other-1');
    const result = await invoke('getSnapshot', {
      sender: contents(99, strangerFrame),
      senderFrame: strangerFrame,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'auth' } });
    expect(getSnapshot).not.toHaveBeenCalled();
  });

  it('refuses our window when it shows a page that is not the renderer', async () => {
    const getSnapshot = vi.fn(async () => null);
    const { invoke } = setup(fakeApi({ getSnapshot }));
    const foreign = frame('https://example.com/', 'main-1');
    const result = await invoke('getSnapshot', {
      sender: contents(1, foreign),
      senderFrame: foreign,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'auth' } });
    expect(getSnapshot).not.toHaveBeenCalled();
  });

  it('refuses a subframe even when it loads the renderer page', async () => {
    const getSnapshot = vi.fn(async () => null);
    const { invoke } = setup(fakeApi({ getSnapshot }));
    const child = frame(RENDERER, 'child-1', ourMain);
    const result = await invoke('getSnapshot', { sender: ourWindow, senderFrame: child });
    expect(result).toMatchObject({ ok: false, error: { code: 'auth' } });
    expect(getSnapshot).not.toHaveBeenCalled();
  });

  it('refuses an invoke whose frame is gone', async () => {
    const { invoke } = setup(fakeApi({ getSnapshot: async () => null }));
    const result = await invoke('getSnapshot', { sender: ourWindow, senderFrame: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'auth' } });
  });

  it('refuses invalid input with an error naming the field, without calling the API', async () => {
    const evaluateQuote = vi.fn(async () => {
      throw new Error('must not be called');
    });
    const { invoke } = setup(fakeApi({ evaluateQuote }));
    const result = await invoke('evaluateQuote', trusted, {
      kind: 'future',
      spot: 100,
      futures: -5,
      daysToExpiry: 30,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'futures' } });
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error.message).toContain('Futures price');
    expect(evaluateQuote).not.toHaveBeenCalled();
  });

  it('refuses input for a method that takes none', async () => {
    const getSettings = vi.fn(async () => {
      throw new Error('must not be called');
    });
    const { invoke } = setup(fakeApi({ getSettings }));
    const result = await invoke('getSettings', trusted, { sneaky: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(getSettings).not.toHaveBeenCalled();
  });

  it('carries an app error to the renderer as it is', async () => {
    const { invoke } = setup(
      fakeApi({
        getSnapshot: () => Promise.reject(new PremiaError('stale', 'Prices are 2 minutes old')),
      }),
    );
    await expect(invoke('getSnapshot', trusted)).resolves.toEqual({
      ok: false,
      error: { code: 'stale', message: 'Prices are 2 minutes old' },
    });
  });

  it('hides the message of an unexpected error from the renderer and logs it instead', async () => {
    const failure = new Error('GET https://api.example/private?signature=abc failed');
    const { invoke, log } = setup(fakeApi({ getSnapshot: () => Promise.reject(failure) }));
    const result = await invoke('getSnapshot', trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('signature');
    expect(log).toHaveBeenCalledWith('getSnapshot failed', failure);
  });
});

describe('forwardEvents', () => {
  it('sends each event to every open window on the event channel', () => {
    let emit: (event: PremiaEvent) => void = () => undefined;
    const subscribe = (listener: (event: PremiaEvent) => void) => {
      emit = listener;
      return () => {
        emit = () => undefined;
      };
    };
    const open = contents(1, ourMain);
    const gone = { ...contents(2, frame(RENDERER, 'main-2')), isDestroyed: () => true };
    const stop = forwardEvents(subscribe, () => [open, gone]);
    const event: PremiaEvent = {
      type: 'notice',
      notice: { id: 'n1', level: 'info', message: 'hi', at: 1 },
    };
    emit(event);
    expect(open.sent).toEqual([[IPC_EVENT_CHANNEL, event]]);
    expect(gone.sent).toEqual([]);
    stop();
    emit(event);
    expect(open.sent).toHaveLength(1);
  });
});
