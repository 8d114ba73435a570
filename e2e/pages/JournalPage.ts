import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The Journal view: open orders to cancel, every order and transfer sent, filters and CSV export. */
export class JournalPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly openOrders: Locator;
  readonly noOpenOrders: Locator;
  readonly refreshOpenOrders: Locator;
  readonly cancelOutcome: Locator;
  readonly entries: Locator;
  readonly empty: Locator;
  readonly exportButton: Locator;
  readonly filters: Locator;
  /** Why the journal or the open orders could not be read. */
  readonly loadErrors: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Journal' });
    this.openOrders = page.getByRole('table', { name: 'Open orders' });
    this.noOpenOrders = page.getByTestId('no-open-orders');
    this.refreshOpenOrders = page.getByRole('button', { name: 'Refresh open orders' });
    this.cancelOutcome = page.getByTestId('cancel-outcome');
    this.entries = page.getByRole('table', { name: 'Journal entries' });
    this.empty = page.getByTestId('journal-empty');
    this.exportButton = page.getByRole('button', { name: 'Export CSV' });
    this.filters = page.getByRole('form', { name: 'Journal filters' });
    this.loadErrors = page.getByRole('alert').filter({ hasText: /could not be loaded/ });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.shell.goTo('Journal');
    await expect(this.heading).toBeVisible();
  }

  /** The entry rows whose text matches `text` (a symbol, a plan id, a status label). */
  entry(text: string | RegExp): Locator {
    return this.entries.getByRole('row').filter({ hasText: text });
  }

  filter(label: string): Locator {
    return this.filters.getByLabel(label, { exact: true });
  }

  cancelButton(what: string): Locator {
    return this.openOrders.getByRole('button', { name: `Cancel ${what}` });
  }
}
