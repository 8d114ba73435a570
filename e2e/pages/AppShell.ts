import { expect, type Locator, type Page } from '@playwright/test';

/** The frame around every page: navigation, colour scheme, the connection to the host, notices. */
export class AppShell {
  readonly nav: Locator;
  /** The live region above every page that says when the host is lost and when it is back. */
  readonly connectionBanner: Locator;
  /** The header's word on whether the host is connected. */
  readonly connectionIndicator: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Pages' });
    this.connectionBanner = page.getByRole('status', { name: 'Connection to Premia' });
    this.connectionIndicator = page.getByRole('banner').getByTestId('connection-indicator');
  }

  navLink(name: string): Locator {
    return this.nav.getByRole('link', { name });
  }

  async goTo(name: string): Promise<void> {
    await this.navLink(name).click();
    await expect(this.navLink(name)).toHaveAttribute('aria-current', 'page');
  }

  async useColorScheme(scheme: 'Light' | 'Dark' | 'Auto'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Colour scheme' }).getByText(scheme).click();
  }
}
