// How the data stands, said in one place above every page: the demo market is made to fail through
// its control interface, as a venue, a CDN or a captive portal fails, and the shell must say why, when
// it tries again, and bring the data back at once when asked.
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { PROJECT_DIR } from './premia-host';
import { MarketsPage } from './pages/MarketsPage';

const ARTIFACTS = join(PROJECT_DIR, 'e2e-artifacts');

test('a failing market is said at once with its reason and the next retry, and Retry now brings the data back', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  const shell = markets.shell;
  await markets.open(premia.url);
  await markets.setRefreshInterval(2_000);
  await markets.waitForData('BTC');
  await expect(shell.dataIndicator).toHaveText(/Live/);
  await expect(shell.dataBanner).toBeEmpty();
  await expect(page.getByText(/refreshed every 2 s/)).toBeVisible();

  // A 5xx behind a CDN: the reason is shown at once, not after retries and timeouts.
  await premia.demoMarket.setFaults({ rate5xx: 1 });
  await expect(shell.dataIndicator).toHaveText(/Retrying/, { timeout: 6_000 });
  await expect(shell.dataBanner).toContainText('No fresh market data from the demo market');
  await expect(shell.dataBanner).toContainText('The demo market is unavailable at the moment.');
  await expect(shell.nextRetry).toHaveText(/^(Next retry in \d+ s\.|Retrying now…)$/);
  expect(await shell.dataDetail()).toContain('is unavailable at the moment');
  // The subtitle no longer claims a refresh every 2 s.
  await expect(page.getByText(/refreshes are failing and Premia keeps retrying/)).toBeVisible();
  await expect(page.getByText(/refreshed every 2 s/)).toHaveCount(0);
  // Two intervals after the last data, the rows say they are stale.
  await expect(markets.stale('BTC')).toBeVisible({ timeout: 6_000 });
  await page.screenshot({ path: join(ARTIFACTS, 'data-health-retrying.png') });

  // A captive portal's page instead: the reason follows.
  await premia.demoMarket.setFaults({ rate5xx: 0, rateHtml: 1 });
  await expect(shell.dataBanner).toContainText(
    'answered with something that is not exchange data',
    {
      timeout: 20_000,
    },
  );

  // The waits grow, so the next retry ends up well away; the market comes back meanwhile.
  await expect(shell.nextRetry).toHaveText(/^Next retry in (1\d|[2-9]\d) s\.$/, {
    timeout: 40_000,
  });
  await premia.demoMarket.clearFaults();
  await shell.retryMarket.click();
  await expect(shell.dataIndicator).toHaveText(/Live/, { timeout: 6_000 });
  await expect(shell.dataBanner).toBeEmpty();
  await expect(markets.stale('BTC')).toHaveCount(0);
  await expect(page.getByText(/refreshed every 2 s/)).toBeVisible();
});
