import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The Carry scanner: every perpetual of the venue, its best carries and a funding heat map. */
export class ScannerPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly table: Locator;
  readonly heatmap: Locator;
  readonly bestCarry: Locator;
  readonly assetFilter: Locator;
  readonly regimeFilter: Locator;
  readonly untrackedOnly: Locator;
  readonly heatmapSize: Locator;
  /** Said while the last 30 days of funding are being fetched. */
  readonly historyFilling: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Carry scanner' });
    this.table = page.getByRole('table', { name: /^Perpetuals/ });
    this.heatmap = page.getByRole('table', { name: 'Funding heat map' });
    this.bestCarry = page.getByRole('region', { name: 'Best carry, net of fees' });
    this.assetFilter = page.getByRole('textbox', { name: 'Asset' });
    this.regimeFilter = page.getByRole('combobox', { name: 'Regime' });
    this.untrackedOnly = page.getByRole('checkbox', { name: 'Untracked only' });
    this.heatmapSize = page.getByRole('combobox', { name: 'Assets in the heat map' });
    this.historyFilling = page.getByText(/^Fetching the last 30 days of funding/);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.shell.goTo('Carry scanner');
    await expect(this.heading).toBeVisible();
    await expect(this.table.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  }

  sortButton(column: string): Locator {
    return this.table.getByRole('button', { name: new RegExp(`^Sort by ${column}`, 'i') });
  }

  columnHeader(column: string): Locator {
    return this.table.getByRole('columnheader').filter({
      has: this.page.getByRole('button', { name: new RegExp(`^Sort by ${column}`, 'i') }),
    });
  }

  /** The assets in the table's order. */
  async assets(): Promise<string[]> {
    return this.table.getByRole('rowheader').allInnerTexts();
  }

  /** The column's percent figures in the table's order (null for a missing one). */
  async percents(column: number): Promise<(number | null)[]> {
    const texts = await this.table
      .getByRole('row')
      .locator(`td:nth-of-type(${column})`)
      .allInnerTexts();
    return texts.map((t) => {
      const m = /^([\u2212-]?[\d,.]+)%/.exec(t.trim());
      return m ? Number(m[1]!.replace('\u2212', '-').replace(/,/g, '')) : null;
    });
  }

  trackButton(asset: string): Locator {
    return this.table.getByRole('button', { name: `Track ${asset}`, exact: true });
  }

  row(asset: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: asset, exact: true }) });
  }
}
