// Alerts on the demo portfolio: it starts away from its targets, so a rebalance is due; the alert is
// counted in the header, listed on the Alerts page, and stays listed once acknowledged.
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AlertsPage } from './pages/AlertsPage';
import { PROJECT_DIR } from './premia-host';

const ARTIFACTS = join(PROJECT_DIR, 'e2e-artifacts');
const DRIFT = 'Rebalance due';

test('the demo raises a drift alert that can be acknowledged and stays listed', async ({
  page,
  premia,
}) => {
  const alerts = new AlertsPage(page);
  await alerts.open(premia.url);
  const drift = alerts.alert(DRIFT);
  await expect(drift).toContainText('beyond its drift band of 5.00%');
  await expect(drift).toContainText('Warning');
  await expect(alerts.indicator).toHaveAccessibleName(/^Alerts: [1-9]\d* unacknowledged$/);
  const before = Number(
    /(\d+) unacknowledged/.exec((await alerts.indicator.getAttribute('aria-label')) ?? '')?.[1],
  );

  // The headless host's page offers the browser's notifications.
  await expect(alerts.allowNotifications).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'alerts.png'), fullPage: true });

  await alerts.acknowledgeButton(DRIFT).focus();
  await page.keyboard.press('Enter');
  await expect(drift).toContainText('Acknowledged');
  await expect(alerts.acknowledgeButton(DRIFT)).toHaveCount(0);
  await expect(alerts.indicator).toHaveAccessibleName(
    before === 1 ? 'Alerts: none needing attention' : `Alerts: ${before - 1} unacknowledged`,
  );

  // Read again from the host: the acknowledgement was kept.
  await page.reload();
  await alerts.indicator.click();
  await expect(alerts.alert(DRIFT)).toContainText('Acknowledged');
});

test("an alert named in the page's address, as a notification's click names it, is opened and marked", async ({
  page,
  premia,
}) => {
  const alerts = new AlertsPage(page);
  await alerts.open(premia.url);
  const id = await alerts.alert(DRIFT).getAttribute('data-alert-id');
  expect(id).toBeTruthy();
  await alerts.shell.goTo('Markets');

  // What a click on the notification does to the page's address: the Alerts page, on this alert
  // (only the hash changes, as the desktop app changes it).
  const url = new URL(page.url());
  const hash = new URLSearchParams(url.hash.slice(1));
  hash.set('page', 'alerts');
  hash.set('alert', id!);
  url.hash = hash.toString();
  await page.goto(url.href);
  await expect(alerts.heading).toBeVisible();
  await expect(alerts.current()).toHaveCount(1);
  await expect(alerts.current()).toHaveAccessibleName(DRIFT);
  await expect(alerts.current()).toBeInViewport();
});
