// The funding panel of an asset's detail against the real host and its demo market: the settlements
// it recorded and backfilled, shown per interval, per day or annualized, and exported as CSV.
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { FundingPanel } from './pages/FundingPanel';
import { MarketsPage } from './pages/MarketsPage';

/** A shown percent as a decimal: '−0.0123%' → −0.000123. */
function percentOf(text: string): number {
  const match = /([\u2212-]?[\d,]+\.\d+)%/.exec(text);
  if (!match?.[1]) throw new Error(`no percent in "${text}"`);
  return Number(match[1].replace('\u2212', '-').replace(/,/g, '')) / 100;
}

async function openFunding(markets: MarketsPage, url: string): Promise<FundingPanel> {
  await markets.open(url);
  await markets.waitForData('BTC');
  await markets.assetLink('BTC').click();
  const panel = new FundingPanel(markets.page, markets.detail('BTC'), 'BTC');
  await expect(panel.root).toBeVisible();
  await expect
    .poll(() => panel.settlements.getByRole('row').count(), { timeout: 30_000 })
    .toBeGreaterThan(5);
  return panel;
}

test('the funding panel shows each settlement per interval, per day or annualized, by its own interval', async ({
  page,
  premia,
}) => {
  const panel = await openFunding(new MarketsPage(page), premia.url);
  await expect(panel.predicted).toContainText(
    /Predicted for the coming settlement.*% per interval/,
  );
  await expect(panel.lastSettled).toContainText(/% per interval.*Settled /);
  await expect(panel.averages.getByRole('row')).toHaveCount(4);

  const hours = Number(/(\d+) h/.exec((await panel.newestInterval().textContent()) ?? '')?.[1]);
  expect(hours).toBeGreaterThan(0);
  const perInterval = percentOf((await panel.newestRate().textContent()) ?? '');

  await panel.showRates('Per day');
  await expect(panel.settlements.getByRole('columnheader', { name: 'Rate a day' })).toBeVisible();
  const perDay = percentOf((await panel.newestRate().textContent()) ?? '');
  expect(perDay).toBeCloseTo((perInterval * 24) / hours, 6);

  await panel.showRates('Annualized');
  await expect(panel.predicted).toContainText('% a year');
  await expect(panel.settlements.getByRole('columnheader', { name: 'Rate a year' })).toBeVisible();
  const annualized = percentOf((await panel.newestRate().textContent()) ?? '');
  expect(annualized).toBeCloseTo(((perInterval * 24) / hours) * 365, 3);
});

test('the funding panel exports the settlements it lists as CSV, oldest first, with each interval', async ({
  page,
  premia,
}) => {
  const panel = await openFunding(new MarketsPage(page), premia.url);
  const listed = (await panel.settlements.getByRole('row').count()) - 1;
  const newestShown = percentOf((await panel.newestRate().textContent()) ?? '');

  const [download] = await Promise.all([page.waitForEvent('download'), panel.exportButton.click()]);
  expect(download.suggestedFilename()).toMatch(/^premia-funding-BTC-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await download.path();
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'settled_at_utc,rate_per_interval,interval_hours,rate_per_day,rate_annualized',
  );
  const rows = lines.slice(1).map((line) => line.split(','));
  expect(rows.length).toBeGreaterThanOrEqual(listed);
  const times = rows.map((r) => Date.parse(r[0] ?? ''));
  expect(times.every((t, i) => i === 0 || t > (times[i - 1] as number))).toBe(true);
  for (const row of rows) expect(Number(row[2])).toBeGreaterThan(0);
  expect(Number(rows.at(-1)?.[1])).toBeCloseTo(newestShown, 6);
});
