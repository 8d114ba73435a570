import { expect, test } from './fixtures';
import { DashboardPage } from './pages/DashboardPage';

test('the app opens on the Dashboard, which says plainly when the host has no portfolio to show', async ({
  page,
  premia,
}) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(premia.url);
  await expect(dashboard.shell.navLink('Dashboard')).toHaveAttribute('aria-current', 'page');
  // Until the portfolio's services answer, the host refuses in words, and the view says so with a retry.
  const refusedOrShown = dashboard.loadError.or(dashboard.totalValue);
  await expect(refusedOrShown).toBeVisible();
  if (await dashboard.loadError.isVisible()) {
    await expect(dashboard.loadError).toContainText('The portfolio is not available yet.');
    await expect(dashboard.loadError.getByRole('button', { name: 'Try again' })).toBeVisible();
  } else {
    await expect(dashboard.totalValue).toHaveText(/USDT$/);
  }
});
