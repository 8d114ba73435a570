// The desktop app's smoke path through Electron itself, wherever an Electron binary is installed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { skipWithoutElectron, withDesktopApp } from './desktop-app';
import { CalculatorPage } from './pages/CalculatorPage';
import { MarketsPage } from './pages/MarketsPage';
import { StrategyPage } from './pages/StrategyPage';

skipWithoutElectron('electron.spec.ts');

/**
 * Tries what the policy must refuse and resolves with the directives that refused it. Evaluated in
 * the page, hence a string: e2e code is typed for Node.
 */
const REFUSED_IN_PAGE = `new Promise((resolve) => {
  const directives = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    directives.push(event.effectiveDirective);
    if (directives.length === 2) resolve(directives.sort());
  });
  const inline = document.createElement('script');
  inline.textContent = 'window.premiaInlineRan = true';
  document.head.append(inline);
  try { new WebSocket('ws://127.0.0.1:9/'); } catch {}
})`;

test('the desktop app saves a threshold and evaluates a quote', async () => {
  await withDesktopApp(async ({ page }) => {
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
  });
});

test('the window is served from the app’s own origin under the one strict policy', async () => {
  await withDesktopApp(async ({ page }) => {
    await new StrategyPage(page).waitUntilLoaded();
    expect(page.url()).toMatch(/^premia:\/\/app\/index\.html/);
    // The policy refuses inline scripts, and WebSockets to local ports (which the old one allowed).
    const refused = await page.evaluate<string[]>(REFUSED_IN_PAGE);
    expect(refused).toEqual(['connect-src', 'script-src-elem']);
    expect(await page.evaluate('window.premiaInlineRan === true')).toBe(false);
  });
});

test('the services run in a process of their own while the window shows live data', async () => {
  await withDesktopApp(async ({ app, page, dataDir }) => {
    // How long main's event loop is held from here until live data shows (told, not asserted:
    // speed is measured by the bench).
    await app.evaluate(() => {
      const { monitorEventLoopDelay } = process.getBuiltinModule('node:perf_hooks');
      const monitor = monitorEventLoopDelay({ resolution: 10 });
      monitor.enable();
      Object.assign(globalThis, { premiaLoopMonitor: monitor });
    });
    const markets = new MarketsPage(page);
    await markets.shell.goTo('Markets');
    await expect(markets.premium('BTC')).toHaveText(/\d%/, { timeout: 60_000 });

    const mainPid = await app.evaluate(() => process.pid);
    const utilityPids = await app.evaluate(({ app: electronApp }) =>
      electronApp
        .getAppMetrics()
        .filter((metric) => metric.type === 'Utility')
        .map((metric) => metric.pid),
    );
    const lock = JSON.parse(await readFile(join(dataDir, 'premia.lock'), 'utf8')) as {
      pid: number;
    };
    expect(lock.pid).not.toBe(mainPid);
    expect(utilityPids).toContain(lock.pid);

    // The window still answers at once: a page change while the services backfill history.
    const calculator = new CalculatorPage(page);
    await calculator.shell.goTo('Premium calculator');
    await calculator.enterFuture({ spot: '100', futures: '101.5', days: '30' });
    await expect(calculator.premium).toHaveText('18.25% a year, simple');

    const longestBlockMs = await app.evaluate(() => {
      const monitor = (globalThis as { premiaLoopMonitor?: { max: number } }).premiaLoopMonitor;
      return monitor ? Math.round(monitor.max / 1e6) : -1;
    });
    test.info().annotations.push({
      type: 'main event loop',
      description: `longest block while the services started the market: ${longestBlockMs} ms`,
    });
  });
});
