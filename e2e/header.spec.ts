// The header's Demo badge: drawn in the first frame on a return visit, and following the market
// source as it is saved.
import { expect, test } from './fixtures';
import { StrategyPage } from './pages/StrategyPage';

test('on a return visit the Demo badge is drawn with the header, before the host has answered', async ({
  page,
  premia,
}) => {
  // Records when the header and the badge first enter the document.
  await page.addInitScript(`
    const seen = {};
    window.__seen = seen;
    new MutationObserver(() => {
      const at = performance.now();
      if (seen.header === undefined && document.querySelector('header')) seen.header = at;
      const badge = '[title="The built-in exchange simulator is the market"]';
      if (seen.badge === undefined && document.querySelector(badge)) seen.badge = at;
    }).observe(document, { subtree: true, childList: true });
  `);
  const strategy = new StrategyPage(page);
  await page.goto(premia.url);
  await expect(strategy.shell.demoBadge).toBeVisible();

  await page.reload();
  await expect(strategy.shell.demoBadge).toBeVisible();
  const seen = (await page.evaluate('window.__seen')) as { header: number; badge: number };
  expect(seen.badge).toBe(seen.header);
});

test("the header's Demo badge follows a saved change of market source without a reload", async ({
  page,
  premia,
}) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  await expect(strategy.shell.demoBadge).toBeVisible();
  await page.evaluate('window.__sameDocument = true');

  const source = page.getByRole('radiogroup', { name: 'Market data source' });
  await source.getByText('Live public data', { exact: true }).click();
  await strategy.save();
  await expect(strategy.savedMessage()).toBeVisible();
  await expect(strategy.shell.demoBadge).toBeHidden();

  await source.getByText('Demo market', { exact: true }).click();
  await strategy.save();
  await expect(strategy.shell.demoBadge).toBeVisible();
  expect(await page.evaluate('window.__sameDocument')).toBe(true);
});
