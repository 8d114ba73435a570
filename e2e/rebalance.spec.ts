import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { DashboardPage } from './pages/DashboardPage';
import { MarketsPage } from './pages/MarketsPage';
import { RebalancePage } from './pages/RebalancePage';
import { StrategyPage } from './pages/StrategyPage';
import { PROJECT_DIR } from './premia-host';
import type { RebalancePlan } from '../src/shared/plan';
import { formatQuantity, formatUsdt } from '../src/renderer/src/portfolio/value-text';

const ARTIFACTS = join(PROJECT_DIR, 'e2e-artifacts');
const BUILT_CLI = join(PROJECT_DIR, 'out', 'main', 'cli.js');
const run = promisify(execFile);

/** `premia plan --json` against the running host's folder: the command line asks the host to plan. */
async function planFromCommandLine(dataDir: string): Promise<RebalancePlan> {
  const { stdout } = await run(
    process.execPath,
    [BUILT_CLI, 'plan', '--json', '--data-dir', dataDir],
    { cwd: PROJECT_DIR, timeout: 60_000 },
  ).catch((e: { stderr?: string; message: string }) => {
    throw new Error(`premia plan failed: ${e.stderr ?? e.message}`);
  });
  return JSON.parse(stdout) as RebalancePlan;
}

test('a plan made on the command line appears on the Rebalance view with the same orders and totals', async ({
  page,
  premia,
}) => {
  // The demo holdings are synced first: a plan made before would have nothing to move.
  const dashboard = new DashboardPage(page);
  await dashboard.open(premia.url);
  await expect(dashboard.totalValue).toHaveText(/^[1-9][\d,]*\.\d\d USDT$/);
  const rebalance = new RebalancePage(page);
  await rebalance.shell.goTo('Rebalance');

  const plan = await planFromCommandLine(premia.dataDir);

  // The open view follows the host's plan event: no reload, no click.
  await expect(rebalance.planId).toHaveText(plan.id);
  await expect(rebalance.expires).toHaveText(/^(\d+ min \d{2} s|\d+ s|expired)$/);
  await expect(rebalance.value).toHaveText(formatUsdt(plan.value));
  await expect(rebalance.checks.getByRole('listitem')).toHaveCount(plan.checks.length);

  const orders = plan.steps.filter((s) => s.kind === 'order');
  await expect(rebalance.steps.getByRole('row')).toHaveCount(plan.steps.length + 1);
  for (const order of orders) {
    const number = order.step + 1;
    await expect(rebalance.stepCell(number, 3)).toHaveText(order.symbol);
    await expect(rebalance.stepCell(number, 4)).toHaveText(order.side === 'buy' ? 'Buy' : 'Sell');
    await expect(rebalance.stepCell(number, 5)).toHaveText(
      `${formatQuantity(order.amount)} ${order.asset}`,
    );
  }
  await expect(rebalance.feesTotal).toHaveText(formatUsdt(plan.costs.fees));
  await expect(rebalance.slippageTotal).toHaveText(formatUsdt(plan.costs.slippage));
  await expect(rebalance.weights.getByRole('img', { name: /^Now: / })).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'rebalance.png'), fullPage: true });

  // A reload opens on the newest saved plan.
  await page.reload();
  await expect(rebalance.planId).toHaveText(plan.id);

  // On a phone-sized window the tables scroll inside their frames; the page itself never widens.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(rebalance.steps).toBeVisible();
  await rebalance.shell.expectNoHorizontalOverflow('the Rebalance page');
  await page.screenshot({ path: join(ARTIFACTS, 'rebalance-narrow.png'), fullPage: true });
});

test('a single action on an asset opens the Rebalance view on the plan it made', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  await markets.open(premia.url);
  await markets.waitForData('BTC');
  await markets.assetLink('BTC').click();
  const detail = markets.detail('BTC');
  await detail.getByRole('button', { name: 'Hedge with a short' }).click();

  const rebalance = new RebalancePage(page);
  await expect(rebalance.heading).toBeVisible();
  await expect(page).toHaveURL(/[#&]page=rebalance/);
  await expect(page.getByRole('heading', { name: 'Hedge with a short: BTC' })).toBeVisible();
  const id = /[#&]plan=([a-z0-9]+)/.exec(page.url())?.[1];
  expect(id, 'the URL names the plan shown').toBeTruthy();
  await expect(rebalance.planId).toHaveText(id ?? '');
});

test('the plan settings are edited on the Strategy page and kept after a reload', async ({
  page,
  premia,
}) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  const horizon = strategy.field('Holding horizon');
  const lifetime = strategy.field('Plan lifetime');
  const convert = page.getByRole('switch', { name: 'Convert stablecoins' });
  await expect(horizon).toHaveValue('30');
  await expect(lifetime).toHaveValue('120');
  await expect(convert).not.toBeChecked();

  await strategy.setField(lifetime, '5');
  await strategy.save();
  await expect(page.getByText('must be at least 15 seconds')).toBeVisible();

  await strategy.setField(horizon, '45');
  await strategy.setField(lifetime, '300');
  // Mantine draws its own track over the input, which takes the click.
  await convert.check({ force: true });
  await expect(convert).toBeChecked();
  await strategy.save();
  await expect(strategy.savedMessage()).toBeVisible();

  await page.reload();
  await strategy.waitUntilLoaded();
  await expect(horizon).toHaveValue('45');
  await expect(lifetime).toHaveValue('300');
  await expect(convert).toBeChecked();
});
