import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export class CalculatorPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly result: Locator;
  readonly premium: Locator;
  readonly weightsChart: Locator;
  /** The live region holding the answer; busy while a newer quote is being evaluated. */
  readonly answer: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Premium calculator' });
    this.result = page.getByRole('region', { name: 'Result' });
    this.premium = this.result.getByTestId('annualized-premium');
    this.weightsChart = this.result.getByRole('img', { name: /^Target weights/ });
    this.answer = this.result.locator('[aria-live="polite"]');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.shell.goTo('Premium calculator');
    await expect(this.heading).toBeVisible();
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async chooseQuoteType(type: 'Dated future' | 'Perpetual funding'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Quote type' }).getByText(type).click();
  }

  async enterFuture(quote: {
    spot: string;
    futures: string;
    days: string;
    method?: 'Simple' | 'Compound';
  }): Promise<void> {
    await this.chooseQuoteType('Dated future');
    await this.field('Spot price').fill(quote.spot);
    await this.field('Futures price').fill(quote.futures);
    await this.field('Days to expiry').fill(quote.days);
    await this.page
      .getByRole('radiogroup', { name: 'Annualization method' })
      .getByText(quote.method ?? 'Simple')
      .click();
  }

  async enterFunding(quote: { ratePercent: string; intervalHours: string }): Promise<void> {
    await this.chooseQuoteType('Perpetual funding');
    await this.field('Funding rate per interval').fill(quote.ratePercent);
    await this.field('Funding interval').fill(quote.intervalHours);
  }

  async choosePreviousRegime(label: string): Promise<void> {
    await this.field('Previous regime').selectOption({ label });
  }

  regimeBadge(label: string): Locator {
    return this.result.getByText(label, { exact: true });
  }
}
