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

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows scripts and connections only from the app itself', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
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

describe('isRendererUrl', () => {
  const built = chooseRendererSource('/opt/premia/out/renderer/index.html', undefined, false);

  it('accepts the built page with any hash', () => {
    expect(isRendererUrl(built, 'file:///opt/premia/out/renderer/index.html')).toBe(true);
    expect(isRendererUrl(built, 'file:///opt/premia/out/renderer/index.html#page=strategy')).toBe(
      true,
    );
  });

  it('refuses other files, other schemes and garbage', () => {
    expect(isRendererUrl(built, 'file:///opt/premia/out/renderer/other.html')).toBe(false);
    expect(isRendererUrl(built, 'file:///tmp/index.html')).toBe(false);
    expect(isRendererUrl(built, 'https://example.com/index.html')).toBe(false);
    expect(isRendererUrl(built, 'not a url')).toBe(false);
  });

  it('uses the dev server, by origin, only while the app is not packaged', () => {
    const dev = chooseRendererSource('/x/index.html', 'http://localhost:5173/', false);
    expect(dev).toEqual({ kind: 'dev', url: 'http://localhost:5173/' });
    expect(isRendererUrl(dev, 'http://localhost:5173/#page=calculator')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(chooseRendererSource('/x/index.html', 'http://localhost:5173/', true)).toEqual({
      kind: 'file',
      path: '/x/index.html',
    });
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
