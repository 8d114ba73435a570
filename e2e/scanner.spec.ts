// The Carry scanner against the real host and its built-in simulator: every perpetual listed, sorted
// by a column, filtered, and an asset tracked from it that then shows on the Markets page.
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { PROJECT_DIR } from './premia-host';
import { MarketsPage } from './pages/MarketsPage';
import { ScannerPage } from './pages/ScannerPage';

const ARTIFACTS = join(PROJECT_DIR, 'e2e-artifacts');
/** The table's columns after the asset's own heading: funding now is the first. */
const FUNDING_NOW = 1;

test('the scanner lists every perpetual, sorts by a column and filters by name and tracking', async ({
  page,
  premia,
}) => {
  const scanner = new ScannerPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await scanner.open(premia.url);

  const assets = await scanner.assets();
  for (const asset of ['BTC', 'ETH', 'SOL', 'DOGE', 'ADA', 'LINK']) expect(assets).toContain(asset);

  // Funding now, highest first by default; a click turns it round.
  await expect(scanner.columnHeader('funding now')).toHaveAttribute('aria-sort', 'descending');
  const down = (await scanner.percents(FUNDING_NOW)).filter((v): v is number => v !== null);
  expect(down).toEqual([...down].sort((a, b) => b - a));
  await scanner.sortButton('funding now').click();
  await expect(scanner.columnHeader('funding now')).toHaveAttribute('aria-sort', 'ascending');
  const up = (await scanner.percents(FUNDING_NOW)).filter((v): v is number => v !== null);
  expect(up).toEqual([...up].sort((a, b) => a - b));

  // By asset name, from the keyboard.
  await scanner.sortButton('asset').focus();
  await page.keyboard.press('Enter');
  await expect(scanner.columnHeader('asset')).toHaveAttribute('aria-sort', 'ascending');
  const byName = await scanner.assets();
  expect(byName).toEqual([...byName].sort());

  // Once the last 30 days of funding are in, every cell of the heat map says what was paid.
  await expect(scanner.historyFilling).toHaveCount(0, { timeout: 60_000 });
  await expect(scanner.heatmap.getByRole('cell').first()).toHaveAttribute(
    'aria-label',
    /^\w+ on \w+ \d+: [\u2212]?[\d.]+% a year, (longs paid shorts|shorts paid longs)$/,
  );
  await page.screenshot({ path: join(ARTIFACTS, 'scanner.png'), fullPage: true });

  await scanner.assetFilter.fill('do');
  await expect.poll(() => scanner.assets()).toEqual(['DOGE']);
  await scanner.assetFilter.fill('');
  await scanner.untrackedOnly.check();
  await expect(scanner.row('BTC')).toHaveCount(0);
  await expect(scanner.row('SOL')).toHaveCount(1);
  await scanner.untrackedOnly.uncheck();

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(scanner.heading).toBeVisible();
  await scanner.shell.expectNoHorizontalOverflow('the Carry scanner on a phone');
  await page.screenshot({ path: join(ARTIFACTS, 'scanner-narrow.png'), fullPage: true });
});

test('Track on the scanner adds the asset to the tracked list, and Markets then shows it', async ({
  page,
  premia,
}) => {
  const scanner = new ScannerPage(page);
  await scanner.open(premia.url);
  await expect(scanner.trackButton('LINK')).toBeVisible();
  await scanner.trackButton('LINK').click();
  await expect(scanner.row('LINK')).toContainText('Tracked');
  await expect(scanner.trackButton('LINK')).toHaveCount(0);

  const markets = new MarketsPage(page);
  await markets.shell.goTo('Markets');
  await expect(markets.heading).toBeVisible();
  await expect(markets.row('LINK')).toHaveCount(1, { timeout: 20_000 });
});
