import type { Locator, Page } from '@playwright/test';

/** The funding panel inside an asset's detail on the Markets view. */
export class FundingPanel {
  readonly root: Locator;
  readonly predicted: Locator;
  readonly lastSettled: Locator;
  readonly averages: Locator;
  readonly settlements: Locator;
  readonly exportButton: Locator;

  constructor(
    readonly page: Page,
    detail: Locator,
    readonly asset: string,
  ) {
    this.root = detail.getByRole('region', { name: 'Funding', exact: true });
    this.predicted = this.root.getByTestId('funding-predicted');
    this.lastSettled = this.root.getByTestId('funding-last');
    this.averages = this.root.getByRole('table', { name: `${asset} average funding` });
    this.settlements = this.root.getByRole('table', { name: new RegExp(`^${asset} settlements`) });
    this.exportButton = this.root.getByRole('button', { name: `Export ${asset} funding as CSV` });
  }

  /** Picks how rates are shown: 'Per interval', 'Per day' or 'Annualized'. */
  async showRates(unit: 'Per interval' | 'Per day' | 'Annualized'): Promise<void> {
    await this.root.getByRole('radiogroup', { name: 'Show rates' }).getByText(unit).click();
  }

  /** The first settlement row's rate cell (the newest). */
  newestRate(): Locator {
    return this.settlements.getByRole('row').nth(1).getByRole('cell').nth(1);
  }

  newestInterval(): Locator {
    return this.settlements.getByRole('row').nth(1).getByRole('cell').nth(0);
  }
}
