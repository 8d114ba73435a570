import { describe, expect, it } from 'vitest';
import type { PremiaClient, PremiaEvent } from '../../../shared/api';
import { API_METHODS } from '../../../shared/api';
import { PremiaError } from '../../../shared/errors';
import type { ClientEnvironment } from './client';
import { chooseClient, readToken, socketUrl } from './client';
import type { WebSocketConstructor } from './ws-client';

const TOKEN = 'ab'.repeat(32);

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

function env(hash: string, extra: Partial<ClientEnvironment> = {}): ClientEnvironment {
  return {
    location: { protocol: 'http:', host: '127.0.0.1:4780', hash },
    storage: memoryStorage(),
    ...extra,
  };
}

/** A bridge as the preload builds it: methods reject with a plain ErrorPayload object. */
function fakeBridge(
  reason: unknown,
): PremiaClient & { listeners: Array<(e: PremiaEvent) => void> } {
  const listeners: Array<(e: PremiaEvent) => void> = [];
  const bridge: Record<string, unknown> = { listeners };
  for (const method of API_METHODS) bridge[method] = () => Promise.reject(reason);
  bridge['onEvent'] = (listener: (e: PremiaEvent) => void) => {
    listeners.push(listener);
    return () => undefined;
  };
  return bridge as unknown as PremiaClient & { listeners: Array<(e: PremiaEvent) => void> };
}

/** Records the URL a WebSocket was opened with and never connects. */
function recordingSocket(urls: string[]): WebSocketConstructor {
  return class {
    onopen = null;
    onclose = null;
    onerror = null;
    onmessage = null;
    readyState = 0;
    constructor(url: string) {
      urls.push(url);
    }
    send() {}
    close() {}
  } as unknown as WebSocketConstructor;
}

describe('readToken', () => {
  it('reads the token from the hash, beside other entries', () => {
    expect(readToken(env(`#token=${TOKEN}`))).toBe(TOKEN);
    expect(readToken(env(`#page=strategy&token=${TOKEN}`))).toBe(TOKEN);
  });

  it('remembers the token for the tab when the hash no longer has it', () => {
    const storage = memoryStorage();
    expect(readToken(env(`#token=${TOKEN}`, { storage }))).toBe(TOKEN);
    expect(readToken(env('#page=calculator', { storage }))).toBe(TOKEN);
  });

  it('returns null when neither the hash nor the tab has a token', () => {
    expect(readToken(env('#page=calculator'))).toBeNull();
  });

  it('still reads the hash when storage refuses to work', () => {
    const broken = {
      getItem: () => {
        throw new Error('storage disabled');
      },
      setItem: () => {
        throw new Error('storage disabled');
      },
    };
    expect(readToken(env(`#token=${TOKEN}`, { storage: broken }))).toBe(TOKEN);
    expect(readToken(env('', { storage: broken }))).toBeNull();
  });
});

describe('socketUrl', () => {
  it('points at the API path of the page host, with the token', () => {
    expect(socketUrl(env(''), TOKEN)).toBe(`ws://127.0.0.1:4780/rpc?token=${TOKEN}`);
    const secure = env('', { location: { protocol: 'https:', host: 'box:443', hash: '' } });
    expect(socketUrl(secure, 'x')).toBe('wss://box:443/rpc?token=x');
  });
});

describe('chooseClient', () => {
  it("uses Electron's bridge when the preload set one, turning its payload rejections into PremiaErrors", async () => {
    const bridge = fakeBridge({ code: 'stale', message: 'Prices are old' });
    const client = chooseClient(env('', { premia: bridge }));
    const error: unknown = await client.getSnapshot().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PremiaError);
    expect(error).toMatchObject({ code: 'stale', message: 'Prices are old' });
  });

  it('turns any other bridge rejection into an internal PremiaError', async () => {
    const client = chooseClient(
      env('', { premia: fakeBridge(new Error('copied across the bridge')) }),
    );
    await expect(client.getSettings()).rejects.toMatchObject({ code: 'internal' });
  });

  it("reports Electron's bridge as connected for good", () => {
    const client = chooseClient(env('', { premia: fakeBridge(null) }));
    expect(client.connection.state()).toMatchObject({ status: 'connected', reconnects: 0 });
  });

  it("passes the bridge's events through", () => {
    const bridge = fakeBridge(null);
    const heard: PremiaEvent[] = [];
    chooseClient(env('', { premia: bridge })).onEvent((e) => heard.push(e));
    const event: PremiaEvent = {
      type: 'notice',
      notice: { id: 'n', level: 'info', message: 'm', at: 1 },
    };
    bridge.listeners.forEach((l) => l(event));
    expect(heard).toEqual([event]);
  });

  it('opens the WebSocket with the token from the hash when there is no bridge', () => {
    const urls: string[] = [];
    const client = chooseClient(env(`#token=${TOKEN}&page=strategy`), {
      WebSocket: recordingSocket(urls),
    });
    expect(urls).toEqual([`ws://127.0.0.1:4780/rpc?token=${TOKEN}`]);
    expect(client.connection.state().status).toBe('connecting');
    (client as unknown as { close(): void }).close();
  });

  it('refuses every call with an auth error when the page has no token', async () => {
    const urls: string[] = [];
    const client = chooseClient(env('#page=strategy'), { WebSocket: recordingSocket(urls) });
    await expect(client.getSettings()).rejects.toMatchObject({ code: 'auth' });
    expect(urls).toEqual([]);
    expect(client.connection.state()).toMatchObject({
      status: 'closed',
      problem: expect.stringContaining('without its access token'),
    });
  });
});
