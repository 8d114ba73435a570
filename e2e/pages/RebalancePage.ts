import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The confirmation before a plan is executed: the whole plan once more and two named buttons. */
export class ExecutionDialog {
  readonly root: Locator;
  readonly orders: Locator;
  readonly transfers: Locator;
  readonly shorts: Locator;
  readonly weightsAfter: Locator;
  readonly costs: Locator;
  readonly demoMarker: Locator;
  readonly blockers: Locator;
  readonly confirmButton: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Execute this plan?' });
    this.orders = this.root.getByRole('table', { name: 'Orders to execute' });
    this.transfers = this.root.getByRole('region', { name: 'Transfers' });
    this.shorts = this.root.getByRole('list', { name: 'Shorts opened or added to' });
    this.weightsAfter = this.root.getByRole('img', { name: /^After the plan: / });
    this.costs = this.root.getByTestId('confirm-costs');
    this.demoMarker = this.root.getByText('Demo account', { exact: true });
    this.blockers = this.root.getByRole('alert');
    this.confirmButton = this.root.getByRole('button', { name: 'Execute now' });
    this.cancelButton = this.root.getByRole('button', { name: 'Cancel', exact: true });
  }

  /** The order rows in execution order. */
  orderRows(): Locator {
    return this.orders.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  /** An order row's cells: side, symbol, amount, limit price, expected price, fee, slippage. */
  orderCell(row: number, column: number): Locator {
    return this.orderRows().nth(row).getByRole('cell').nth(column);
  }
}

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
  readonly flattenButton: Locator;
  /** Opens the confirmation; held back (with the reasons beside it) while the plan is not ready. */
  readonly executeButton: Locator;
  readonly executeBlockers: Locator;
  /** Why the host would not execute the plan. */
  readonly executeError: Locator;
  readonly dialog: ExecutionDialog;
  /** The execution's steps, each with its state in words. */
  readonly executionSteps: Locator;
  /** The execution's result: done, failed or refused, with the problem and what to do next. */
  readonly executionResult: Locator;
  readonly makeNewButton: Locator;

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
    this.flattenButton = page.getByRole('button', { name: 'Flatten all hedges' });
    this.executeButton = page.getByRole('button', { name: 'Execute plan' });
    this.executeBlockers = page.getByTestId('execute-blockers');
    this.executeError = page.getByTestId('execute-error');
    this.dialog = new ExecutionDialog(page);
    this.executionSteps = page.getByRole('list', { name: 'Execution steps' });
    this.executionResult = page.getByTestId('execution-result');
    this.makeNewButton = page.getByRole('button', { name: 'Make a new plan' });
  }

  /** Opens the confirmation of the plan shown. */
  async openConfirmation(): Promise<ExecutionDialog> {
    await this.executeButton.click();
    await expect(this.dialog.root).toBeVisible();
    return this.dialog;
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
