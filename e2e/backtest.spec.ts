// The Backtest page on the demo market: years of BTC history downloaded with progress, the four
// strategies run on it, their metrics read and their curves exported as CSV, and a sweep of two
// settings drawn as heat maps.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { BacktestPage } from './pages/BacktestPage';
import { PROJECT_DIR } from './premia-host';

const ARTIFACTS = join(PROJECT_DIR, 'e2e-artifacts');
const STRATEGIES = ['Buy and hold', 'Static 70/30', 'Always-on carry', 'Regime policy'];

test('a BTC backtest: the history downloads to the end, the run shows four strategies and the curves export', async ({
  page,
  premia,
}) => {
  const backtest = new BacktestPage(page);
  await backtest.open(premia.url);
  await backtest.keepOnly('BTC');

  // Nothing is stored yet: the run says to download the history first.
  await backtest.runButton.click();
  await expect(backtest.runError).toContainText('Download history');

  await backtest.downloadButton.click();
  await expect(backtest.progress('BTC daily closes')).toHaveAttribute('aria-valuenow', '100');
  await expect(backtest.progress('BTC funding')).toHaveAttribute('aria-valuenow', '100');
  await expect(backtest.downloadStatus).toContainText(
    /^BTC: [\d,]+ daily closes and [\d,]+ funding settlements on hand \([\d,]+ new\)\.$/,
  );
  await expect(backtest.cancelButton).toHaveCount(0);

  // A policy edit here is for this run only, and can be undone.
  await backtest.field('Averaging window').fill('14');
  await expect(backtest.resetButton).toBeEnabled();
  await backtest.resetButton.click();
  await expect(backtest.field('Averaging window')).not.toHaveValue('14');
  await expect(backtest.resetButton).toBeDisabled();

  await backtest.runButton.focus();
  await page.keyboard.press('Enter');
  await expect(backtest.metrics.getByRole('rowgroup').last().getByRole('row')).toHaveCount(4);
  for (const name of STRATEGIES) {
    await expect(backtest.metricRow(name)).toContainText(/×[\d,.]+/);
  }
  await expect(backtest.chart).toBeVisible();
  await expect(backtest.chart).toContainText('one unit grew to: Buy and hold ×');
  await expect(backtest.chart.locator('canvas').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await backtest.exportButton.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    /^premia-backtest-BTC-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const lines = (await readFile(await file.path(), 'utf8')).trim().split('\r\n');
  expect(lines[0]).toBe(`date,${STRATEGIES.join(',')}`);
  expect(lines.length).toBeGreaterThan(365);
  expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2}(,[\d.e-]+){4}$/);

  // The policy over a grid of two settings, the backtest's own pair among them.
  const moderate = await backtest.field('Moderate contango from').inputValue();
  const window = await backtest.field('Averaging window').inputValue();
  await backtest.sweepAxis('Rows', 'Moderate contango from', `2, ${moderate}, 12`);
  await backtest.sweepAxis('Columns', 'Averaging window (days)', `3, ${window}`);
  await backtest.sweepButton.click();
  await expect(backtest.sweepStatus).toContainText(/^6 of 6 pairs ran, .* Best CAGR /);
  for (const metric of ['CAGR', 'Max drawdown']) {
    const table = backtest.sweepTable(metric);
    await expect(table.getByRole('rowgroup').last().getByRole('row')).toHaveCount(3);
    await expect(table.getByRole('cell')).toHaveCount(6);
    await expect(table.getByRole('cell', { name: /\(your setting\): / })).toHaveCount(1);
    await expect(table.getByRole('cell').first()).toHaveText(/^−?\d+\.\d%$/);
  }

  await page.screenshot({ path: join(ARTIFACTS, 'backtest.png'), fullPage: true });
  await expect(backtest.logScale).toBeChecked();
  await backtest.logScale.focus();
  await page.keyboard.press('Space');
  await expect(backtest.logScale).not.toBeChecked();
  await page.setViewportSize({ width: 390, height: 844 });
  await backtest.shell.expectNoHorizontalOverflow('the Backtest page at 390 px');
  await page.screenshot({ path: join(ARTIFACTS, 'backtest-narrow.png'), fullPage: true });
});

test('a backtest on the user’s own CSV files: each file checked as it is chosen, then run and swept', async ({
  page,
  premia,
}) => {
  const backtest = new BacktestPage(page);
  await backtest.open(premia.url);
  await backtest.useCsvFiles();
  await expect(backtest.runButton).toBeDisabled();

  const fixtures = join(PROJECT_DIR, 'test', 'fixtures');
  const btc = backtest.csvAsset(1);
  await backtest.chooseFile(1, 'Daily prices', join(fixtures, 'btc-spot-daily.csv'));
  // A price file chosen as funding is refused on that field, with its line.
  await backtest.chooseFile(1, 'Funding', join(fixtures, 'btc-spot-daily.csv'));
  await expect(btc.getByText(/btc-spot-daily\.csv: line 1: the header needs/)).toBeVisible();
  await backtest.chooseFile(1, 'Funding', join(fixtures, 'binance-btcusdt-funding-8h.csv'));
  await expect(btc.getByRole('textbox', { name: 'Asset' })).toHaveValue('BTC');
  await expect(btc.getByRole('status')).toHaveText(
    /^BTC: [\d,]+ days from 2019-09-10 to \d{4}-\d{2}-\d{2}, 8-hourly settlements\.$/,
  );
  await expect(page.getByText('Assets: BTC, from your files.')).toBeVisible();

  await backtest.runButton.click();
  await expect(backtest.metrics.getByRole('rowgroup').last().getByRole('row')).toHaveCount(4);
  await expect(backtest.results).toContainText('BTC from 2019-09-10 to');
  await expect(backtest.metricRow('Buy and hold')).toContainText(/×[\d,.]+/);

  await backtest.sweepAxis('Rows', 'Moderate contango from', '3, 6');
  await backtest.sweepAxis('Columns', 'Extreme contango above', '20, 30, 40');
  await backtest.sweepButton.click();
  await expect(backtest.sweepStatus).toContainText(/^6 of 6 pairs ran, 2019-09-10 to /);
  await expect(backtest.sweepTable('CAGR').getByRole('cell')).toHaveCount(6);
  await page.screenshot({ path: join(ARTIFACTS, 'backtest-csv.png'), fullPage: true });
});
