// The asset detail's charts against the real host and its demo market: one range control for every
// history chart, captions that say what is on screen, and a term structure table a trader reads.
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { PROJECT_DIR } from './premia-host';
import { AppShell } from './pages/AppShell';
import { AssetChartsPanel } from './pages/AssetChartsPanel';

const ARTIFACTS = join(PROJECT_DIR, 'e2e-artifacts');
const DAY = 86_400_000;
const TITLES = ['Price', 'Signal premium', 'Funding (annualized)'];

test('each range button shows that window on every history chart, and each caption says so', async ({
  page,
  premia,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const panel = new AssetChartsPanel(page, 'BTC');
  await panel.open(premia.url);

  // All first: the year the demo market backfills arrives a few seconds after the detail opens.
  await panel.rangeButton('All').click();
  await expect(panel.rangeButton('All')).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(
      async () => {
        const span = await panel.captionSpan('Price');
        return (span.to - span.from) / DAY;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(91);

  for (const [short, days] of [
    ['1 W', 7],
    ['1 M', 30],
    ['3 M', 91],
  ] as const) {
    await panel.rangeButton(short).click();
    await expect(panel.rangeButton(short)).toHaveAttribute('aria-pressed', 'true');
    await expect(panel.rangeButton('All')).toHaveAttribute('aria-pressed', 'false');
    for (const title of TITLES) {
      // Each caption spans the window chosen: no more than its days, and most of them.
      await expect
        .poll(
          async () => {
            const span = await panel.captionSpan(title);
            return (span.to - span.from) / DAY;
          },
          { timeout: 15_000, message: `${title} at ${short}` },
        )
        .toBeLessThanOrEqual(days + 1);
      const span = await panel.captionSpan(title);
      expect((span.to - span.from) / DAY, `${title} at ${short}`).toBeGreaterThan(days * 0.8);
    }
  }

  await expect(panel.detail.getByRole('list', { name: 'Chart key' })).toContainText('Neutral');
  await page.screenshot({ path: join(ARTIFACTS, 'markets-charts-1440.png'), fullPage: true });
});

test('the term structure table names each contract as the venue does, with basis and both annualizations', async ({
  page,
  premia,
}) => {
  const panel = new AssetChartsPanel(page, 'BTC');
  await panel.open(premia.url);
  await expect(panel.termChart).toBeVisible();
  expect(await panel.columnHeaders()).toEqual([
    'Contract',
    'Expiry',
    'Days to expiry',
    'Price',
    'Basis ($)',
    'Basis (%)',
    'Annualized, simple',
    'Annualized, compounded',
    'Signal',
  ]);
  await expect(panel.termTable.getByRole('rowheader').nth(1)).toHaveText(/^BTCUSDT_\d{6}$/);
  await expect(panel.detail.getByRole('list', { name: 'Term structure key' })).toContainText(
    '1 day ago (not recorded yet)',
  );

  await page.setViewportSize({ width: 390, height: 844 });
  // The navbar slides away as the window narrows; the page is judged once it has.
  const shell = new AppShell(page);
  await shell.waitForNavFolded();
  await expect(panel.termChart).toBeVisible();
  await shell.expectNoHorizontalOverflow('the Markets page at 390 px');
  const box = await panel.termChart.boundingBox();
  expect(box!.width).toBeGreaterThan(250);
  await page.screenshot({ path: join(ARTIFACTS, 'markets-charts-390.png'), fullPage: true });
});
