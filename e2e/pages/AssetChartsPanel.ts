import { expect, type Locator, type Page } from '@playwright/test';
import { MarketsPage } from './MarketsPage';

/** The history charts and term structure of one asset's detail on the Markets view. */
export class AssetChartsPanel {
  readonly markets: MarketsPage;
  readonly detail: Locator;
  readonly ranges: Locator;
  readonly termTable: Locator;
  readonly termChart: Locator;

  constructor(
    readonly page: Page,
    readonly asset: string,
  ) {
    this.markets = new MarketsPage(page);
    this.detail = this.markets.detail(asset);
    this.ranges = this.detail.getByRole('group', { name: `${asset} history range` });
    this.termTable = this.detail.getByRole('table', { name: `${asset} term structure` });
    this.termChart = this.detail.getByRole('img', {
      name: new RegExp(`^Annualized premium of ${asset}`),
    });
  }

  /** Opens the Markets view and the asset's detail. */
  async open(url: string): Promise<void> {
    await this.markets.open(url);
    await this.markets.waitForData(this.asset);
    await this.markets.assetLink(this.asset).click();
    await expect(this.detail).toBeVisible();
  }

  /** A range button by its short text (1 W, 1 M, 3 M, 1 Y, All). */
  rangeButton(short: string): Locator {
    return this.ranges.getByRole('button', { name: new RegExp(`^${short}:`) });
  }

  chart(title: string): Locator {
    return this.detail.getByRole('figure', { name: title, exact: true });
  }

  /** The caption of a chart: what it shows on screen, in words. */
  async caption(title: string): Promise<string> {
    const figure = this.chart(title);
    await expect(figure).toHaveAccessibleDescription(/From |One point|No history/, {
      timeout: 15_000,
    });
    const id = await figure.getAttribute('aria-describedby');
    return id === null ? '' : ((await this.page.locator(`[id="${id}"]`).textContent()) ?? '');
  }

  /** The first and last dates the caption names, as ms; the same moment twice while it names one. */
  async captionSpan(title: string): Promise<{ from: number; to: number }> {
    const text = await this.caption(title);
    const match = /From (.+?) to (.+?):/.exec(text);
    if (!match) return { from: 0, to: 0 };
    return { from: Date.parse(match[1]!), to: Date.parse(match[2]!) };
  }

  async columnHeaders(): Promise<string[]> {
    return this.termTable.getByRole('columnheader').allTextContents();
  }
}
