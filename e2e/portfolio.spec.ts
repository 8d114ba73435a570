// The portfolio from first start to a real account: the demo portfolio shown while nothing else
// exists, the vault, an account on the built-in simulator with keys minted there, locking and
// unlocking, keys refused, and holdings kept by hand.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { DashboardPage } from './pages/DashboardPage';
import { HoldingsPage } from './pages/HoldingsPage';

const PASSPHRASE = 'a long passphrase for the test vault';
const SIMULATOR = 'Built-in simulator';
const REGIME = /Deep backwardation|Neutral|Moderate contango|Extreme contango/;
const BUCKETS = ['Spot (unhedged)', 'Hedged spot', 'Stablecoins'];
// The demo portfolio holds BTC and ETH spot, USDT in both wallets and a BTC perpetual short.
const DEMO_WALLETS = [
  ['BTC', 'Spot wallet'],
  ['ETH', 'Spot wallet'],
  ['USDT', 'Spot wallet'],
  ['USDT', 'Futures wallet'],
] as const;

/** The Dashboard shows a value, the three buckets against their targets and each asset's regime. */
async function expectPortfolioShown(dashboard: DashboardPage): Promise<void> {
  await expect(dashboard.totalValue).toHaveText(/^[1-9][\d,]*\.\d\d USDT$/);
  for (const bucket of BUCKETS) {
    await expect(dashboard.bucket(bucket)).toHaveAccessibleName(
      /: \d+(\.\d+)?% now, target \d+(\.\d+)?% \(band -?\d+(\.\d+)?% to \d+(\.\d+)?%\)/,
    );
  }
  await expect(dashboard.buckets).toContainText('Drift band ±5%');
  // The demo starts away from its target: more hedged and fewer stablecoins than the regimes ask.
  await expect(dashboard.bucket('Hedged spot')).toHaveAccessibleName(/beyond the band/);
  await expect(dashboard.rebalanceState).toHaveText('Rebalance due');
  for (const asset of ['BTC', 'ETH']) await expect(dashboard.asset(asset)).toContainText(REGIME);
}

/** Holdings lists every wallet of the demo portfolio's coins at `account`, and the open short. */
async function expectDemoHoldings(holdings: HoldingsPage, account: string): Promise<void> {
  for (const [asset, wallet] of DEMO_WALLETS) {
    await expect(holdings.rows(asset).filter({ hasText: wallet })).toContainText(account);
  }
  const short = holdings.positions.getByRole('row').filter({ hasText: 'BTC/USDT:USDT' });
  await expect(short).toContainText(account);
  await expect(short).toContainText('Short');
}

async function mintedAccount(page: Page, accounts: AccountsPage, label: string, key: Key) {
  await accounts.addAccount({ label, environment: SIMULATOR, ...key });
  await expect(accounts.addResult()).toContainText(`${label} was added`);
  await expect(page.getByRole('article', { name: `${label} on Binance` })).toBeVisible();
}

interface Key {
  apiKey: string;
  secret: string;
}

test('with no account and no vault, the Dashboard and Holdings show the demo portfolio and say so', async ({
  page,
  premia,
}) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(premia.url);
  await expect(dashboard.demoNote).toContainText('no real money is shown or moved');
  await expectPortfolioShown(dashboard);

  const holdings = new HoldingsPage(page);
  await holdings.shell.goTo('Holdings');
  await expectDemoHoldings(holdings, 'Demo portfolio');

  const accounts = new AccountsPage(page);
  await accounts.shell.goTo('Accounts');
  await expect(accounts.vaultState).toHaveText(/^No vault yet/);
  await expect(accounts.account('Demo portfolio')).toContainText(SIMULATOR);
});

test('an account added with keys minted on the simulator replaces the demo, and a locked vault keeps its last holdings', async ({
  page,
  premia,
}) => {
  const accounts = new AccountsPage(page);
  await accounts.open(premia.url);
  await accounts.createVault(PASSPHRASE);
  await expect(accounts.vaultState).toHaveText(/^The vault is unlocked/);

  const key = await premia.demoMarket.mintKey({ portfolio: 'demo' });
  await mintedAccount(page, accounts, 'Practice', key);
  await expect(accounts.permissions('Practice')).toHaveText([
    'Read',
    'Spot trading',
    'Futures trading',
    'Transfers',
    'No withdrawals',
    'Not IP restricted',
  ]);
  await expect(accounts.account('Practice')).not.toContainText('Read-only');
  await expect(accounts.account('Demo portfolio')).toContainText('Not counted');

  const dashboard = new DashboardPage(page);
  await dashboard.shell.goTo('Dashboard');
  await expect(dashboard.demoNote).toBeHidden();
  await expectPortfolioShown(dashboard);

  const holdings = new HoldingsPage(page);
  await holdings.shell.goTo('Holdings');
  await expectDemoHoldings(holdings, 'Practice');
  // The demo never mixes into a real portfolio.
  await expect(holdings.table).not.toContainText('Demo portfolio');
  await expect(holdings.positions).not.toContainText('Demo portfolio');

  // Locked: the last synced holdings stay, with their age, and the Dashboard says why they are not
  // synced — at once, and still after a sync is asked for.
  await accounts.shell.goTo('Accounts');
  await accounts.lockButton.click();
  await expect(accounts.vaultState).toHaveText(/^The vault is locked/);
  await dashboard.shell.goTo('Dashboard');
  const locked = dashboard.warning('Vault locked');
  await expect(locked).toBeVisible();
  await expect(dashboard.warnings).toContainText(
    'The key vault is locked, so the holdings of Practice cannot be read.',
  );
  await expect(dashboard.totalValue).toHaveText(/USDT$/);
  await expect(page.getByTestId('holdings-freshness')).toHaveText(
    /^Holdings: updated (just now|\d+ s ago)/,
  );
  await dashboard.syncButton.click();
  await expect(dashboard.syncButton).toBeEnabled();
  await expect(locked).toBeVisible();
  await holdings.shell.goTo('Holdings');
  await expectDemoHoldings(holdings, 'Practice');

  // A wrong passphrase is refused in words; the right one unlocks and the warning goes.
  await accounts.shell.goTo('Accounts');
  await accounts.unlock('not the passphrase');
  await expect(
    page.getByRole('alert').filter({ hasText: 'The vault was not unlocked' }),
  ).toContainText(/passphrase/i);
  await expect(accounts.vaultState).toHaveText(/^The vault is locked/);
  await accounts.unlock(PASSPHRASE);
  await expect(accounts.vaultState).toHaveText(/^The vault is unlocked/);
  await dashboard.shell.goTo('Dashboard');
  await expect(dashboard.warning('Vault locked')).toBeHidden();
});

test('the add form marks a key without trading as read-only, and refuses a secret that does not match its key', async ({
  page,
  premia,
}) => {
  const accounts = new AccountsPage(page);
  await accounts.open(premia.url);
  await accounts.createVault(PASSPHRASE);
  await expect(accounts.vaultState).toHaveText(/^The vault is unlocked/);

  const readOnly = await premia.demoMarket.mintKey({
    portfolio: 'empty',
    permissions: { spotTrading: false, futuresTrading: false, universalTransfer: false },
  });
  await mintedAccount(page, accounts, 'Watcher', readOnly);
  await expect(accounts.account('Watcher')).toContainText('Read-only');

  const other = await premia.demoMarket.mintKey({ portfolio: 'empty' });
  await accounts.addAccount({
    label: 'Mismatched',
    environment: SIMULATOR,
    apiKey: other.apiKey,
    secret: readOnly.secret,
  });
  // A key the venue refuses outright is not kept; the form says why and keeps what was typed.
  await expect(accounts.addResult()).toContainText('The account was not added');
  await expect(accounts.addResult()).toContainText(
    'refused the request’s signature, because the API secret does not match the key.',
  );
  await expect(accounts.addResult()).toContainText('Nothing was saved');
  await expect(accounts.addResult()).not.toContainText('[redacted]');
  await expect(accounts.account('Mismatched')).toHaveCount(0);
  await expect(accounts.addForm.getByLabel('API key')).toHaveValue(other.apiKey);
});

test('manual holdings are added by hand, a CSV with a bad row is refused whole, and they export', async ({
  page,
  premia,
}) => {
  const holdings = new HoldingsPage(page);
  await holdings.open(premia.url);
  await holdings.addManual('BTC', '0.5', 'Cold wallet', 'hardware');
  await expect(holdings.manual.getByRole('row').filter({ hasText: 'Cold wallet' })).toContainText(
    'BTC',
  );
  await expect(holdings.rows('BTC').filter({ hasText: 'Cold wallet' })).toBeVisible();

  await holdings.importFile.setInputFiles({
    name: 'holdings.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('asset,amount,where,note\nETH,2,Ledger,\nSOL,lots,Paper wallet,\n'),
  });
  await expect(holdings.manualError).toContainText(/line 3/i);
  await expect(holdings.manualError).toContainText(/amount/i);
  await expect(holdings.manualError).toContainText('Nothing from the file was imported');
  await expect(holdings.manual).not.toContainText('Ledger');
  await expect(holdings.manual).toContainText('Cold wallet');

  const download = page.waitForEvent('download');
  await holdings.exportManualButton.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('premia-manual-holdings.csv');
  const csv = await readFile(await file.path(), 'utf8');
  expect(csv.split(/\r?\n/).filter((line) => line !== '')).toEqual([
    'asset,amount,where,note',
    'BTC,0.5,Cold wallet,hardware',
  ]);
});
