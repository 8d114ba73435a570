// Every view used from the keyboard alone: each is reached from the navigation with Tab and Enter,
// its heading takes the focus, and every stop Tab makes on it is visible on screen. The asset
// detail closes with Escape and gives the focus back to its asset.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { VIEWS } from './pages/AppShell';
import { MarketsPage } from './pages/MarketsPage';

/** What has the focus: its tag, its accessible text, and whether it is visible on screen. */
async function focused(page: Page): Promise<{ tag: string; text: string; visible: boolean }> {
  return page.evaluate<{ tag: string; text: string; visible: boolean }>(`(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { tag: 'body', text: '', visible: false };
    // A switch or a segment hides its own input and shows the focus on its label; a multi-select's
    // search field shrinks beside its pills inside a box that shows the focus.
    const own = e.getBoundingClientRect();
    const shown = (own.width > 1 && own.height > 1 ? e : null) ||
      (e.labels && e.labels[0]) || e.closest('label') || e.parentElement;
    const box = shown.getBoundingClientRect();
    const style = getComputedStyle(shown);
    const visible = box.width > 1 && box.height > 1 && style.visibility !== 'hidden' &&
      box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
    const text = (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\\s+/g, ' ');
    const where = e.tagName.toLowerCase() + '[' + (e.getAttribute('type') || '') + '] ' + (e.getAttribute('name') || e.id) + ' ' + Math.round(box.top) + ',' + Math.round(box.left) + ' ' + Math.round(box.width) + 'x' + Math.round(box.height);
    return { tag: e.tagName.toLowerCase(), text: text.slice(0, 60) + ' @ ' + where, visible };
  })()`);
}

/** Presses Tab until the focus is on a link whose text starts with `name`. */
async function tabToLink(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now.tag === 'a' && now.text.startsWith(name)) return;
  }
  throw new Error(`Tab never reached the ${name} link`);
}

test('every view is reached with Tab and Enter, and every stop Tab makes on it is visible', async ({
  page,
  premia,
}) => {
  test.setTimeout(180_000);
  await page.goto(premia.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const hidden: string[] = [];
  for (const view of VIEWS) {
    // From the page's top, as a keyboard user starts.
    await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
    await tabToLink(page, view);
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toBeFocused();
    await expect(page).toHaveTitle(`${view} · Premia`);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now.tag === 'body') break;
      if (!now.visible) hidden.push(`${view}: ${now.tag} "${now.text}"`);
    }
  }
  expect(hidden, 'focus stops that cannot be seen').toEqual([]);
});

test('the asset detail opens from the keyboard, closes with Escape and gives the focus back', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  await page.goto(premia.url);
  await tabToLink(page, 'Markets');
  await page.keyboard.press('Enter');
  await markets.waitForData('BTC');
  await markets.assetLink('BTC').focus();
  await page.keyboard.press('Enter');
  const detail = markets.detail('BTC');
  await expect(detail.getByRole('heading', { name: 'BTC in detail' })).toBeFocused();
  // Its charts carry no logo link of their own (the navbar has the one attribution), and no id
  // on the page is used twice.
  await expect(detail.locator('canvas').first()).toBeVisible();
  await expect(page.locator('#tv-attr-logo')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Charts by TradingView' })).toHaveCount(1);
  const repeated = await page.evaluate<string[]>(`(() => {
    const seen = new Set(), twice = new Set();
    for (const e of document.querySelectorAll('[id]')) (seen.has(e.id) ? twice : seen).add(e.id);
    return [...twice];
  })()`);
  expect(repeated, 'ids used twice').toEqual([]);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(markets.assetLink('BTC')).toBeFocused();
});

test('removing an asset from the keyboard leaves the focus on Undo, which tracks it again', async ({
  page,
  premia,
}) => {
  const markets = new MarketsPage(page);
  await page.goto(premia.url);
  await tabToLink(page, 'Markets');
  await page.keyboard.press('Enter');
  await markets.waitForData('ETH');
  await markets.removeButton('ETH').focus();
  await page.keyboard.press('Enter');
  await expect(markets.row('ETH')).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: 'ETH is no longer tracked.' }),
  ).toBeVisible();
  const undo = page.getByRole('button', { name: 'Undo: track ETH again' });
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(markets.row('ETH')).toBeVisible();
  await expect(undo).toHaveCount(0);
});
