// Links that name an asset in the Markets view's address: a tracked one opens its detail, a listed one
// not tracked says so and offers to track it, and a name that is no ticker opens nothing.
import { expect, test } from './fixtures';
import { MarketsPage } from './pages/MarketsPage';

test('a link to an asset the user does not track says so and offers to track it', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  await markets.open(premia.url);
  await markets.waitForData('BTC');
  await markets.openAssetLink('DOGE');

  const offer = page.getByRole('region', { name: 'DOGE is not tracked' });
  await expect(offer).toBeVisible();
  await expect(page.getByText(/No perpetual is listed for DOGE/)).toHaveCount(0);
  await offer.getByRole('button', { name: 'Track DOGE' }).click();

  await expect(markets.detail('DOGE')).toBeVisible({ timeout: 15_000 });
  await expect(markets.row('DOGE')).toBeVisible();
});

test('a link naming no ticker opens no detail and says why', async ({ page, premia }) => {
  const markets = new MarketsPage(page);
  await markets.open(premia.url);
  await markets.waitForData('BTC');
  await markets.openAssetLink('BTC<img>');

  await expect(page.getByText(/which is not an asset ticker/)).toBeVisible();
  await expect(page.getByRole('region', { name: /in detail$/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page).not.toHaveURL(/asset=/);
});
