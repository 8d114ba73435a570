import { expect, test } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { DashboardPage } from './pages/DashboardPage';
import { HoldingsPage } from './pages/HoldingsPage';

const UNAVAILABLE = 'The portfolio is not available yet.';

test('the app opens on the Dashboard, which shows the portfolio or says plainly why it cannot', async ({
  page,
  premia,
}) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(premia.url);
  await expect(dashboard.shell.navLink('Dashboard')).toHaveAttribute('aria-current', 'page');
  // A host whose portfolio services are not running refuses in words; the view shows that with a retry.
  await expect(dashboard.loadError.or(dashboard.totalValue)).toBeVisible();
  if (await dashboard.loadError.isVisible()) {
    await expect(dashboard.loadError).toContainText(UNAVAILABLE);
    await expect(dashboard.loadError.getByRole('button', { name: 'Try again' })).toBeVisible();
  } else {
    await expect(dashboard.totalValue).toHaveText(/USDT$/);
  }
});

test('Holdings and Accounts say plainly when the host has no portfolio, and read at phone width', async ({
  page,
  premia,
}) => {
  const holdings = new HoldingsPage(page);
  await holdings.open(premia.url);
  await expect(holdings.loadError.or(holdings.table)).toBeVisible();
  if (await holdings.loadError.isVisible())
    await expect(holdings.loadError).toContainText(UNAVAILABLE);

  const accounts = new AccountsPage(page);
  await accounts.shell.goTo('Accounts');
  await expect(accounts.heading).toBeVisible();
  await expect(accounts.vaultLoadError.or(accounts.vaultState)).toBeVisible();
  if (await accounts.vaultLoadError.isVisible()) {
    await expect(accounts.vaultLoadError).toContainText(UNAVAILABLE);
    await expect(accounts.accountsLoadError).toContainText(UNAVAILABLE);
  }

  await page.setViewportSize({ width: 390, height: 844 });
  for (const name of ['Accounts', 'Holdings', 'Dashboard']) {
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await accounts.shell.goTo(name);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await accounts.shell.expectNoHorizontalOverflow(`${name} on a phone`);
  }
});
