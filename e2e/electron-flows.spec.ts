// The desktop app's main flows through Electron itself, wherever a binary exists: the demo
// portfolio on the Dashboard, a basis trade planned and executed in demo mode, the tray's regimes
// and polling switch, and the question before unsaved Strategy edits are dropped.
import type { ElectronApplication } from '@playwright/test';
import { expect, test } from './fixtures';
import { skipWithoutElectron, withDesktopApp } from './desktop-app';
import { DashboardPage } from './pages/DashboardPage';
import { JournalPage } from './pages/JournalPage';
import { MarketsPage } from './pages/MarketsPage';
import { StrategyPage } from './pages/StrategyPage';

skipWithoutElectron('electron-flows.spec.ts');

const ASSET = 'ETH';

test('the desktop app shows the demo portfolio and carries out a basis trade, both legs filled', async () => {
  await withDesktopApp(async ({ page, demoMarket }) => {
    const dashboard = new DashboardPage(page);
    await expect(dashboard.heading).toBeVisible();
    await expect(dashboard.totalValue).toHaveText(/^[1-9][\d,]*\.\d\d USDT$/, {
      timeout: 60_000,
    });
    const hedgedBefore = await dashboard.hedgedShare();

    // A moderate contango worth both legs' costs, seen on the Markets page first.
    const markets = new MarketsPage(page);
    await markets.shell.goTo('Markets');
    await markets.setRefreshInterval(2_000);
    await demoMarket.setPremium(ASSET, 0.12);
    await expect(markets.regime(ASSET)).toHaveText(/Moderate contango/, { timeout: 15_000 });

    const rebalance = await markets.openActionPlan(ASSET, 'Open a basis trade');
    const dialog = await rebalance.openConfirmation();
    await expect(dialog.orderRows().filter({ hasText: `Sell${ASSET}/USDT:USDT` })).toHaveCount(1);
    await expect(dialog.orderRows().filter({ hasText: `Buy${ASSET}/USDT` })).not.toHaveCount(0);
    await dialog.confirmButton.click();
    await expect(rebalance.executionResult).toHaveAttribute('data-state', 'done', {
      timeout: 30_000,
    });

    const journal = new JournalPage(page);
    await journal.shell.goTo('Journal');
    await expect(journal.entry(`${ASSET}/USDT:USDT`).filter({ hasText: 'Sell' })).toContainText(
      'Filled',
    );

    await dashboard.shell.goTo('Dashboard');
    await dashboard.syncButton.click();
    await expect
      .poll(() => dashboard.hedgedShare(), { timeout: 30_000 })
      .toBeGreaterThan(hedgedBefore);
  });
});

/**
 * Records, in main, every tray menu built from now on (the one with "Quit Premia"), so the test can
 * read its lines and click its items as the tray would.
 */
async function watchTrayMenus(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ Menu }) => {
    const menus: Electron.MenuItemConstructorOptions[][] = [];
    const build = Menu.buildFromTemplate.bind(Menu);
    Menu.buildFromTemplate = (template) => {
      const items = template as Electron.MenuItemConstructorOptions[];
      if (items.some((item) => item.label === 'Quit Premia')) menus.push(items);
      return build(template);
    };
    Object.assign(globalThis, { premiaTrayMenus: menus });
  });
}

/** The labels of the last tray menu built. */
async function trayLines(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(() => {
    const { premiaTrayMenus: menus } = globalThis as unknown as {
      premiaTrayMenus: { label?: string }[][];
    };
    return (menus.at(-1) ?? []).flatMap((item) => (item.label ? [item.label] : []));
  });
}

/** Clicks an item of the last tray menu built, as a click on the tray would. */
async function clickTrayItem(app: ElectronApplication, label: string): Promise<void> {
  await app.evaluate((_electron, wanted) => {
    const { premiaTrayMenus: menus } = globalThis as unknown as {
      premiaTrayMenus: { label?: string; click?: () => void }[][];
    };
    const item = (menus.at(-1) ?? []).find((i) => i.label === wanted);
    if (!item?.click) throw new Error(`the tray menu has no "${wanted}"`);
    item.click();
  }, label);
}

test('the tray lists each asset’s regime as it changes, and pauses and resumes polling', async () => {
  await withDesktopApp(async ({ app, page, demoMarket }) => {
    const markets = new MarketsPage(page);
    await markets.shell.goTo('Markets');
    await markets.setRefreshInterval(2_000);
    await markets.waitForData('BTC', 60_000);
    await watchTrayMenus(app);

    // A regime that changes redraws the tray with the new one.
    await demoMarket.setPremium('BTC', 0.5);
    await expect(markets.regime('BTC')).toHaveText(/Extreme contango/, { timeout: 15_000 });
    await expect.poll(() => trayLines(app), { timeout: 15_000 }).toContain('BTC: Extreme contango');
    const lines = await trayLines(app);
    expect(lines).toEqual(expect.arrayContaining(['Open Premia', 'Pause polling', 'Quit Premia']));
    expect(lines.filter((l) => /^[A-Z0-9]+: /.test(l)).length).toBeGreaterThan(1);

    await clickTrayItem(app, 'Pause polling');
    await expect.poll(() => trayLines(app)).toContain('Resume polling');
    await expect(page.getByText('Market data is paused')).toBeVisible();
    await clickTrayItem(app, 'Resume polling');
    await expect.poll(() => trayLines(app)).toContain('Pause polling');
  });
});

test('a reload with unsaved Strategy edits asks first: staying keeps the edits, leaving drops them', async () => {
  await withDesktopApp(async ({ app, page }) => {
    const strategy = new StrategyPage(page);
    await strategy.shell.goTo('Strategy');
    await strategy.waitUntilLoaded();
    const moderateFrom = strategy.threshold('Moderate contango from');
    await strategy.setField(moderateFrom, '7.5');
    await expect(strategy.unsavedBadge).toBeVisible();

    // The native question is answered in main, as a click on one of its buttons would.
    const answerWith = (button: string) =>
      app.evaluate(({ dialog }, wanted) => {
        const asked: string[] = [];
        Object.assign(globalThis, { premiaAsked: asked });
        dialog.showMessageBoxSync = ((...args: unknown[]) => {
          const options = args.at(-1) as Electron.MessageBoxSyncOptions;
          asked.push(options.message);
          return options.buttons?.indexOf(wanted) ?? -1;
        }) as typeof dialog.showMessageBoxSync;
      }, button);
    const asked = () =>
      app.evaluate(() => (globalThis as unknown as { premiaAsked: string[] }).premiaAsked);
    const reload = () =>
      app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.reload());

    await answerWith('Stay');
    await reload();
    await expect.poll(asked).toEqual(['Your Strategy settings have changes that are not saved.']);
    await expect(moderateFrom).toHaveValue('7.5');
    await expect(strategy.unsavedBadge).toBeVisible();

    await answerWith('Leave without saving');
    await reload();
    await expect.poll(asked).toHaveLength(1);
    await strategy.waitUntilLoaded();
    await expect(moderateFrom).toHaveValue('5');
  });
});
