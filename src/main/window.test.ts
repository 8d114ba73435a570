import { describe, expect, it, vi } from 'vitest';
import type { NavigableContents, SessionLike } from './window';
import {
  buildWindowOptions,
  chooseRendererSource,
  denyNavigation,
  hardenSession,
  isRendererUrl,
} from './window';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { APP_INDEX_URL } from './app-protocol';

describe('buildWindowOptions', () => {
  it('isolates and sandboxes the renderer, with no Node and web security on', () => {
    const prefs = buildWindowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('keeps the window hidden until it is ready to show', () => {
    expect(buildWindowOptions('/p.cjs').show).toBe(false);
  });
});

type Listener = (event: { preventDefault(): void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: NavigableContents = {
    on: (event, listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler) => {
      openHandler = handler;
    },
  };
  return { contents, listeners, open: (url: string) => openHandler?.({ url }) };
}

describe('denyNavigation', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const { contents, listeners } = fakeContents();
    denyNavigation(contents);
    const preventDefault = vi.fn();
    listeners.get(name)?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every new window', () => {
    const { contents, open } = fakeContents();
    denyNavigation(contents);
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('file:///opt/premia/out/renderer/index.html')).toEqual({ action: 'deny' });
  });
});

describe('chooseRendererSource', () => {
  it('loads the built page from the app scheme', () => {
    expect(chooseRendererSource(undefined, false)).toEqual({ kind: 'app', url: APP_INDEX_URL });
    expect(chooseRendererSource(undefined, true)).toEqual({ kind: 'app', url: APP_INDEX_URL });
  });

  it('follows ELECTRON_RENDERER_URL in a development build', () => {
    expect(chooseRendererSource('http://localhost:5173/', true)).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
    });
  });

  it('ignores ELECTRON_RENDERER_URL in a production build, packaged or not', () => {
    expect(chooseRendererSource('http://localhost:5173/', false)).toEqual({
      kind: 'app',
      url: APP_INDEX_URL,
    });
  });

  it('ignores a dev server address that is not plain http on this machine', () => {
    for (const url of [
      'https://example.com/',
      'http://192.168.1.4:5173/',
      'file:///tmp/x.html',
      'nonsense',
    ]) {
      expect(chooseRendererSource(url, true)).toEqual({ kind: 'app', url: APP_INDEX_URL });
    }
  });
});

describe('isRendererUrl', () => {
  const built = chooseRendererSource(undefined, false);

  it('accepts the built page on the app scheme with any hash', () => {
    expect(isRendererUrl(built, 'premia://app/index.html')).toBe(true);
    expect(isRendererUrl(built, 'premia://app/index.html#page=strategy')).toBe(true);
  });

  it('refuses other pages, other hosts, files and garbage', () => {
    expect(isRendererUrl(built, 'premia://app/other.html')).toBe(false);
    expect(isRendererUrl(built, 'premia://other/index.html')).toBe(false);
    expect(isRendererUrl(built, 'file:///opt/premia/out/renderer/index.html')).toBe(false);
    expect(isRendererUrl(built, 'https://app/index.html')).toBe(false);
    expect(isRendererUrl(built, 'not a url')).toBe(false);
  });

  it('accepts the dev server by its host and port only', () => {
    const dev = chooseRendererSource('http://localhost:5173/', true);
    expect(isRendererUrl(dev, 'http://localhost:5173/#page=calculator')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isRendererUrl(dev, 'premia://app/index.html')).toBe(false);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    let headersListener: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | null =
      null;
    let requestHandler: Parameters<SessionLike['setPermissionRequestHandler']>[0] | null = null;
    let checkHandler: (() => boolean) | null = null;
    const session: SessionLike = {
      webRequest: { onHeadersReceived: (listener) => void (headersListener = listener) },
      setPermissionRequestHandler: (handler) => void (requestHandler = handler),
      setPermissionCheckHandler: (handler) => void (checkHandler = handler),
    };
    return {
      session,
      respond(headers: Record<string, string[]>) {
        let out: Record<string, string[]> | undefined;
        headersListener?.({ responseHeaders: headers }, (r) => (out = r.responseHeaders));
        return out;
      },
      ask(permission: string) {
        let granted: boolean | undefined;
        requestHandler?.({}, permission, (g) => (granted = g));
        return granted;
      },
      check: () => checkHandler?.(),
    };
  }

  it('puts the strict CSP on every response, replacing any other', () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    const headers = fake.respond({
      'content-security-policy': ['default-src *'],
      'X-Other': ['1'],
    });
    expect(headers).toEqual({
      'X-Other': ['1'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('grants no permission', () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    expect(fake.ask('media')).toBe(false);
    expect(fake.ask('notifications')).toBe(false);
    expect(fake.check()).toBe(false);
  });
});
