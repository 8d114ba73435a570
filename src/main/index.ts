// The Electron shell: one instance, one hardened window on the app's own origin, and the services in
// a utility process of their own (polling, ccxt, the stores and the demo market never hold this
// process's event loop, so the window stays responsive). A quit waits for the services to close.
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  session,
  utilityProcess,
} from 'electron';
import { defaultDataDir } from '../services/data-dir';
import { createLogger, logLevelFromEnv } from '../services/logger';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, answerAppRequest } from './app-protocol';
import { forwardEvents, registerApi } from './ipc';
import { safeStorageHandlers } from './main-requests';
import { notificationHandler } from './notifications';
import type { ServicesClient } from './services-client';
import { connectServices } from './services-client';
import { RESTART_BUTTONS, describeServicesCrash, describeServicesStop } from './services-stop';
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
const servicesEntryPath = fileURLToPath(new URL('./services.js', import.meta.url));
/** How long a quit waits for the services to flush their stores and release the data folder. */
const SERVICES_CLOSE_TIMEOUT_MS = 10_000;

const windows = new Set<BrowserWindow>();
const logger = createLogger({ level: logLevelFromEnv(process.env, 'warn'), scope: 'main' });

/** A window, shown once it has painted and the services are open (a failed start shows no window). */
function createWindow(source: RendererSource, servicesOpen: Promise<void>): BrowserWindow {
  const win = new BrowserWindow(buildWindowOptions(preloadPath));
  windows.add(win);
  const painted = new Promise<void>((resolve) => win.once('ready-to-show', () => resolve()));
  Promise.all([painted, servicesOpen]).then(
    () => {
      if (!win.isDestroyed()) win.show();
    },
    () => undefined,
  );
  win.on('closed', () => windows.delete(win));
  win
    .loadURL(source.url)
    .catch((error: unknown) => logger.error('the window could not load the app', error));
  return win;
}

function focus(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.focus();
}

/** The services process stopped while the app ran: say so, and offer to start Premia again. */
function servicesStopped(code: number): void {
  logger.error(`the services process stopped unexpectedly (exit code ${code})`);
  const told = describeServicesCrash(code);
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    title: told.title,
    message: told.message,
    buttons: [...RESTART_BUTTONS],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (choice === 0) app.relaunch();
  app.exit(1);
}

function quitAfterServicesClose(services: ServicesClient): void {
  services
    .close(SERVICES_CLOSE_TIMEOUT_MS)
    .then((stop) => {
      const told = describeServicesStop(stop);
      if (told === null) return 0;
      logger.error(`the services did not close cleanly (${stop.kind})`);
      dialog.showErrorBox(told.title, told.message);
      return 1;
    })
    .catch((error: unknown) => {
      logger.error('the services did not close cleanly', error);
      return 1;
    })
    .then((code) => app.exit(code));
}

async function start(): Promise<void> {
  // Every web contents, not only our window's, is barred from navigating and opening windows.
  app.on('web-contents-created', (_event, contents) => denyNavigation(contents));
  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(rendererDir, request));

  const child = utilityProcess.fork(servicesEntryPath, [], {
    serviceName: 'Premia services',
    stdio: 'inherit',
  });
  const services = connectServices({
    child,
    handlers: {
      ...safeStorageHandlers(safeStorage, process.platform),
      ...notificationHandler(Notification, () => {
        const [win] = windows;
        if (win) focus(win);
      }),
    },
    log: (message, detail) => logger.error(message, detail),
  });
  const servicesOpen = services.open({ dataDir: defaultDataDir(), version: app.getVersion() });

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
    else createWindow(source, servicesOpen);
  });
  app.on('activate', () => {
    if (windows.size === 0) createWindow(source, servicesOpen);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    // Quit waits until the services have flushed their stores and released the data folder (if
    // they are still opening, they finish that first).
    event.preventDefault();
    quitting = true;
    stopEvents();
    unregister();
    quitAfterServicesClose(services);
  });

  // The page loads while the services open; its first calls wait for them.
  createWindow(source, servicesOpen);
  try {
    await servicesOpen;
  } catch (error) {
    child.kill();
    throw error;
  }
  // From here on a stop is a crash; one while opening was the failed start told above.
  services.onUnexpectedExit(servicesStopped);
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
