import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The Dashboard, Premia's home page: value, buckets against targets, assets, warnings. */
export class DashboardPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  /** The alert that says the portfolio could not be loaded, and why. */
  readonly loadError: Locator;
  readonly totalValue: Locator;
  readonly valueChange: Locator;
  readonly syncButton: Locator;
  /** 'Rebalance due', or that no rebalance is due. */
  readonly rebalanceState: Locator;
  readonly demoNote: Locator;
  /** The list of the portfolio's warnings. */
  readonly warnings: Locator;
  readonly buckets: Locator;
  readonly assets: Locator;
  /** Why no weights are shown when the portfolio's value is not above 0. */
  readonly noWeights: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Dashboard' });
    this.loadError = page
      .getByRole('alert')
      .filter({ hasText: 'The portfolio could not be loaded' });
    this.totalValue = page.getByTestId('total-value');
    this.valueChange = page.getByTestId('value-change');
    this.syncButton = page.getByRole('button', { name: 'Sync now' });
    this.rebalanceState = page.getByTestId('rebalance-state');
    this.demoNote = page.getByTestId('demo-note');
    this.warnings = page.getByRole('region', { name: 'Warnings' });
    this.buckets = page.getByRole('region', { name: 'Buckets' });
    this.assets = page.getByRole('table', { name: 'Assets against their targets' });
    this.noWeights = page.getByTestId('no-weights');
  }

  /** Opens the app at `url`, where the Dashboard is the page shown first. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.heading).toBeVisible();
  }

  /** The bar of one bucket ('Spot (unhedged)', 'Hedged spot', 'Stablecoins'), named by its numbers. */
  bucket(label: string): Locator {
    return this.buckets.getByRole('img', { name: new RegExp(`^${escape(label)}:`) });
  }

  /** The hedged bucket's share now, read from its bar's name ('…: 12.5% now'). */
  async hedgedShare(): Promise<number> {
    const bar = this.bucket('Hedged spot');
    await expect(bar).toHaveAccessibleName(/: \d+(\.\d+)?% now/);
    const name = (await bar.getAttribute('aria-label')) ?? '';
    return Number(/: (\d+(?:\.\d+)?)% now/.exec(name)?.[1]);
  }

  asset(asset: string): Locator {
    return this.assets.getByTestId(`asset-${asset}`);
  }

  warning(title: string | RegExp): Locator {
    return this.warnings.getByText(title);
  }

  /** Picks a range of the value chart: '1 W', '1 M', '3 M', '1 Y' or 'All'. */
  async showRange(label: string): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: 'Range' })
      .getByText(label, { exact: true })
      .click();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
