import { writeFile } from 'node:fs/promises';
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
