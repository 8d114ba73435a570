import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The Backtest view: the history download, the form, and the results of the last run. */
export class BacktestPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly assets: Locator;
  readonly downloadButton: Locator;
  readonly cancelButton: Locator;
  /** What the last download stored, or why it stopped. */
  readonly downloadStatus: Locator;
  readonly runButton: Locator;
  readonly runError: Locator;
  readonly resetButton: Locator;
  readonly results: Locator;
  readonly chart: Locator;
  readonly logScale: Locator;
  readonly metrics: Locator;
  readonly exportButton: Locator;
  readonly sweep: Locator;
  readonly sweepButton: Locator;
  readonly sweepStatus: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Backtest' });
    const history = page.getByRole('region', { name: 'History' });
    this.downloadButton = history.getByRole('button', { name: 'Download history' });
    this.cancelButton = history.getByRole('button', { name: 'Cancel download' });
    this.downloadStatus = history.getByRole('status').or(history.getByRole('alert'));
    const settings = page.getByRole('region', { name: 'Settings' });
    this.assets = settings.getByRole('combobox', { name: 'Assets' });
    this.runButton = settings.getByRole('button', { name: 'Run backtest' });
    this.runError = settings.getByRole('alert');
    this.resetButton = settings.getByRole('button', { name: 'Reset to my settings' });
    this.results = page.getByRole('region', { name: 'Results' });
    this.chart = this.results.getByRole('figure', { name: /^Equity of the four strategies/ });
    this.logScale = this.results.getByRole('switch', { name: 'Logarithmic scale' });
    this.metrics = this.results.getByRole('table', { name: /^The four strategies from/ });
    this.exportButton = this.results.getByRole('button', { name: 'Export CSV' });
    this.sweep = page.getByRole('region', { name: 'Sweep' });
    this.sweepButton = this.sweep.getByRole('button', { name: 'Run sweep' });
    this.sweepStatus = this.sweep.getByRole('status');
  }

  /** Sets a sweep axis ('Rows' or 'Columns') to a parameter and the values typed for it. */
  async sweepAxis(axis: 'Rows' | 'Columns', parameter: string, values: string): Promise<void> {
    await this.sweep.getByRole('combobox', { name: axis, exact: true }).click();
    await this.page.getByRole('option', { name: parameter, exact: true }).click();
    await this.sweep.getByRole('textbox', { name: `${parameter}: values` }).fill(values);
  }

  /** Switches the history to the user's CSV files. */
  async useCsvFiles(): Promise<void> {
    await this.page
      .getByRole('region', { name: 'History' })
      .getByRole('radiogroup', { name: 'Source' })
      .getByText('CSV files')
      .click();
  }

  /** The files of the n-th asset (from 1) of the CSV source. */
  csvAsset(n: number): Locator {
    return this.page
      .getByRole('region', { name: 'History' })
      .getByRole('group', { name: new RegExp(`^Files of asset ${n}\\b`) });
  }

  /** Chooses a file for one of an asset's two file fields ('Daily prices' or 'Funding'). */
  async chooseFile(n: number, field: 'Daily prices' | 'Funding', path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.csvAsset(n).getByRole('button', { name: field }).click();
    await (await chooser).setFiles(path);
  }

  /** A sweep's heat map ('CAGR' or 'Max drawdown') as the table it is. */
  sweepTable(metric: string): Locator {
    return this.sweep.getByRole('table', { name: new RegExp(`^${metric} of the regime policy`) });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.shell.goTo('Backtest');
    await expect(this.heading).toBeFocused();
    await expect(this.runButton).toBeVisible();
  }

  /** A field of the form by its exact label. */
  field(label: string): Locator {
    return this.page
      .getByRole('region', { name: 'Settings' })
      .getByLabel(label, { exact: true })
      .filter({ visible: true });
  }

  /** The chosen assets, as the field's pills show them. */
  chosenAssets(): Locator {
    return this.page
      .getByRole('region', { name: 'Settings' })
      .locator('.mantine-MultiSelect-pill')
      .filter({ visible: true });
  }

  /** Removes chosen assets from the end with the keyboard until only `asset` is left. */
  async keepOnly(asset: string): Promise<void> {
    await this.assets.focus();
    for (let i = 0; i < 20; i++) {
      const chosen = await this.chosenAssets().allTextContents();
      if (chosen.length === 1 && chosen[0] === asset) return;
      if (chosen[chosen.length - 1] === asset) throw new Error(`${asset} is not last in ${chosen}`);
      await this.page.keyboard.press('Backspace');
    }
    throw new Error(`could not keep only ${asset}`);
  }

  /** A download's progress bar, by its label's start ('BTC funding'). */
  progress(series: string): Locator {
    return this.page
      .getByRole('region', { name: 'History' })
      .getByRole('progressbar', { name: new RegExp(`^${series}: `) });
  }

  metricRow(strategy: string): Locator {
    return this.metrics.getByRole('row', { name: new RegExp(`^${strategy}`) });
  }
}
