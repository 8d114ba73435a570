// The Markets view against the real host and its built-in simulator: live rows, a market pushed into
// extreme contango through the simulator's control interface, the asset detail, tracked-asset edits.
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { PROJECT_DIR } from './premia-host';
import { MarketsPage } from './pages/MarketsPage';

const ARTIFACTS = join(PROJECT_DIR, 'e2e-artifacts');
const REGIME_TEXT = /Deep backwardation|Neutral|Moderate contango|Extreme contango/;

async function openLive(markets: MarketsPage, url: string): Promise<void> {
  await markets.open(url);
  // Short cycles keep the test quick; the view must follow whatever interval is set.
  await markets.setRefreshInterval(2_000);
  await markets.waitForData('BTC');
  await markets.waitForData('ETH');
}

test('the Markets view shows every tracked asset and follows the market live, without a reload', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  await openLive(markets, premia.url);

  for (const asset of ['BTC', 'ETH']) {
    await expect(markets.regime(asset)).toHaveText(REGIME_TEXT);
    await expect(markets.premium(asset)).toHaveText(/^[\u2212]?\d+\.\d{2}% a year/);
    await expect(markets.cell(asset, 2)).toContainText(/\d\.\d{4}% \/ \d+ h/);
    await expect(markets.cell(asset, 2)).toContainText(/% a year/);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'markets-light.png'), fullPage: true });

  // A marker on the window survives only if the page is never reloaded.
  await page.evaluate('window.__sameDocument = true');

  await premia.demoMarket.setPremium('BTC', 0.35);

  await expect(markets.regime('BTC')).toHaveText(/Extreme contango/, { timeout: 15_000 });
  await expect.poll(() => markets.shownPremium('BTC'), { timeout: 10_000 }).toBeGreaterThan(0.3);
  expect(await markets.shownPremium('BTC')).toBeLessThan(0.4);

  // Falling back into the moderate band, the asset stays extreme until the premium collapses.
  await premia.demoMarket.setPremium('BTC', 0.12);
  await expect.poll(() => markets.shownPremium('BTC'), { timeout: 15_000 }).toBeLessThan(0.15);
  await expect(markets.regime('BTC')).toHaveText(/Extreme contango.*held: exit below 5\.00%/);

  expect(await page.evaluate('window.__sameDocument === true')).toBe(true);
});

test('selecting an asset opens its term structure and history charts, and the URL keeps it', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  await openLive(markets, premia.url);

  await markets.assetLink('BTC').focus();
  await page.keyboard.press('Enter');
  const detail = markets.detail('BTC');
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('heading', { name: 'BTC in detail' })).toBeFocused();
  await expect(page).toHaveURL(/[#&]asset=BTC/);
  await expect(markets.assetLink('BTC')).toHaveAttribute('aria-current', 'true');

  const curve = detail.getByRole('table', { name: 'BTC term structure' });
  await expect(curve.getByRole('rowheader', { name: /\(perp\)$/ })).toBeVisible();
  // The header, the perpetual and at least one dated future.
  await expect.poll(() => curve.getByRole('row').count()).toBeGreaterThanOrEqual(3);
  await expect(detail.getByRole('img', { name: /^Annualized premium of BTC/ })).toBeVisible();

  for (const title of ['Price', 'Signal premium', 'Funding (annualized)']) {
    const chart = detail.getByRole('figure', { name: title, exact: true });
    await expect(chart).toBeVisible();
    await expect(chart.locator('canvas').first()).toBeVisible();
    await expect(chart).toHaveAccessibleDescription(/^Latest /, { timeout: 15_000 });
  }
  await page.screenshot({ path: join(ARTIFACTS, 'markets-detail-light.png'), fullPage: true });

  await markets.shell.useColorScheme('Dark');
  await page.screenshot({ path: join(ARTIFACTS, 'markets-detail-dark.png'), fullPage: true });

  await page.reload();
  await expect(markets.detail('BTC')).toBeVisible();
  await detail.getByRole('button', { name: 'Close BTC details' }).click();
  await expect(markets.detail('BTC')).toBeHidden();
  await expect(page).not.toHaveURL(/asset=/);
});

test('assets are tracked and removed from the Markets view, with refusals shown at the field', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  await openLive(markets, premia.url);

  await markets.trackAsset('b!');
  await expect(markets.trackField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Must be a ticker such as BTC')).toBeVisible();

  await markets.trackAsset('eth');
  await expect(page.getByText('ETH is already tracked.')).toBeVisible();

  await markets.trackAsset('sol');
  await expect(markets.row('SOL')).toBeVisible();
  await expect(markets.trackField).toHaveValue('');
  await markets.waitForData('SOL');

  await markets.removeButton('ETH').click();
  await expect(markets.row('ETH')).toHaveCount(0);
  await page.reload();
  await markets.waitForData('SOL');
  await expect(markets.row('ETH')).toHaveCount(0);
  await expect(markets.row('BTC')).toBeVisible();

  // On a phone a card per asset shows the regime and the signal premium first, on the first
  // screen, and the page never widens.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(markets.cards).toBeVisible();
  await expect(markets.table).toHaveCount(0);
  for (const part of [markets.regime('BTC'), markets.premium('BTC')]) {
    await expect(part).toBeInViewport();
    await expect(part).toHaveText(/\S/);
  }
  await expect(markets.removeButton('BTC')).toBeEnabled();
  await markets.shell.expectNoHorizontalOverflow('the Markets page');
  await page.screenshot({ path: join(ARTIFACTS, 'markets-narrow.png'), fullPage: true });
});

test('only what the market lists is tracked: refusals say why, and PEPE comes with its 1000PEPE perpetual converted', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  await openLive(markets, premia.url);
  // Listed after Premia loaded the market's listing: a ticker it lacks has the listing read again.
  await premia.demoMarket.listAssets(['PEPE']);
  const refusal = markets.trackRefusal;

  await markets.trackAsset('XYZNOTLISTED');
  await expect(refusal).toHaveText(
    'The demo market lists no spot pair, perpetual or dated future for XYZNOTLISTED.',
  );
  await markets.trackAsset('USDT');
  await expect(refusal).toHaveText(
    'USDT is the currency the demo market quotes every price in, not an asset to track.',
  );
  await markets.trackAsset('ETHUSDT');
  await expect(refusal).toContainText('Did you mean ETH?');
  // Too long to be a ticker: refused whole, never cut down to one.
  const overlong = 'Q'.repeat(40);
  await markets.trackAsset(overlong);
  await expect(markets.trackField).toHaveValue(overlong);
  await expect(refusal).toHaveText('Must be a ticker such as BTC (2 to 15 letters or digits)');
  await markets.trackAsset('1000PEPE');
  await expect(refusal).toContainText('track PEPE');
  for (const name of ['XYZNOTLISTED', 'USDT', 'ETHUSDT', 'QQQQQQQQQQQQQQQ', '1000PEPE']) {
    await expect(markets.row(name)).toHaveCount(0);
  }

  await markets.trackAsset('pepe');
  await expect(markets.row('PEPE')).toBeVisible();
  await markets.waitForData('PEPE');
  // The perpetual is priced per 1000 PEPE on the venue: shown per PEPE, beside the spot price.
  const spot = await markets.shownNumber(markets.spot('PEPE'));
  const mark = await markets.shownNumber(markets.cell('PEPE', 1));
  expect(mark / spot).toBeGreaterThan(0.98);
  expect(mark / spot).toBeLessThan(1.02);

  // Nothing said of the refused names is left over once the page is read again.
  await page.reload();
  await markets.waitForData('PEPE');
  await expect(
    page.getByRole('alert').filter({ hasText: /XYZNOTLISTED|USDT|1000PEPE/ }),
  ).toHaveCount(0);
});

test('the Strategy page sets the fixed thresholds beside those from each asset’s history, and switches mode', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  await openLive(markets, premia.url);
  await markets.shell.goTo('Strategy');

  const section = page.getByRole('region', { name: 'Thresholds from history' });
  await expect(section).toBeVisible();
  const btc = section.getByRole('table', { name: 'BTC: fixed levels and levels from history' });
  await expect(btc.getByRole('row', { name: /^Moderate contango from/ })).toContainText('5.00%');
  await expect(
    section.getByText(/Mean μ .*signal premiums|No levels from BTC's history yet/).first(),
  ).toBeVisible({
    timeout: 15_000,
  });

  // The switch sets the form's mode, saved with the rest of the page.
  await section.getByRole('button', { name: 'Use levels from history' }).click();
  await expect(
    page
      .getByRole('radiogroup', { name: 'Threshold mode' })
      .getByRole('radio', { name: /history/i }),
  ).toBeChecked();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(
    section.getByText("In use now: each asset's levels from its own history"),
  ).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'strategy-calibration.png'), fullPage: true });

  await section.getByRole('button', { name: 'Back to fixed levels' }).click();
  await expect(section.getByText('once saved: the fixed levels, for every asset')).toBeVisible();
});
