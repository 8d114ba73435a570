// The services' side of the desktop app's services process, spoken to over an in-memory channel the
// way main speaks to it: a JSON-RPC peer at the other end.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PremiaEvent } from '../shared/api';
import { PremiaError } from '../shared/errors';
import { fakeApi } from '../shared/fake-api';
import type { RpcReply, RpcRequest } from '../shared/rpc';
import { RPC_ERRORS } from '../shared/rpc';
import { createRpcPeer } from '../shared/rpc-peer';
import type { ServicesOpenParams } from '../shared/services-protocol';
import { SERVICES_CLOSE, SERVICES_OPEN } from '../shared/services-protocol';
import { createAppServices } from './app-services';
import { LOCK_FILE, acquireDataLock } from './data-lock';
import { createLogger, silentLogger } from './logger';
import type { OpenServices, RunningServices } from './services-process';
import { serveServices } from './services-process';
import { delivered, fakeServices, linkedProcess } from './test-channel';

const OPEN: ServicesOpenParams = { dataDir: '/nowhere', version: '1.2.3', market: 'off' };

type MainAnswer = (request: RpcRequest) => Promise<RpcReply>;

/** The services process with `open`, and main's end of the channel. */
function setup(open: OpenServices, answerMain?: MainAnswer) {
  const link = linkedProcess();
  const notified: Array<[string, unknown]> = [];
  const main = createRpcPeer({
    post: (message) => link.child.postMessage(message),
    answer:
      answerMain ??
      (async (request) => ({
        jsonrpc: '2.0',
        id: request.id,
        result: { available: true, backend: 'keychain' },
      })),
    notified: (method, params) => void notified.push([method, params]),
  });
  link.child.on('message', (message) => main.receive(message));
  const served = serveServices({ channel: link.channel, open, logger: silentLogger });
  return { link, main, notified, served };
}

const notice: PremiaEvent = {
  type: 'notice',
  notice: { id: 'n1', level: 'info', message: 'hello', at: 1 },
};

describe('serveServices', () => {
  it('answers the API with the shared dispatch once main has opened the services', async () => {
    const getSnapshot = vi.fn(async () => null);
    const fake = fakeServices(fakeApi({ getSnapshot }));
    const open = vi.fn(async () => fake.services);
    const { main } = setup(open);
    await expect(main.request(SERVICES_OPEN, OPEN)).resolves.toBeNull();
    expect(open).toHaveBeenCalledWith(OPEN, expect.any(Function));
    await expect(main.request('getSnapshot')).resolves.toBeNull();
    await expect(main.request('getSettings', { sneaky: true })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(main.request('constructor')).rejects.toMatchObject({
      message: 'Method not found: constructor',
    });
  });

  it('refuses an API call before main has asked it to open', async () => {
    const { main } = setup(async () => fakeServices().services);
    await expect(main.request('getAppInfo')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('still starting'),
    });
  });

  it('holds a call made while the services open until they are open', async () => {
    let finishOpening: (services: RunningServices) => void = () => undefined;
    const opening = new Promise<RunningServices>((resolve) => (finishOpening = resolve));
    const { main } = setup(() => opening);
    const opened = main.request(SERVICES_OPEN, OPEN);
    const answer = main.request('getSnapshot');
    await delivered();
    let settled = false;
    void answer.then(() => (settled = true));
    await delivered();
    expect(settled).toBe(false);
    finishOpening(fakeServices(fakeApi({ getSnapshot: async () => null })).services);
    await expect(opened).resolves.toBeNull();
    await expect(answer).resolves.toBeNull();
  });

  it('sends every event of the services to main as an event notification', async () => {
    const fake = fakeServices();
    const { main, notified } = setup(async () => fake.services);
    await main.request(SERVICES_OPEN, OPEN);
    fake.emit(notice);
    await delivered();
    expect(notified).toEqual([['event', notice]]);
  });

  it('answers the close request only once the services have closed, and sends no event after it', async () => {
    const fake = fakeServices();
    let finishClosing: () => void = () => undefined;
    fake.close.mockImplementation(() => new Promise<void>((resolve) => (finishClosing = resolve)));
    const { main, notified } = setup(async () => fake.services);
    await main.request(SERVICES_OPEN, OPEN);
    let answered = false;
    const closing = main.request(SERVICES_CLOSE).then(() => (answered = true));
    await delivered();
    expect(fake.close).toHaveBeenCalledOnce();
    expect(answered).toBe(false);
    fake.emit(notice);
    finishClosing();
    await closing;
    expect(answered).toBe(true);
    expect(notified).toEqual([]);
    await expect(main.request('getSnapshot')).rejects.toMatchObject({
      code: 'unavailable',
      message: 'Premia is shutting down.',
    });
  });

  it('closes services that were still opening when main asked it to close', async () => {
    let finishOpening: (services: RunningServices) => void = () => undefined;
    const fake = fakeServices();
    const { main } = setup(() => new Promise((resolve) => (finishOpening = resolve)));
    const opened = main.request(SERVICES_OPEN, OPEN);
    const closed = main.request(SERVICES_CLOSE);
    await delivered();
    expect(fake.close).not.toHaveBeenCalled();
    finishOpening(fake.services);
    await closed;
    await opened;
    expect(fake.close).toHaveBeenCalledOnce();
  });

  it('closes the services once, whether main asks or the process closes them itself', async () => {
    const fake = fakeServices();
    const { main, served } = setup(async () => fake.services);
    await main.request(SERVICES_OPEN, OPEN);
    await Promise.all([main.request(SERVICES_CLOSE), served.close()]);
    expect(fake.close).toHaveBeenCalledOnce();
  });

  it('refuses open params that are not the protocol’s, and a second open', async () => {
    const { main } = setup(async () => fakeServices().services);
    await expect(main.request(SERVICES_OPEN, { dataDir: '' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await main.request(SERVICES_OPEN, OPEN);
    await expect(main.request(SERVICES_OPEN, OPEN)).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('answers a failed open without its details, and later calls as unable to start', async () => {
    const lines: string[] = [];
    const link = linkedProcess();
    const main = createRpcPeer({
      post: (m) => link.child.postMessage(m),
      answer: async (r) => ({ jsonrpc: '2.0', id: r.id, result: null }),
    });
    link.child.on('message', (m) => main.receive(m));
    serveServices({
      channel: link.channel,
      open: () => Promise.reject(new Error('EACCES: /home/someone/.config/Premia')),
      logger: createLogger({ level: 'error', write: (line) => void lines.push(line) }),
    });
    const failure = await main.request(SERVICES_OPEN, OPEN).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'internal' });
    expect((failure as PremiaError).message).not.toContain('/home/someone');
    expect(lines.join('')).toContain('EACCES');
    await expect(main.request('getAppInfo')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('could not start'),
    });
  });

  it('asks main how exchange keys could be stored once open, and checks the answer', async () => {
    const asked: RpcRequest[] = [];
    const { main, served } = setup(
      async () => fakeServices().services,
      async (request) => {
        asked.push(request);
        return {
          jsonrpc: '2.0',
          id: request.id,
          result: { available: true, backend: 'gnome_libsecret' },
        };
      },
    );
    await main.request(SERVICES_OPEN, OPEN);
    await delivered();
    expect(asked.map((r) => r.method)).toEqual(['main.safeStorageStatus']);
    await expect(served.askMain('safeStorageStatus')).resolves.toEqual({
      available: true,
      backend: 'gnome_libsecret',
    });
  });

  it('refuses an answer from main that is not what the method returns', async () => {
    const { served } = setup(
      async () => fakeServices().services,
      async (request) => ({ jsonrpc: '2.0', id: request.id, result: { available: 'yes' } }),
    );
    await expect(served.askMain('safeStorageStatus')).rejects.toThrow();
  });

  it('carries main’s refusal of a request back as its PremiaError', async () => {
    const { served } = setup(
      async () => fakeServices().services,
      async (request) => ({
        jsonrpc: '2.0',
        id: request.id,
        error: {
          code: RPC_ERRORS.app,
          message: 'Not yet',
          data: { code: 'unavailable', message: 'Not yet' },
        },
      }),
    );
    await expect(served.askMain('safeStorageStatus')).rejects.toEqual(
      new PremiaError('unavailable', 'Not yet'),
    );
  });
});

describe('serveServices with the app services', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'premia-services-process-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const openAppServices: OpenServices = (params) =>
    createAppServices({
      dataDir: params.dataDir,
      host: 'electron',
      version: params.version,
      logger: silentLogger,
      market: { start: params.market ?? 'auto' },
    });

  it('answers an open refused by the data folder’s lock in the lock’s own words', async () => {
    const held = await acquireDataLock(dir);
    try {
      const { main } = setup(openAppServices);
      const failure = await main
        .request(SERVICES_OPEN, { ...OPEN, dataDir: dir })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(PremiaError);
      expect(failure).toMatchObject({
        code: 'unavailable',
        message: expect.stringContaining('Another Premia is using this data folder'),
      });
    } finally {
      await held.release();
    }
  });

  it('releases the data folder before it answers the close request', async () => {
    const { main } = setup(openAppServices);
    await main.request(SERVICES_OPEN, { ...OPEN, dataDir: dir });
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    await expect(main.request('getAppInfo')).resolves.toMatchObject({
      host: 'electron',
      version: '1.2.3',
    });
    await main.request(SERVICES_CLOSE);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
