// Losing Premia's host and getting it back: `premia serve` is stopped under an open page and started
// again on the same port with the same token, as after a crash and a restart by hand.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { MarketsPage } from './pages/MarketsPage';
import { StrategyPage } from './pages/StrategyPage';

test('a lost host is shown at once, figures are marked not current, and everything is read again once it is back', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  const strategy = new StrategyPage(page);
  const shell = markets.shell;
  await markets.open(premia.url);
  await markets.setRefreshInterval(2_000);
  await markets.waitForData('BTC');
  await markets.waitForData('ETH');
  await expect(shell.dataIndicator).toHaveText(/Live/);
  await expect(shell.dataBanner).toHaveAttribute('aria-live', 'polite');
  await expect(shell.dataBanner).toBeEmpty();
  await expect(markets.notCurrentMarks).toHaveCount(0);

  // Where the user is working must stay where it is when the host goes.
  await markets.assetLink('BTC').focus();
  await premia.stop();

  await expect(shell.dataBanner).toContainText('Not connected to Premia');
  await expect(shell.dataBanner).toContainText('marked not current');
  await expect(shell.dataIndicator).toHaveText(/Not connected/);
  await expect(markets.notCurrent('BTC')).toBeVisible();
  await expect(markets.notCurrent('ETH')).toBeVisible();
  await expect(markets.assetLink('BTC')).toBeFocused();

  // A save while the host is away is refused at once, not after a long wait.
  await shell.goTo('Strategy');
  const leverageCap = strategy.field('Leverage cap');
  await strategy.setField(leverageCap, '3');
  await strategy.save();
  await expect(strategy.refusal()).toContainText("Premia's host is not connected", {
    timeout: 3_000,
  });

  // Meanwhile the saved settings change, as another copy of Premia on this data folder could do.
  const file = join(premia.dataDir, 'settings.json');
  const saved = JSON.parse(await readFile(file, 'utf8')) as {
    market: { refreshIntervalMs: number };
  };
  saved.market.refreshIntervalMs = 3_000;
  await writeFile(file, JSON.stringify(saved));

  await premia.resume();
  await expect(shell.dataBanner).toContainText('Connected to Premia again', {
    timeout: 20_000,
  });
  await expect(shell.dataIndicator).toHaveText(/Live/);

  // The settings were read again: the form follows them and keeps the user's unsaved edit.
  await expect(strategy.field('Refresh interval')).toHaveValue('3');
  await expect(leverageCap).toHaveValue('3');
  await strategy.save();
  await expect(strategy.savedMessage()).toBeVisible();

  await shell.goTo('Markets');
  await expect(page.getByText(/refreshed every 3 s/)).toBeVisible();
  await expect(markets.notCurrentMarks).toHaveCount(0);
  await markets.waitForData('BTC');
});
