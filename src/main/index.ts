// The Electron shell: one instance, one hardened window on the app's own origin, and the services in
// a utility process of their own (polling, ccxt, the stores and the demo market never hold this
// process's event loop, so the window stays responsive). Closing the window can leave Premia watching
// from the tray (./desktop-shell); a quit waits for the services to close. The logic lives in the
// modules imported here; this file only hands them Electron's pieces.
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  ipcMain,
  nativeImage,
  protocol,
  safeStorage,
  screen,
  session,
  utilityProcess,
} from 'electron';
import { defaultDataDir } from '../services/data-dir';
import { createLogger, logLevelFromEnv } from '../services/logger';
import { loadAppIcon, trayImage } from './app-icon';
import { installAppMenu } from './app-menu-install';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, answerAppRequest } from './app-protocol';
import { createDesktopShell } from './desktop-shell';
import { forwardEvents, registerApi } from './ipc';
import {
  autostartPath,
  electronLoginItem,
  launchCommand,
  xdgLoginItem,
  type LoginItem,
} from './login-item';
import { safeStorageHandlers } from './main-requests';
import { createWindowKeeper } from './main-window';
import { notificationHandler } from './notifications';
import { guardUnload } from './unload-guard';
import type { ServicesClient } from './services-client';
import { connectServices, realTimers } from './services-client';
import { RESTART_BUTTONS, describeServicesCrash, describeServicesStop } from './services-stop';
import { reportStartupFailure } from './startup-failure';
import { createTrayController } from './tray';
import {
  buildWindowOptions,
  chooseRendererSource,
  denyNavigation,
  hardenSession,
  isRendererUrl,
} from './window';
import type { WindowState } from './window-state';
import { placeWindow, readWindowState, trackWindowState, windowStateWriter } from './window-state';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const servicesEntryPath = fileURLToPath(new URL('./services.js', import.meta.url));
/** How long a quit waits for the services to flush their stores and release the data folder. */
const SERVICES_CLOSE_TIMEOUT_MS = 10_000;

const logger = createLogger({ level: logLevelFromEnv(process.env, 'warn'), scope: 'main' });
const dataDir = defaultDataDir();

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

function loginItem(): LoginItem {
  if (process.platform !== 'linux') return electronLoginItem(app);
  const command = launchCommand({
    execPath: process.execPath,
    appPath: app.getAppPath(),
    isPackaged: app.isPackaged,
    env: process.env,
  });
  return xdgLoginItem(autostartPath(process.env, homedir()), command);
}

async function start(): Promise<void> {
  // Every web contents, not only our window's, is barred from navigating and opening windows.
  app.on('web-contents-created', (_event, contents) => denyNavigation(contents));
  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(rendererDir, request));
  const icon = loadAppIcon((path) => nativeImage.createFromPath(path), app.getAppPath());
  const tellError = (title: string, message: string) => dialog.showErrorBox(title, message);

  const child = utilityProcess.fork(servicesEntryPath, [], {
    serviceName: 'Premia services',
    stdio: 'inherit',
  });
  // Declared before the services so that a notification's click can reach the window.
  let openAlert: (alertId: string) => void = () => undefined;
  const services = connectServices({
    child,
    handlers: {
      ...safeStorageHandlers(safeStorage, process.platform),
      ...notificationHandler(Notification, (alertId) => openAlert(alertId)),
    },
    log: (message, detail) => logger.error(message, detail),
  });
  const servicesOpen = services.open({ dataDir, version: app.getVersion() });

  let remembered: WindowState | null = await readWindowState(dataDir, logger);
  const writer = windowStateWriter(dataDir, logger);
  const source = chooseRendererSource(process.env['ELECTRON_RENDERER_URL'], import.meta.env.DEV);

  /** A window, shown once it has painted and the services are open (a failed start shows no window). */
  function createWindow(url: string): BrowserWindow {
    const place = placeWindow(
      remembered,
      screen.getAllDisplays().map((d) => d.workArea),
    );
    const win = new BrowserWindow({
      ...buildWindowOptions(preloadPath),
      ...(place.bounds ?? {}),
      ...(icon ? { icon } : {}),
    });
    guardUnload(win.webContents, (prompt) => dialog.showMessageBoxSync(win, prompt));
    trackWindowState(
      win,
      {
        save: (state) => {
          remembered = state;
          return writer.save(state);
        },
      },
      realTimers,
    );
    const painted = new Promise<void>((resolve) => win.once('ready-to-show', () => resolve()));
    Promise.all([painted, servicesOpen]).then(
      () => {
        if (win.isDestroyed()) return;
        if (place.maximized) win.maximize();
        win.show();
      },
      () => undefined,
    );
    win
      .loadURL(url)
      .catch((error: unknown) => logger.error('the window could not load the app', error));
    return win;
  }

  const keeper = createWindowKeeper({
    create: createWindow,
    baseUrl: source.url,
    log: (message, error) => logger.error(message, error),
  });
  openAlert = (alertId) => keeper.openAlert(alertId);

  installAppMenu({
    dataDir,
    development: import.meta.env.DEV,
    parent: () => keeper.current(),
    tellError,
  });

  const tray = createTrayController({
    createTray: () => new Tray(trayImage(icon, process.platform, () => nativeImage.createEmpty())),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    clickOpens: process.platform !== 'darwin',
    actions: {
      open: () => keeper.open(),
      setPaused: (paused) => {
        services.api.setMarketPaused(paused).catch((error: unknown) => {
          logger.error('polling could not be paused or resumed', error);
          tellError(
            paused ? 'Polling could not be paused' : 'Polling could not be resumed',
            error instanceof Error ? error.message : 'The services did not answer.',
          );
        });
      },
      quit: () => app.quit(),
    },
  });
  const desktop = createDesktopShell({
    platform: process.platform,
    api: services.api,
    keeper,
    tray,
    loginItem: loginItem(),
    tell: tellError,
    log: (message, error) => logger.error(message, error),
  });

  const unregister = registerApi(ipcMain, services.api, {
    isOurWebContents: (contents) => keeper.current()?.webContents.id === contents.id,
    isRendererUrl: (url) => isRendererUrl(source, url),
    log: (message, error) => logger.error(message, error),
  });
  const stopEvents = forwardEvents(
    (listener) => services.onEvent(listener),
    () => {
      const win = keeper.current();
      return win ? [win.webContents] : [];
    },
  );
  const stopShellEvents = services.onEvent((event) => desktop.heard(event));

  // A second launch quits itself (below) and brings this one's window forward.
  app.on('second-instance', () => keeper.open());
  app.on('activate', () => {
    if (!keeper.current()) keeper.open();
  });
  app.on('window-all-closed', () => {
    // Otherwise Premia keeps watching from the tray (or, on macOS, the Dock).
    if (desktop.quitsWhenAllClosed()) app.quit();
  });

  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    // Quit waits until the services have flushed their stores and released the data folder (if
    // they are still opening, they finish that first).
    event.preventDefault();
    quitting = true;
    stopShellEvents();
    stopEvents();
    unregister();
    tray.setShown(false);
    quitAfterServicesClose(services);
  });

  // The page loads while the services open; its first calls wait for them.
  keeper.open();
  try {
    await servicesOpen;
  } catch (error) {
    child.kill();
    throw error;
  }
  // From here on a stop is a crash; one while opening was the failed start told above.
  services.onUnexpectedExit(servicesStopped);
  await desktop
    .started()
    .catch((error: unknown) => logger.error('the tray and login item could not be set up', error));
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
