// Screenshots of the pages in both colour schemes, and of the portfolio's views at desktop and phone
// width, kept under e2e-artifacts/ as CI artifacts.
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { VIEWS } from './pages/AppShell';
import { PROJECT_DIR } from './premia-host';
import { AccountsPage } from './pages/AccountsPage';
import { CalculatorPage } from './pages/CalculatorPage';
import { DashboardPage } from './pages/DashboardPage';
import { HoldingsPage } from './pages/HoldingsPage';
import { StrategyPage } from './pages/StrategyPage';

const ARTIFACTS = join(PROJECT_DIR, 'e2e-artifacts');

for (const scheme of ['Light', 'Dark'] as const) {
  test(`both pages render in the ${scheme.toLowerCase()} scheme`, async ({ page, premia }) => {
    const strategy = new StrategyPage(page);
    await strategy.open(premia.url);
    await strategy.shell.useColorScheme(scheme);
    await expect(page.locator('html')).toHaveAttribute(
      'data-mantine-color-scheme',
      scheme.toLowerCase(),
    );
    await expect(strategy.regimeTable).toBeVisible();
    // Nothing may be wider than the window.
    await strategy.shell.expectNoHorizontalOverflow('the Strategy page');
    await page.screenshot({
      path: join(ARTIFACTS, `strategy-${scheme.toLowerCase()}.png`),
      fullPage: true,
    });

    const calculator = new CalculatorPage(page);
    await calculator.shell.goTo('Premium calculator');
    await calculator.enterFuture({ spot: '100', futures: '101.5', days: '30' });
    await expect(calculator.premium).toHaveText('18.25% a year, simple');
    await expect(calculator.answer).toHaveAttribute('aria-busy', 'false');
    await page.screenshot({
      path: join(ARTIFACTS, `calculator-${scheme.toLowerCase()}.png`),
      fullPage: true,
    });

    // A phone-sized window: the navbar folds behind its button and nothing overflows.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await strategy.shell.goTo('Strategy');
    await expect(strategy.heading).toBeVisible();
    await strategy.shell.expectNoHorizontalOverflow('the Strategy page');
    await page.screenshot({ path: join(ARTIFACTS, `strategy-${scheme.toLowerCase()}-narrow.png`) });
  });
}

test('the Dashboard, Holdings and Accounts show the demo portfolio at desktop and phone width', async ({
  page,
  premia,
}) => {
  const dashboard = new DashboardPage(page);
  const holdings = new HoldingsPage(page);
  const accounts = new AccountsPage(page);
  await dashboard.open(premia.url);
  const views = [
    { name: 'Dashboard', file: 'dashboard', shown: dashboard.bucket('Hedged spot') },
    { name: 'Holdings', file: 'holdings', shown: holdings.positions },
    { name: 'Accounts', file: 'accounts', shown: accounts.account('Demo portfolio') },
  ];
  for (const [width, suffix] of [
    [1280, ''],
    [390, '-narrow'],
  ] as const) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    for (const view of views) {
      if (width === 390) await page.getByRole('button', { name: 'Open navigation' }).click();
      await dashboard.shell.goTo(view.name);
      await expect(page.getByRole('heading', { level: 1, name: view.name })).toBeVisible();
      await expect(view.shown).toBeVisible();
      await dashboard.shell.expectNoHorizontalOverflow(`${view.name} at ${width} px`);
      await page.screenshot({ path: join(ARTIFACTS, `${view.file}${suffix}.png`), fullPage: true });
    }
  }
});

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const scheme of ['Light', 'Dark'] as const) {
  test(`every view is kept as a screenshot in the ${scheme.toLowerCase()} scheme at desktop and phone size, none wider than the window`, async ({
    page,
    premia,
  }) => {
    test.setTimeout(180_000);
    const shell = new DashboardPage(page).shell;
    await page.setViewportSize(SIZES[0]);
    await page.goto(premia.url);
    await shell.useColorScheme(scheme);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const view of VIEWS) {
        if (size.name === 'phone') {
          await page.getByRole('button', { name: 'Open navigation' }).click();
        }
        await shell.goTo(view);
        if (size.name === 'phone') await shell.waitForNavFolded();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await shell.expectNoHorizontalOverflow(`${view} at ${size.width} px`);
        const file = `${view.toLowerCase().replace(/ /g, '-')}-${scheme.toLowerCase()}-${size.name}.png`;
        await page.screenshot({ path: join(ARTIFACTS, 'views', file), fullPage: true });
      }
    }
  });
}
