// Main's side of the services process, against the real services side joined in memory (or a bare
// fake process where the test is about the process itself), with fake app services and timers.
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../core/defaults';
import type { PremiaEvent } from '../shared/api';
import { IPC_INVOKE_PREFIX } from '../shared/api';
import { PremiaError } from '../shared/errors';
import { fakeApi } from '../shared/fake-api';
import type { ServicesOpenParams } from '../shared/services-protocol';
import { SERVICES_CLOSE } from '../shared/services-protocol';
import type { OpenServices } from '../services/services-process';
import { serveServices } from '../services/services-process';
import { silentLogger } from '../services/logger';
import { delivered, fakeServices, linkedProcess } from '../services/test-channel';
import type { InvokeEventLike, IpcMainLike, IpcResult } from './ipc';
import { registerApi } from './ipc';
import { fakeSafeStorage, withoutNotifications } from './fake-safe-storage';
import type { MainHandlers } from './main-requests';
import { safeStorageHandlers } from './main-requests';
import { manualTimers } from '../shared/manual-timers';
import type { Timers } from './services-client';
import { connectServices } from './services-client';
import { describeStartupFailure } from './startup-failure';

const OPEN: ServicesOpenParams = { dataDir: '/data', version: '1.0.0' };

const handlers: MainHandlers = withoutNotifications(
  safeStorageHandlers(fakeSafeStorage(), 'darwin'),
);

/** Main's client and the real services side, joined in memory. */
function setup(open: OpenServices, options: { timers?: Timers; handlers?: MainHandlers } = {}) {
  const link = linkedProcess();
  const served = serveServices({ channel: link.channel, open, logger: silentLogger });
  const client = connectServices({
    child: link.child,
    handlers: options.handlers ?? handlers,
    ...(options.timers ? { timers: options.timers } : {}),
  });
  return { link, served, client };
}

const notice: PremiaEvent = {
  type: 'notice',
  notice: { id: 'n1', level: 'warning', message: 'careful', at: 5 },
};

describe('connectServices', () => {
  it('forwards API calls to the services process and returns their answers', async () => {
    const saved = defaultSettings();
    const updateSettings = vi.fn(async () => saved);
    const fake = fakeServices(fakeApi({ getSnapshot: async () => null, updateSettings }));
    const { client } = setup(async () => fake.services);
    await client.open(OPEN);
    await expect(client.api.getSnapshot()).resolves.toBeNull();
    await expect(
      client.api.updateSettings({ market: { refreshIntervalMs: 5000 } }),
    ).resolves.toEqual(saved);
    expect(updateSettings).toHaveBeenCalledWith({ market: { refreshIntervalMs: 5000 } });
  });

  it('carries a renderer call through main’s IPC handler, sender check included, and back', async () => {
    const fake = fakeServices(fakeApi({ dismissNotice: async () => undefined }));
    const { client } = setup(async () => fake.services);
    await client.open(OPEN);
    const handlersByChannel = new Map<
      string,
      (event: InvokeEventLike, input?: unknown) => Promise<IpcResult>
    >();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => void handlersByChannel.set(channel, listener),
      removeHandler: (channel) => void handlersByChannel.delete(channel),
    };
    const frame = { url: 'premia://app/index.html', frameToken: 't', parent: null };
    const sender = { id: 1, mainFrame: frame, isDestroyed: () => false, send: () => undefined };
    registerApi(ipcMain, client.api, {
      isOurWebContents: (contents) => contents.id === 1,
      isRendererUrl: (url) => url.startsWith('premia://app/'),
    });
    const invoke = handlersByChannel.get(IPC_INVOKE_PREFIX + 'dismissNotice')!;
    await expect(invoke({ sender, senderFrame: frame }, 'n-1')).resolves.toEqual({
      ok: true,
      value: null,
    });
    const stranger = { ...frame, url: 'https://example.com/' };
    await expect(
      invoke({ sender: { ...sender, mainFrame: stranger }, senderFrame: stranger }, 'n-1'),
    ).resolves.toMatchObject({ ok: false, error: { code: 'auth' } });
  });

  it('passes the services’ events on to its listeners, and drops one of no known type', async () => {
    const fake = fakeServices();
    const { client, link } = setup(async () => fake.services);
    const heard: PremiaEvent[] = [];
    client.onEvent((event) => heard.push(event));
    await client.open(OPEN);
    fake.emit(notice);
    link.channel.post({ jsonrpc: '2.0', method: 'event', params: { type: 'format-disk' } });
    await delivered();
    expect(heard).toEqual([notice]);
  });

  it('rejects the open with the services’ own error, so a held data folder is told as such', async () => {
    const lockMessage = 'Another Premia is using this data folder (process 4242): close it first.';
    const { client } = setup(() => Promise.reject(new PremiaError('unavailable', lockMessage)));
    const failure = await client.open(OPEN).catch((e: unknown) => e);
    expect(failure).toEqual(new PremiaError('unavailable', lockMessage));
    expect(describeStartupFailure(failure)).toMatchObject({
      title: 'Premia is already running',
      message: lockMessage,
    });
  });

  it('rejects the open as a failed start, not a held folder, when the process dies while starting', async () => {
    const { client, link } = setup(() => new Promise(() => undefined));
    const opening = client.open(OPEN).catch((e: unknown) => e);
    await delivered();
    link.exit(3);
    const failure = await opening;
    expect(failure).toMatchObject({
      code: 'internal',
      message: expect.stringContaining('exit code 3'),
    });
    expect(describeStartupFailure(failure).title).toBe('Premia could not start');
  });

  it('answers the services’ question about key storage with main’s own handler', async () => {
    const safeStorageStatus = vi.fn(() => ({ available: false, backend: 'basic_text' }));
    const { client, served } = setup(async () => fakeServices().services, {
      handlers: { ...handlers, safeStorageStatus },
    });
    await client.open(OPEN);
    await expect(served.askMain('safeStorageStatus')).resolves.toEqual({
      available: false,
      backend: 'basic_text',
    });
    expect(safeStorageStatus).toHaveBeenCalled();
  });

  it('closes by asking, waiting for the answer, then ending the process', async () => {
    const fake = fakeServices();
    let finishClosing: () => void = () => undefined;
    fake.close.mockImplementation(() => new Promise<void>((resolve) => (finishClosing = resolve)));
    const clock = manualTimers();
    const { client, link } = setup(async () => fake.services, { timers: clock.timers });
    const unexpected = vi.fn();
    client.onUnexpectedExit(unexpected);
    await client.open(OPEN);
    const closing = client.close(10_000);
    await delivered();
    expect(link.toServices).toContainEqual(expect.objectContaining({ method: SERVICES_CLOSE }));
    expect(link.killed).toBe(false);
    finishClosing();
    await expect(closing).resolves.toEqual({ kind: 'closed' });
    expect(link.killed).toBe(true);
    expect(clock.waiting()).toHaveLength(0);
    await delivered();
    expect(unexpected).not.toHaveBeenCalled();
    await expect(client.close(10_000)).resolves.toEqual({ kind: 'closed' });
  });

  it('stops waiting at the timeout and ends the process', async () => {
    const fake = fakeServices();
    fake.close.mockImplementation(() => new Promise<void>(() => undefined));
    const clock = manualTimers();
    const { client, link } = setup(async () => fake.services, { timers: clock.timers });
    await client.open(OPEN);
    const closing = client.close(10_000);
    await delivered();
    expect(link.killed).toBe(false);
    clock.advance(9_999);
    await delivered();
    expect(link.killed).toBe(false);
    clock.advance(1);
    await expect(closing).resolves.toEqual({ kind: 'timed-out', afterMs: 10_000 });
    expect(link.killed).toBe(true);
  });

  it('says so when the process dies while closing', async () => {
    const fake = fakeServices();
    fake.close.mockImplementation(() => new Promise<void>(() => undefined));
    const clock = manualTimers();
    const { client, link } = setup(async () => fake.services, { timers: clock.timers });
    await client.open(OPEN);
    const closing = client.close(10_000);
    await delivered();
    link.exit(134);
    await expect(closing).resolves.toEqual({ kind: 'exited', code: 134 });
    expect(link.killed).toBe(false);
    expect(clock.waiting()).toHaveLength(0);
  });

  it('tells of a process that stops while the app runs, and fails waiting and later calls plainly', async () => {
    const fake = fakeServices(fakeApi({ getSnapshot: () => new Promise(() => undefined) }));
    const { client, link } = setup(async () => fake.services);
    const unexpected = vi.fn();
    client.onUnexpectedExit(unexpected);
    await client.open(OPEN);
    const waiting = client.api.getSnapshot();
    await delivered();
    link.exit(9);
    await expect(waiting).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('stopped'),
    });
    expect(unexpected).toHaveBeenCalledExactlyOnceWith(9);
    await expect(client.api.getAppInfo()).rejects.toMatchObject({ code: 'unavailable' });
    await expect(client.close(10_000)).resolves.toEqual({ kind: 'exited', code: 9 });
  });
});
