// The desktop app under test: Electron started on the built app with a fresh config folder and the
// demo market's control interface switched on, wherever an Electron binary exists.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { test } from './fixtures';
import { DemoMarket, freePort } from './demo-market';
import { findElectron } from './electron-binary';
import { PROJECT_DIR } from './premia-host';

const electron = findElectron(PROJECT_DIR);

/**
 * Skips the calling spec file where no Electron binary exists, saying why once from the runner
 * that collects the tests (the list reporter shows a skip without its reason).
 */
export function skipWithoutElectron(spec: string): void {
  const reason = `No Electron binary on this machine: ${electron.found ? '' : electron.reason}`;
  test.skip(!electron.found, reason);
  if (!electron.found && process.env['TEST_WORKER_INDEX'] === undefined) {
    console.log(`${spec} skipped. ${reason}`);
  }
}

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export interface DesktopApp {
  app: ElectronApplication;
  page: Page;
  /** The data folder the app uses inside the test's fresh config folder. */
  dataDir: string;
  /** The demo market the app's services run, through its control interface. */
  demoMarket: DemoMarket;
}

/** Runs `body` against the desktop app started on a fresh config folder, closing both afterwards. */
export async function withDesktopApp(body: (desktop: DesktopApp) => Promise<void>): Promise<void> {
  if (!electron.found) return;
  // Electron keeps its data under the platform's config folder: point every platform's at a fresh one.
  const home = await mkdtemp(join(tmpdir(), 'premia-electron-'));
  const simPort = await freePort();
  const controlToken = randomBytes(32).toString('base64url');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value;
  }
  // The services process inherits these: its demo market listens where the test can reach it.
  Object.assign(env, {
    XDG_CONFIG_HOME: home,
    APPDATA: home,
    HOME: home,
    PREMIA_SIM_PORT: String(simPort),
    PREMIA_SIM_CONTROL_TOKEN: controlToken,
  });
  let app: ElectronApplication | undefined;
  try {
    app = await _electron.launch({
      executablePath: electron.executablePath,
      args: [
        ...(runningAsRoot ? ['--no-sandbox'] : []),
        join(PROJECT_DIR, 'out', 'main', 'index.js'),
      ],
      cwd: PROJECT_DIR,
      env,
    });
    const page = await app.firstWindow();
    const dataDir =
      process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support', 'Premia')
        : join(home, 'Premia');
    const demoMarket = new DemoMarket(`http://127.0.0.1:${simPort}`, controlToken);
    await body({ app, page, dataDir, demoMarket });
  } finally {
    await app?.close();
    await rm(home, { recursive: true, force: true });
  }
}
