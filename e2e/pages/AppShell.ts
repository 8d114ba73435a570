import { expect, type Locator, type Page } from '@playwright/test';

/** Every view, by its navigation link's name, in the navigation's order. */
export const VIEWS = [
  'Dashboard',
  'Rebalance',
  'Journal',
  'Holdings',
  'Accounts',
  'Alerts',
  'Markets',
  'Carry scanner',
  'Strategy',
  'Backtest',
  'Premium calculator',
] as const;

/** The frame around every page: navigation, colour scheme, how the data stands, notices. */
export class AppShell {
  readonly nav: Locator;
  /** The header's badge that says the built-in simulator is the market. */
  readonly demoBadge: Locator;
  /**
   * The live region above every page that says when the host is lost and when it is back, and when
   * market data does not come in and why.
   */
  readonly dataBanner: Locator;
  /** The header's word on the data: the host's connection, and the market's state while connected. */
  readonly dataIndicator: Locator;
  /** The banner's countdown to the market's next retry. */
  readonly nextRetry: Locator;
  /** The banner's button that asks the market again at once. */
  readonly retryMarket: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Pages' });
    this.demoBadge = page
      .getByRole('banner')
      .getByTitle('The built-in exchange simulator is the market');
    this.dataBanner = page.getByRole('status', { name: 'Data health' });
    this.dataIndicator = page.getByRole('banner').getByTestId('connection-indicator');
    this.nextRetry = this.dataBanner.getByTestId('next-retry');
    this.retryMarket = this.dataBanner.getByRole('button', { name: 'Retry now' });
  }

  /**
   * Waits until the page is no wider than the window (charts and tables settle their width a frame or
   * two after a resize); `what` names the page in a failure.
   */
  async expectNoHorizontalOverflow(what = 'the page'): Promise<void> {
    await expect
      .poll(
        () =>
          this.page.evaluate<number>(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          ),
        { message: `${what} fits the window` },
      )
      .toBeLessThanOrEqual(0);
  }

  /** Hovers the header's indicator and gives the detail its tooltip shows. */
  async dataDetail(): Promise<string> {
    await this.dataIndicator.hover();
    const tip = this.page.getByRole('tooltip');
    await expect(tip).toBeVisible();
    return (await tip.textContent()) ?? '';
  }

  navLink(name: string): Locator {
    return this.nav.getByRole('link', { name });
  }

  async goTo(name: string): Promise<void> {
    await this.navLink(name).click();
    await expect(this.navLink(name)).toHaveAttribute('aria-current', 'page');
  }

  /** Waits until the navbar a phone-sized window folds away has slid out of sight. */
  async waitForNavFolded(): Promise<void> {
    await expect
      .poll(async () => {
        const box = await this.nav.boundingBox();
        return box === null ? 0 : box.x + box.width;
      })
      .toBeLessThanOrEqual(0);
  }

  async useColorScheme(scheme: 'Light' | 'Dark' | 'Auto'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Colour scheme' }).getByText(scheme).click();
  }
}
