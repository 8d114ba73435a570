// Every page checked with axe in both themes: no serious or critical violation of WCAG 2.1 A/AA
// (contrast included). A failure lists each rule, its impact and the elements it found. Each page
// also names itself in the tab's title, and the app has an icon there.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppShell, VIEWS } from './pages/AppShell';

/** The serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join(', ')}${v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ''}`,
    );
}

for (const scheme of ['Light', 'Dark'] as const) {
  test(`every page has no serious or critical accessibility violation in the ${scheme.toLowerCase()} theme`, async ({
    page,
    premia,
  }) => {
    test.setTimeout(120_000);
    const shell = new AppShell(page);
    await page.goto(premia.url);
    await shell.useColorScheme(scheme);
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', /\.svg$/);
    const icon = await page.request.get(
      new URL((await page.locator('link[rel="icon"]').getAttribute('href')) ?? '', page.url()).href,
    );
    expect(icon.headers()['content-type']).toBe('image/svg+xml');
    const found: Record<string, string[]> = {};
    for (const name of VIEWS) {
      await shell.goTo(name);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page).toHaveTitle(`${name} · Premia`);
      // Let the page's first data arrive, so what is checked is what a user reads.
      await page.waitForLoadState('networkidle').catch(() => undefined);
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[name] = violations;
    }
    expect(found).toEqual({});
  });
}
