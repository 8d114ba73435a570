// The desktop app's smoke path through Electron itself, wherever an Electron binary is installed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from '@playwright/test';
import { expect, test } from './fixtures';
import { findElectron } from './electron-binary';
import { CalculatorPage } from './pages/CalculatorPage';
import { StrategyPage } from './pages/StrategyPage';
import { PROJECT_DIR } from './premia-host';

const electron = findElectron(PROJECT_DIR);
const skipReason = `No Electron binary on this machine: ${electron.found ? '' : electron.reason}`;
test.skip(!electron.found, skipReason);
// The list reporter shows a skip without its reason: say it once, from the runner that collects the tests.
if (!electron.found && process.env['TEST_WORKER_INDEX'] === undefined) {
  console.log(`electron.spec.ts skipped. ${skipReason}`);
}

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

test('the desktop app saves a threshold and evaluates a quote', async () => {
  if (!electron.found) return;
  // Electron keeps its data under the platform's config folder: point every platform's at a fresh one.
  const home = await mkdtemp(join(tmpdir(), 'premia-electron-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value;
  }
  Object.assign(env, { XDG_CONFIG_HOME: home, APPDATA: home, HOME: home });

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

    const strategy = new StrategyPage(page);
    await strategy.waitUntilLoaded();
    await strategy.setField(strategy.threshold('Moderate contango from'), '7.5');
    await strategy.save();
    await expect(strategy.savedMessage()).toBeVisible();
    await page.reload();
    await strategy.waitUntilLoaded();
    await expect(strategy.threshold('Moderate contango from')).toHaveValue('7.5');

    const calculator = new CalculatorPage(page);
    await calculator.shell.goTo('Premium calculator');
    await calculator.enterFuture({ spot: '100', futures: '101.5', days: '30' });
    await expect(calculator.premium).toHaveText('18.25% a year, simple');
    await expect(calculator.regimeBadge('Moderate contango')).toBeVisible();
  } finally {
    await app?.close();
    await rm(home, { recursive: true, force: true });
  }
});
