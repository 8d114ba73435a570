// The Electron shell: one instance, one hardened window, the services behind the IPC bridge, and a
// quit that waits for the services to close.
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog, ipcMain, protocol, session } from 'electron';
import { createAppServices } from '../services/app-services';
import type { AppServices } from '../services/app-services';
import { defaultDataDir } from '../services/data-dir';
import { createLogger, logLevelFromEnv } from '../services/logger';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, answerAppRequest } from './app-protocol';
import { forwardEvents, registerApi } from './ipc';
import { reportStartupFailure } from './startup-failure';
import type { RendererSource } from './window';
import {
  buildWindowOptions,
  chooseRendererSource,
  denyNavigation,
  hardenSession,
  isRendererUrl,
} from './window';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

const windows = new Set<BrowserWindow>();
const logger = createLogger({ level: logLevelFromEnv(process.env, 'warn'), scope: 'main' });

function createWindow(source: RendererSource): BrowserWindow {
  const win = new BrowserWindow(buildWindowOptions(preloadPath));
  windows.add(win);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => windows.delete(win));
  const loading = win.loadURL(source.url);
  loading.catch((error: unknown) => logger.error('the window could not load the app', error));
  return win;
}

function focus(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.focus();
}

async function start(): Promise<void> {
  // Every web contents, not only our window's, is barred from navigating and opening windows.
  app.on('web-contents-created', (_event, contents) => denyNavigation(contents));
  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(rendererDir, request));

  const services: AppServices = await createAppServices({
    dataDir: defaultDataDir(),
    host: 'electron',
    version: app.getVersion(),
    logger,
  });
  const source = chooseRendererSource(process.env['ELECTRON_RENDERER_URL'], import.meta.env.DEV);
  const unregister = registerApi(ipcMain, services.api, {
    isOurWebContents: (contents) => [...windows].some((w) => w.webContents.id === contents.id),
    isRendererUrl: (url) => isRendererUrl(source, url),
    log: (message, error) => logger.error(message, error),
  });
  const stopEvents = forwardEvents(
    (listener) => services.onEvent(listener),
    () => [...windows].map((w) => w.webContents),
  );

  app.on('second-instance', () => {
    const [win] = windows;
    if (win) focus(win);
    else createWindow(source);
  });
  app.on('activate', () => {
    if (windows.size === 0) createWindow(source);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    // Quit waits until the stores are flushed and the market poller has stopped.
    event.preventDefault();
    closing = true;
    stopEvents();
    unregister();
    services
      .close()
      .catch((error: unknown) => logger.error('the services did not close cleanly', error))
      .finally(() => app.exit(0));
  });

  createWindow(source);
}

// Before the app is ready, or the scheme gets no origin of its own.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    // Without a window the log is easy to miss: say it where the user is looking.
    reportStartupFailure(
      error,
      {
        showErrorBox: (title, message) => dialog.showErrorBox(title, message),
        exit: (code) => app.exit(code),
      },
      logger,
    );
  });
}
