// The window's security posture: hardened web preferences, a strict CSP, no navigation, no new
// windows, no permissions, and the rule for which URL counts as our renderer.
import type { BrowserWindowConstructorOptions } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { APP_INDEX_URL } from './app-protocol';

export function buildWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Premia',
    // Shown on `ready-to-show` so the user never sees an empty frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/** Where the renderer comes from: the built page on the app's own origin, or a dev server. */
export type RendererSource = { kind: 'app'; url: string } | { kind: 'dev'; url: string };

/** A dev server on this machine (what `electron-vite dev` starts), or null for anything else. */
function loopbackHttpUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * `ELECTRON_RENDERER_URL` counts only in a development build: a production build loads its own files
 * whatever the environment says, so nothing outside the app can put another page behind its API.
 */
export function chooseRendererSource(
  devServerUrl: string | undefined,
  isDevelopmentBuild: boolean,
): RendererSource {
  const dev = isDevelopmentBuild ? loopbackHttpUrl(devServerUrl) : null;
  return dev ? { kind: 'dev', url: dev } : { kind: 'app', url: APP_INDEX_URL };
}

/** Whether a frame's URL is our renderer page (any hash or query allowed, nothing else). */
export function isRendererUrl(source: RendererSource, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const expected = new URL(source.url);
  if (source.kind === 'dev') {
    return parsed.protocol === expected.protocol && parsed.host === expected.host;
  }
  // The app's scheme is not one the URL standard knows, so its origin reads as opaque: compare parts.
  return (
    parsed.protocol === expected.protocol &&
    parsed.host === expected.host &&
    (parsed.pathname === expected.pathname || parsed.pathname === '/')
  );
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of WebContents whose navigation the guard shuts. */
export interface NavigableContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-attach-webview',
    listener: (event: PreventableEvent) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The app is a single page: any navigation, redirect, webview or new window is refused. */
export function denyNavigation(contents: NavigableContents): void {
  const refuse = (event: PreventableEvent) => event.preventDefault();
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', refuse);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

type Headers = Record<string, string[]>;

/** The parts of Electron's Session the hardening touches. */
export interface SessionLike {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Headers },
        callback: (response: { responseHeaders?: Headers }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/**
 * Puts the CSP on every HTTP response (the dev server's; the app's own scheme sends it itself),
 * replacing any the response carried, and grants no permission.
 */
export function hardenSession(session: SessionLike): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Headers = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
