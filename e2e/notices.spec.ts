import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { StrategyPage } from './pages/StrategyPage';

test('a damaged settings file is recovered with a notice the user can dismiss', async ({
  page,
  premia,
}) => {
  await premia.stop();
  await writeFile(join(premia.dataDir, 'settings.json'), '{"version": 1, "thresholds": ');
  const url = await premia.start();

  const strategy = new StrategyPage(page);
  await strategy.open(url);
  await expect(page.getByRole('banner').getByText('Demo market')).toBeVisible();
  const notice = page.getByRole('alert').filter({ hasText: 'restored from the last good copy' });
  await expect(notice).toBeVisible();
  await expect(strategy.threshold('Moderate contango from')).toHaveValue('5');

  await notice.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(notice).toBeHidden();
  await page.reload();
  await strategy.waitUntilLoaded();
  await expect(page.getByText('restored from the last good copy')).toHaveCount(0);
});

test('a saved choice of an exchange Premia cannot connect to opens on Binance, saying why, and only Binance is offered', async ({
  page,
  premia,
}) => {
  await premia.stop();
  const file = join(premia.dataDir, 'settings.json');
  const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> & {
    market: Record<string, unknown>;
  };
  // As version 1 of the settings wrote it, when OKX was offered without a connection behind it.
  await writeFile(
    file,
    JSON.stringify({ ...saved, version: 1, market: { ...saved.market, exchange: 'okx' } }),
  );
  const url = await premia.start();

  const strategy = new StrategyPage(page);
  await strategy.open(url);
  const notice = page.getByRole('alert').filter({ hasText: 'Premia has no connection to OKX' });
  await expect(notice).toContainText('the exchange is now Binance');
  const exchange = strategy.field('Exchange');
  await expect(exchange).toHaveValue('binance');
  await expect(exchange.locator('option')).toHaveText(['Binance']);
});
