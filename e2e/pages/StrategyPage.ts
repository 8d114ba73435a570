import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export class StrategyPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly saveButton: Locator;
  readonly unsavedBadge: Locator;
  readonly regimeTable: Locator;
  /** The bar with Save, pinned under the header or, on a phone with edits, to the bottom edge. */
  readonly saveBar: Locator;
  /** "Thresholds from history": the levels per asset beside the fixed ones, and the mode switch. */
  readonly calibration: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Strategy' });
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.unsavedBadge = page.getByText('Unsaved changes', { exact: true });
    this.saveBar = page.getByRole('region', { name: 'Save changes' });
    this.regimeTable = page.getByRole('table', { name: 'Regime table' });
    this.calibration = page.getByRole('region', { name: 'Thresholds from history' });
  }

  /** Opens the app at `url` and shows this page once its settings have loaded. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.shell.goTo('Strategy');
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.threshold('Moderate contango from')).toBeVisible();
  }

  /**
   * Any labelled field of the form, by its exact label. Other pages stay mounted while hidden (the
   * Accounts form has an Exchange field too): only the one on view counts.
   */
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true }).filter({ visible: true });
  }

  /** A switch of the form, by its label. */
  switch(label: string): Locator {
    return this.page.getByRole('switch', { name: label }).filter({ visible: true });
  }

  threshold(label: string): Locator {
    return this.field(label);
  }

  /** The form's threshold mode choice. */
  thresholdMode(mode: 'Fixed' | 'From history'): Locator {
    return this.page
      .getByRole('radiogroup', { name: 'Threshold mode' })
      .getByRole('radio', { name: mode, exact: true });
  }

  weightSet(name: string): Locator {
    return this.page.getByRole('group', { name });
  }

  weight(set: string, bucket: 'Spot (unhedged)' | 'Hedged spot' | 'Stablecoins'): Locator {
    return this.weightSet(set).getByLabel(bucket, { exact: true });
  }

  async setField(field: Locator, value: string): Promise<void> {
    await field.fill(value);
    await expect(field).toHaveValue(value);
  }

  async save(): Promise<void> {
    await this.saveButton.click();
  }

  savedMessage(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'Settings saved.' });
  }

  refusal(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'Not saved' });
  }

  /** Whether `target` lies wholly inside the window and clear of the save bar. */
  async isClearOfSaveBar(target: Locator): Promise<boolean> {
    const box = await target.boundingBox();
    const bar = await this.saveBar.boundingBox();
    const view = this.page.viewportSize();
    if (!box || !bar || !view) return false;
    const inWindow = box.y >= 0 && box.y + box.height <= view.height;
    const overlapsBar = box.y < bar.y + bar.height && bar.y < box.y + box.height;
    return inWindow && !overlapsBar;
  }

  regimeRow(regime: string): Locator {
    return this.regimeTable.getByRole('row').filter({ hasText: regime });
  }
}
