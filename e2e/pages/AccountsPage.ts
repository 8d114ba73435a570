import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The Accounts view: the key vault and the exchange accounts. */
export class AccountsPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly vault: Locator;
  /** The sentence that says whether the vault is absent, locked or unlocked. */
  readonly vaultState: Locator;
  readonly vaultLoadError: Locator;
  readonly accountsLoadError: Locator;
  readonly createForm: Locator;
  readonly unlockForm: Locator;
  readonly changeForm: Locator;
  readonly resetForm: Locator;
  readonly lockButton: Locator;
  readonly addForm: Locator;
  /** Every account card, each named '<label> on <venue>'. */
  readonly accounts: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Accounts' });
    this.vault = page.getByRole('region', { name: 'Key vault' });
    this.vaultState = page.getByTestId('vault-state');
    this.vaultLoadError = page
      .getByRole('alert')
      .filter({ hasText: 'The vault could not be read' });
    this.accountsLoadError = page
      .getByRole('alert')
      .filter({ hasText: 'Accounts could not be loaded' });
    this.createForm = page.getByRole('form', { name: 'Create the vault' });
    this.unlockForm = page.getByRole('form', { name: 'Unlock the vault' });
    this.changeForm = page.getByRole('form', { name: 'Change the passphrase' });
    this.resetForm = page.getByRole('form', { name: 'Reset the vault' });
    this.lockButton = page.getByRole('button', { name: 'Lock vault' });
    this.addForm = page.getByRole('form', { name: 'Add an account' });
    this.accounts = page.getByTestId('account');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.shell.goTo('Accounts');
    await expect(this.heading).toBeVisible();
  }

  async createVault(passphrase: string, remember = false): Promise<void> {
    await this.createForm.getByLabel('New passphrase').fill(passphrase);
    await this.createForm.getByLabel('Repeat the passphrase').fill(passphrase);
    if (remember) await this.createForm.getByLabel('Remember on this device').check();
    await this.createForm.getByRole('button', { name: 'Create vault' }).click();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.unlockForm.getByLabel('Passphrase').fill(passphrase);
    await this.unlockForm.getByRole('button', { name: 'Unlock' }).click();
  }

  async changePassphrase(current: string, next: string): Promise<void> {
    await this.changeForm.getByLabel('Current passphrase').fill(current);
    await this.changeForm.getByLabel('New passphrase', { exact: true }).fill(next);
    await this.changeForm.getByLabel('Repeat the new passphrase').fill(next);
    await this.changeForm.getByRole('button', { name: 'Change passphrase' }).click();
  }

  async reset(): Promise<void> {
    await this.resetForm.getByLabel('Type reset to confirm').fill('reset');
    await this.resetForm.getByRole('button', { name: 'Reset vault' }).click();
  }

  /** Fills and sends the add form; `environment` is the option's label ('Built-in simulator', 'Live', …). */
  async addAccount(account: {
    label: string;
    environment: string;
    apiKey: string;
    secret: string;
  }): Promise<void> {
    await this.addForm.getByLabel('Exchange').selectOption({ label: 'Binance' });
    await this.addForm.getByLabel('Name').fill(account.label);
    await this.addForm.getByLabel('Environment').selectOption({ label: account.environment });
    await this.addForm.getByLabel('API key').fill(account.apiKey);
    await this.addForm.getByLabel('API secret').fill(account.secret);
    await this.addForm.getByRole('button', { name: 'Add and test account' }).click();
  }

  /** The outcome of the last add ('<label> was added', or why not). */
  addResult(): Locator {
    return this.addForm.getByRole('status').or(this.addForm.getByRole('alert'));
  }

  account(label: string): Locator {
    return this.page.getByRole('article', { name: new RegExp(`^${label} on `) });
  }

  permissions(label: string): Locator {
    return this.account(label).getByRole('list', { name: 'Key permissions' }).getByRole('listitem');
  }

  testButton(label: string): Locator {
    return this.account(label).getByRole('button', { name: `Test ${label}` });
  }

  async removeAccount(label: string): Promise<void> {
    await this.account(label)
      .getByRole('button', { name: `Remove ${label}` })
      .click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Remove account' }).click();
  }
}
