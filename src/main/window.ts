// The window's security posture: hardened web preferences, a strict CSP, no navigation, no new
// windows, no permissions, and the rule for which URL counts as our renderer.
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

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

/** Where the renderer comes from: the built page, or the dev server while developing. */
export type RendererSource = { kind: 'file'; path: string } | { kind: 'dev'; url: string };

export function chooseRendererSource(
  builtIndexPath: string,
  devServerUrl: string | undefined,
  isPackaged: boolean,
): RendererSource {
  if (!isPackaged && devServerUrl) return { kind: 'dev', url: devServerUrl };
  return { kind: 'file', path: builtIndexPath };
}

/** Whether a frame's URL is our renderer page (any hash or query allowed, nothing else). */
export function isRendererUrl(source: RendererSource, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (source.kind === 'dev') return parsed.origin === new URL(source.url).origin;
  parsed.hash = '';
  parsed.search = '';
  return parsed.href === pathToFileURL(source.path).href;
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

/** Adds the CSP to every response, replacing any the response carried, and grants no permission. */
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
