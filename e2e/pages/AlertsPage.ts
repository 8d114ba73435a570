import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The Alerts view: standing alerts to acknowledge, cleared ones, and the header's alert count. */
export class AlertsPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  /** The header's button that counts unacknowledged alerts and opens this page. */
  readonly indicator: Locator;
  readonly active: Locator;
  readonly history: Locator;
  readonly allowNotifications: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Alerts' });
    this.indicator = page.getByRole('banner').getByRole('button', { name: /^Alerts:/ });
    this.active = page.getByRole('list', { name: 'Active alerts' });
    this.history = page.getByRole('region', { name: 'History' });
    this.allowNotifications = page.getByRole('button', { name: 'Allow browser notifications' });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.indicator.click();
    await expect(this.heading).toBeFocused();
  }

  /** The alert the page was opened on (a notification's click), wherever it is listed. */
  current(): Locator {
    return this.page.locator('li[aria-current="true"]');
  }

  /** A standing alert, found by its title. */
  alert(title: string | RegExp): Locator {
    return this.active.getByRole('listitem', { name: title });
  }

  acknowledgeButton(title: string): Locator {
    return this.alert(title).getByRole('button', { name: `Acknowledge: ${title}` });
  }
}
