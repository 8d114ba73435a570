import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The Rebalance view: the saved plan shown, its steps and costs, and the button that makes one. */
export class RebalancePage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly makeButton: Locator;
  /** Why the saved plans could not be read. */
  readonly loadError: Locator;
  /** Why the plan asked for was not made. */
  readonly makeError: Locator;
  readonly planId: Locator;
  readonly madeAt: Locator;
  readonly expires: Locator;
  readonly ready: Locator;
  readonly value: Locator;
  readonly checks: Locator;
  readonly steps: Locator;
  readonly feesTotal: Locator;
  readonly slippageTotal: Locator;
  readonly costsTotal: Locator;
  readonly weights: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Rebalance' });
    this.makeButton = page.getByRole('button', { name: 'Make a plan', exact: true });
    this.loadError = page.getByRole('alert').filter({ hasText: 'Saved plans could not be loaded' });
    this.makeError = page.getByTestId('make-error');
    this.planId = page.getByTestId('plan-id');
    this.madeAt = page.getByTestId('plan-made-at');
    this.expires = page.getByTestId('plan-expires');
    this.ready = page.getByTestId('plan-ready');
    this.value = page.getByTestId('plan-value');
    this.checks = page.getByRole('list', { name: 'Checks' });
    this.steps = page.getByRole('table', { name: 'Steps', exact: true });
    this.feesTotal = page.getByTestId('cost-fees');
    this.slippageTotal = page.getByTestId('cost-slippage');
    this.costsTotal = page.getByTestId('cost-total');
    this.weights = page.getByRole('region', { name: 'Weights' });
  }

  /** Opens the app at `url` and goes to this page. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.shell.goTo('Rebalance');
    await expect(this.heading).toBeVisible();
  }

  /** The row of step `number` (1, 2, 3 … in execution order). */
  step(number: number): Locator {
    return this.steps.getByTestId(`step-${number - 1}`);
  }

  /** The step's cells in column order: #, what, market, symbol, side, amount, contracts, … */
  stepCell(number: number, column: number): Locator {
    return this.step(number).getByRole('cell').nth(column);
  }
}
