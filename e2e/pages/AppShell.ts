import { expect, type Locator, type Page } from '@playwright/test';

/** The frame around every page: navigation, colour scheme, notices. */
export class AppShell {
  readonly nav: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Pages' });
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
