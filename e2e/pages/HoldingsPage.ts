import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The Holdings view: wallets of every account and manual holdings, positions, untracked coins. */
export class HoldingsPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly loadError: Locator;
  readonly table: Locator;
  readonly filter: Locator;
  readonly syncButton: Locator;
  readonly exportTableButton: Locator;
  readonly positions: Locator;
  readonly untracked: Locator;
  readonly manual: Locator;
  readonly manualForm: Locator;
  /** The hidden file input behind 'Import CSV': give it a file with `setInputFiles`. */
  readonly importFile: Locator;
  readonly exportManualButton: Locator;
  /** Why the last change to manual holdings was refused (an import names line and column). */
  readonly manualError: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Holdings' });
    this.loadError = page.getByRole('alert').filter({ hasText: 'Holdings could not be loaded' });
    this.table = page.getByRole('table', { name: 'Holdings', exact: true });
    this.filter = page.getByRole('textbox', { name: 'Filter' });
    this.syncButton = page.getByRole('region', { name: 'Wallets' }).getByRole('button', {
      name: 'Sync now',
    });
    this.exportTableButton = page.getByRole('button', { name: 'Export table CSV' });
    this.positions = page.getByRole('table', { name: 'Futures positions' });
    this.untracked = page.getByRole('region', { name: 'Not in the strategy' });
    this.manual = page.getByRole('table', { name: 'Manual holdings' });
    this.manualForm = page.getByRole('form', { name: /a manual holding$/ });
    this.importFile = page.getByLabel('CSV file of manual holdings');
    this.exportManualButton = page.getByRole('button', { name: 'Export manual holdings CSV' });
    this.manualError = page
      .getByRole('alert')
      .filter({ hasText: 'Manual holdings were not changed' });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.shell.goTo('Holdings');
    await expect(this.heading).toBeVisible();
  }

  /** The rows of one asset in the holdings table. */
  rows(asset: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: asset, exact: true }) });
  }

  /** A column header's sort button: 'Asset', 'Held at', 'Wallet', 'Quantity', 'Price (USDT)', 'Value (USDT)'. */
  sortButton(column: string): Locator {
    return this.table.getByRole('button', { name: `${column}, sort` });
  }

  columnHeader(column: string): Locator {
    return this.table.getByRole('columnheader', {
      name: new RegExp(`^${column.replace(/[()]/g, '\\$&')}`),
    });
  }

  async groupBy(label: 'By account' | 'By asset'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Group' }).getByText(label).click();
  }

  trackButton(asset: string): Locator {
    return this.untracked.getByRole('button', { name: `Track ${asset}` });
  }

  async addManual(asset: string, amount: string, where: string, note = ''): Promise<void> {
    await this.manualForm.getByLabel('Asset').fill(asset);
    await this.manualForm.getByLabel('Amount').fill(amount);
    await this.manualForm.getByLabel('Where').fill(where);
    await this.manualForm.getByLabel('Note').fill(note);
    await this.manualForm.getByRole('button', { name: 'Add holding' }).click();
  }

  editManual(asset: string, where: string): Locator {
    return this.manual.getByRole('button', { name: `Edit ${asset} at ${where}` });
  }

  removeManual(asset: string, where: string): Locator {
    return this.manual.getByRole('button', { name: `Remove ${asset} at ${where}` });
  }
}
