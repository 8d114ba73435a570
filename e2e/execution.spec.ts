import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { PROJECT_DIR } from './premia-host';
import { DashboardPage } from './pages/DashboardPage';
import { JournalPage } from './pages/JournalPage';
import { MarketsPage } from './pages/MarketsPage';
import { RebalancePage } from './pages/RebalancePage';

// The demo portfolio holds ETH spot without a short, so a hedge on ETH moves margin to the futures
// wallet and opens a short: a transfer, an order and a short to confirm, and the hedged bucket grows.
// A basis trade needs a contango worth its costs, so its test pins one on the demo market first.
const ARTIFACTS = join(PROJECT_DIR, 'e2e-artifacts');
const ASSET = 'ETH';
const ACTION = 'Hedge with a short';
const SHORT_SYMBOL = `${ASSET}/USDT:USDT`;

/** Opens the Rebalance page on the plan of the action on the asset, made from the Markets page. */
const actionPlan = (markets: MarketsPage, action = ACTION): Promise<RebalancePage> =>
  markets.openActionPlan(ASSET, action);

test('the confirmation shows the whole plan, keeps focus inside and cancels without executing', async ({
  page,
  premia,
}) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(premia.url);
  await expect(dashboard.totalValue).toHaveText(/^[1-9][\d,]*\.\d\d USDT$/);
  const rebalance = await actionPlan(new MarketsPage(page));
  await expect(rebalance.ready).toContainText('Ready');
  await expect(rebalance.executeButton).toBeEnabled();

  const dialog = await rebalance.openConfirmation();
  // The margin moved first, then the short with its protected price and costs.
  await expect(dialog.transfers.getByRole('listitem')).toHaveCount(1);
  await expect(dialog.transfers).toContainText(/Transfer [\d,.]+ USDT spot → futures/);
  await expect(dialog.orderRows()).toHaveCount(1);
  await expect(dialog.orderCell(0, 0)).toHaveText('Sell');
  await expect(dialog.orderCell(0, 1)).toHaveText(SHORT_SYMBOL);
  await expect(dialog.orderCell(0, 2)).toHaveText(new RegExp(`^[\\d.,]+ ${ASSET}$`));
  await expect(dialog.orderCell(0, 3)).toHaveText(/^[\d,]+\.\d+$/);
  await expect(dialog.orderCell(0, 4)).toHaveText(/^[\d,]+\.\d+$/);
  await expect(dialog.orderCell(0, 5)).toHaveText(/ USDT$/);
  await expect(dialog.orderCell(0, 6)).toHaveText(/%$/);
  await expect(dialog.shorts.getByRole('listitem')).toHaveCount(1);
  await expect(dialog.shorts).toContainText(
    new RegExp(
      `^${SHORT_SYMBOL}: margin [\\d,.]+ USDT, leverage [\\d.]+×, liquidation at [\\d,.]+$`,
    ),
  );
  await expect(dialog.weightsAfter).toBeVisible();
  await expect(dialog.costs).toHaveText(/^Expected costs: fees .+ USDT, slippage .+ USDT/);
  await expect(dialog.demoMarker).toBeVisible();

  // The safe choice has focus, and Tab never leaves the dialog.
  await expect(dialog.cancelButton).toBeFocused();
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate<boolean>(
        "document.querySelector('[role=dialog]')?.contains(document.activeElement) === true",
      ),
      'focus stays inside the confirmation',
    ).toBe(true);
  }

  await dialog.cancelButton.click();
  await expect(dialog.root).toBeHidden();
  await expect(rebalance.executeButton).toBeFocused();
  await expect(rebalance.executionSteps).toHaveCount(0);
});

test('a hedge confirmed in demo mode runs to done, is journaled step by step and moves the hedged bucket up', async ({
  page,
  premia,
}) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(premia.url);
  await expect(dashboard.totalValue).toHaveText(/^[1-9][\d,]*\.\d\d USDT$/);
  const hedgedBefore = await dashboard.hedgedShare();

  const rebalance = await actionPlan(new MarketsPage(page));
  const dialog = await rebalance.openConfirmation();
  await expect(dialog.orderRows()).toHaveCount(1);
  await dialog.confirmButton.click();
  await expect(dialog.root).toBeHidden();

  // Step by step, then the result.
  await expect(rebalance.executionSteps.getByRole('listitem').first()).toBeVisible();
  await expect(rebalance.executionResult).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  });
  await expect(rebalance.executionResult).toContainText('Done');
  for (const item of await rebalance.executionSteps.getByRole('listitem').all()) {
    await expect(item).toHaveAttribute('data-state', 'done');
  }
  await expect(rebalance.makeNewButton).toBeVisible();
  await expect(rebalance.executeButton).toHaveCount(0);
  await page.screenshot({ path: join(ARTIFACTS, 'rebalance-executed.png'), fullPage: true });

  // Opened again, the plan shows how its execution went instead of offering to run it twice.
  await page.reload();
  await expect(rebalance.executionResult).toHaveAttribute('data-state', 'done');
  await expect(rebalance.executeButton).toHaveCount(0);

  // The journal lists the transfer and the short, the short filled.
  const journal = new JournalPage(page);
  await journal.shell.goTo('Journal');
  await expect(journal.entry('Transfer spot → futures')).toHaveCount(1);
  await expect(journal.entry('Transfer spot → futures')).not.toContainText('Failed');
  await expect(journal.entry(SHORT_SYMBOL).filter({ hasText: 'Sell' })).toContainText('Filled');
  await expect(journal.noOpenOrders).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'journal.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await journal.shell.expectNoHorizontalOverflow('the Journal page at 390 px');
  await page.screenshot({ path: join(ARTIFACTS, 'journal-narrow.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  const download = page.waitForEvent('download');
  await journal.exportButton.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^premia-journal-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await file.path(), 'utf8');
  expect(csv).toContain(SHORT_SYMBOL);

  // The short now hedges ETH spot held: the hedged share of the portfolio grew.
  await dashboard.shell.goTo('Dashboard');
  await dashboard.syncButton.click();
  await expect
    .poll(() => dashboard.hedgedShare(), { timeout: 30_000 })
    .toBeGreaterThan(hedgedBefore);
});

test('flattening every hedge is planned, shown, confirmed and carried out, and nothing is hedged after', async ({
  page,
  premia,
}) => {
  // The demo portfolio holds a BTC perpetual short: flattening buys it back, reduce-only.
  const dashboard = new DashboardPage(page);
  await dashboard.open(premia.url);
  await expect(dashboard.totalValue).toHaveText(/^[1-9][\d,]*\.\d\d USDT$/);
  const rebalance = new RebalancePage(page);
  await rebalance.shell.goTo('Rebalance');
  await rebalance.flattenButton.click();
  await expect(rebalance.planId).toHaveText(/^[a-z0-9]+$/);
  await expect(rebalance.makeError).toHaveCount(0);
  const dialog = await rebalance.openConfirmation();
  const close = dialog.orderRows().filter({ hasText: 'BTC/USDT:USDT' });
  await expect(close).toHaveCount(1);
  await expect(close.getByRole('cell').first()).toHaveText('Buy');
  await expect(dialog.shorts).toHaveCount(0);
  await expect(
    page.getByRole('heading', { name: 'Flatten: close every hedge and short' }).first(),
  ).toBeVisible();

  // Confirmed, the short is bought back and nothing is hedged any more.
  await dialog.confirmButton.click();
  await expect(rebalance.executionResult).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  });
  await dashboard.shell.goTo('Dashboard');
  await dashboard.syncButton.click();
  await expect.poll(() => dashboard.hedgedShare(), { timeout: 30_000 }).toBe(0);
});

test('the Journal page shows its filters, open orders and export in a real browser', async ({
  page,
  premia,
}) => {
  const journal = new JournalPage(page);
  await journal.open(premia.url);
  await expect(journal.filter('Plan id')).toBeVisible();
  await expect(journal.filter('From')).toHaveAttribute('type', 'date');
  await journal.filter('Plan id').fill('not a plan!');
  await expect(journal.filters.getByRole('alert')).toHaveText(
    'A plan id is 1 to 16 lower-case letters and digits.',
  );
  await journal.filter('Plan id').fill('');
  await expect(journal.filters.getByRole('alert')).toHaveCount(0);
  await expect(journal.exportButton).toBeEnabled();
  await expect(journal.refreshOpenOrders).toBeEnabled();
});

test('a basis trade confirmed in demo mode buys spot and shorts it, both legs filled, and the hedged bucket grows', async ({
  page,
  premia,
}) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(premia.url);
  await expect(dashboard.totalValue).toHaveText(/^[1-9][\d,]*\.\d\d USDT$/);
  const hedgedBefore = await dashboard.hedgedShare();
  // Once the demo market runs: a moderate contango, whose dated future earns more than both legs
  // cost, seen on the Markets page before the plan is made from it.
  const markets = new MarketsPage(page);
  await markets.shell.goTo('Markets');
  await markets.setRefreshInterval(2_000);
  await premia.demoMarket.setPremium(ASSET, 0.12);
  await expect(markets.regime(ASSET)).toHaveText(/Moderate contango/, { timeout: 15_000 });

  const rebalance = await actionPlan(markets, 'Open a basis trade');
  const dialog = await rebalance.openConfirmation();
  // Both legs: the spot bought and a short of the same amount on one of the asset's contracts.
  const buy = dialog.orderRows().filter({ hasText: `Buy${ASSET}/USDT` });
  const short = dialog.orderRows().filter({ hasText: `Sell${ASSET}/USDT:USDT` });
  await expect(short).toHaveCount(1);
  const shortAmount = (await short.getByRole('cell').nth(2).textContent()) ?? '';
  await expect(buy.filter({ hasText: shortAmount })).toHaveCount(1);
  await dialog.confirmButton.click();
  await expect(rebalance.executionResult).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  });

  const journal = new JournalPage(page);
  await journal.shell.goTo('Journal');
  for (const row of await journal.entry(`${ASSET}/USDT`).filter({ hasText: 'Buy' }).all()) {
    await expect(row).toContainText('Filled');
  }
  await expect(journal.entry(`${ASSET}/USDT:USDT`).filter({ hasText: 'Sell' })).toContainText(
    'Filled',
  );

  await dashboard.shell.goTo('Dashboard');
  await dashboard.syncButton.click();
  await expect
    .poll(() => dashboard.hedgedShare(), { timeout: 30_000 })
    .toBeGreaterThan(hedgedBefore);
});
