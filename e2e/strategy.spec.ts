import { expect, test } from './fixtures';
import { StrategyPage } from './pages/StrategyPage';

test('a threshold edited and saved survives a reload and a restart of the host', async ({
  page,
  premia,
}) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  const moderateFrom = strategy.threshold('Moderate contango from');
  await expect(moderateFrom).toHaveValue('5');

  await strategy.setField(moderateFrom, '7.5');
  await expect(strategy.unsavedBadge).toBeVisible();
  // The table follows the edit before it is saved.
  await expect(strategy.regimeRow('Moderate contango')).toContainText('7.50% to 20.00%');

  await strategy.save();
  await expect(strategy.savedMessage()).toBeVisible();
  await expect(strategy.unsavedBadge).toBeHidden();

  await page.reload();
  await strategy.waitUntilLoaded();
  await expect(moderateFrom).toHaveValue('7.5');
  await expect(strategy.regimeRow('Neutral')).toContainText('\u221210.00% to 7.50%');

  const url = await premia.restart();
  await strategy.open(url);
  await expect(moderateFrom).toHaveValue('7.5');
});

test('the threshold mode is a draft like every other setting: the switch waits for Save, beside an edit', async ({
  page,
  premia,
}) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  const moderateFrom = strategy.threshold('Moderate contango from');
  await strategy.setField(moderateFrom, '7.5');
  await expect(strategy.unsavedBadge).toBeVisible();

  // The calibration section's switch edits the form's mode; nothing is saved yet.
  await strategy.calibration.getByRole('button', { name: 'Use levels from history' }).click();
  await expect(strategy.thresholdMode('From history')).toBeChecked();
  await expect(strategy.calibration).toContainText(
    "In use now: the fixed levels, for every asset; once saved: each asset's levels from its own history",
  );
  await expect(moderateFrom).toHaveValue('7.5');
  // Another window on the same host still sees the fixed levels in use.
  const other = new StrategyPage(await page.context().newPage());
  await other.open(premia.url);
  await expect(other.calibration).toContainText('In use now: the fixed levels, for every asset');
  await expect(other.thresholdMode('Fixed')).toBeChecked();

  // In history mode the regime table gives each tracked asset its own premium ranges.
  await expect(
    strategy.regimeTable.getByRole('columnheader', { name: /^BTC premium/ }),
  ).toBeVisible();
  await expect(
    strategy.regimeTable.getByRole('columnheader', { name: /^ETH premium/ }),
  ).toBeVisible();

  await strategy.save();
  await expect(strategy.savedMessage()).toBeVisible();
  await expect(strategy.unsavedBadge).toBeHidden();
  const historyInUse = strategy.calibration.getByText(
    "In use now: each asset's levels from its own history",
  );
  await expect(historyInUse).toBeVisible();
  // The other window follows the saved mode at once.
  await expect(other.thresholdMode('From history')).toBeChecked();
  await other.page.close();

  await page.reload();
  await strategy.waitUntilLoaded();
  await expect(strategy.thresholdMode('From history')).toBeChecked();
  await expect(moderateFrom).toHaveValue('7.5');
  await expect(historyInUse).toBeVisible();
});

test('invalid settings are refused at the field and nothing is saved', async ({ page, premia }) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);

  const extremeAbove = strategy.threshold('Extreme contango above');
  await strategy.setField(extremeAbove, '3');
  await expect(extremeAbove).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Must be above the moderate-contango level')).toBeVisible();
  await expect(
    page.getByText('The table returns once the thresholds above are valid.'),
  ).toBeVisible();

  // A valid edit alongside the invalid weights: the refusal must keep both out.
  await strategy.setField(extremeAbove, '25');
  await expect(extremeAbove).not.toHaveAttribute('aria-invalid', 'true');
  const neutralSpot = strategy.weight('Neutral', 'Spot (unhedged)');
  await strategy.setField(neutralSpot, '80');

  const neutral = strategy.weightSet('Neutral');
  await expect(neutral.getByRole('alert')).toHaveText(
    'Weights must sum to 100% (they sum to 110.00%)',
  );
  await expect(neutralSpot).toHaveAttribute('aria-invalid', 'true');
  await expect(strategy.regimeRow('Neutral')).toContainText('Invalid weights');

  await strategy.save();
  await expect(strategy.refusal()).toBeVisible();
  await expect(strategy.savedMessage()).toHaveCount(0);
  await expect(strategy.unsavedBadge).toBeVisible();

  await page.reload();
  await strategy.waitUntilLoaded();
  await expect(neutralSpot).toHaveValue('70');
  await expect(strategy.weight('Neutral', 'Stablecoins')).toHaveValue('30');
  await expect(strategy.threshold('Extreme contango above')).toHaveValue('20');
});

test('a refusal from the host is shown with its message at the field it names', async ({
  page,
  premia,
}) => {
  // Stand in for a host-side check the form cannot make itself: refuse the update, pass all else on.
  const refusal = {
    code: 'invalid-input',
    message: 'rebalance.leverageCap: must not exceed what the exchange account allows (2×)',
    field: 'rebalance.leverageCap',
  };
  await page.routeWebSocket(/\/rpc/, (socket) => {
    const host = socket.connectToServer();
    socket.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: number; method: string };
      if (request.method !== 'updateSettings') {
        host.send(message);
        return;
      }
      socket.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: request.id,
          error: { code: -32000, message: refusal.message, data: refusal },
        }),
      );
    });
  });

  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  const leverageCap = strategy.field('Leverage cap');
  await strategy.setField(leverageCap, '3');
  await strategy.save();

  await expect(strategy.refusal()).toContainText(refusal.message);
  await expect(leverageCap).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByText('Must not exceed what the exchange account allows (2×)', { exact: true }),
  ).toBeVisible();
  await expect(strategy.unsavedBadge).toBeVisible();
  await expect(leverageCap).toBeFocused();

  // Editing again clears the refusal from the field.
  await strategy.setField(leverageCap, '2.5');
  await expect(leverageCap).not.toHaveAttribute('aria-invalid', 'true');
});

test('reset to defaults asks first and then restores the saved defaults', async ({
  page,
  premia,
}) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  await strategy.setField(strategy.threshold('Deep backwardation below'), '-15');
  await strategy.save();
  await expect(strategy.savedMessage()).toBeVisible();

  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset every setting to its default?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(strategy.threshold('Deep backwardation below')).toHaveValue('-15');

  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await dialog.getByRole('button', { name: 'Reset settings' }).click();
  await expect(strategy.threshold('Deep backwardation below')).toHaveValue('-10');
  await page.reload();
  await strategy.waitUntilLoaded();
  await expect(strategy.threshold('Deep backwardation below')).toHaveValue('-10');
});

test('the pages can be reached and used with the keyboard alone', async ({ page, premia }) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);

  const calculatorLink = strategy.shell.navLink('Premium calculator');
  await calculatorLink.focus();
  await page.keyboard.press('Enter');
  await expect(calculatorLink).toHaveAttribute('aria-current', 'page');
  await expect(strategy.shell.navLink('Strategy')).not.toHaveAttribute('aria-current', 'page');
  const heading = page.getByRole('heading', { level: 1, name: 'Premium calculator' });
  await expect(heading).toBeFocused();

  // Tab from the heading lands in the quote form.
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('type', 'radio');
});

test('a number is taken as typed: an exponent is read whole, a minus sign is kept, and each is refused where out of range', async ({
  page,
  premia,
}) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);

  const refresh = strategy.field('Refresh interval');
  await strategy.setField(refresh, '1e9');
  await expect(refresh).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Must be at most an hour', { exact: true })).toBeVisible();

  await page.getByRole('radiogroup', { name: 'Asset mix' }).getByText('Custom shares').click();
  const btcShare = strategy.field('BTC share');
  await strategy.setField(btcShare, '-5');
  await expect(btcShare).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Must be between 0% and 100%', { exact: true })).toBeVisible();

  await strategy.save();
  await expect(strategy.refusal()).toContainText('correct the highlighted fields');
  await page.reload();
  await strategy.waitUntilLoaded();
  await expect(refresh).toHaveValue('15');

  // The arrow keys still step a number up and down.
  await refresh.focus();
  await page.keyboard.press('ArrowUp');
  await expect(refresh).toHaveValue('16');
});

test('the second leg limits are edited in the Execution section, refused out of range and kept after a reload', async ({
  page,
  premia,
}) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  const timeout = strategy.field('Second leg time limit');
  const attempts = strategy.field('Second leg attempts');
  await expect(timeout).toHaveValue('10');
  await expect(attempts).toHaveValue('3');

  await strategy.setField(attempts, '2.5');
  await strategy.save();
  await expect(page.getByText('Must be a whole number')).toBeVisible();

  await strategy.setField(timeout, '25');
  await strategy.setField(attempts, '5');
  await expect(strategy.unsavedBadge).toBeVisible();
  await strategy.save();
  await expect(strategy.savedMessage()).toBeVisible();

  await page.reload();
  await strategy.waitUntilLoaded();
  await expect(timeout).toHaveValue('25');
  await expect(attempts).toHaveValue('5');
});

test("the desktop app's tray and login switches are saved and kept after a reload", async ({
  page,
  premia,
}) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  const tray = strategy.switch('Keep watching in the tray when the window is closed');
  const login = strategy.switch('Start at login');
  await expect(tray).toBeChecked();
  await expect(login).not.toBeChecked();

  await tray.uncheck({ force: true });
  await login.check({ force: true });
  await expect(strategy.unsavedBadge).toBeVisible();
  await strategy.save();
  await expect(strategy.savedMessage()).toBeVisible();

  await page.reload();
  await strategy.waitUntilLoaded();
  await expect(tray).not.toBeChecked();
  await expect(login).toBeChecked();
});

test('closing or reloading the page with unsaved edits asks first, and not once they are saved', async ({
  page,
  premia,
}) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  await strategy.setField(strategy.threshold('Extreme contango above'), '25');
  await expect(strategy.unsavedBadge).toBeVisible();

  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);

  await strategy.save();
  await expect(strategy.savedMessage()).toBeVisible();
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(asked).toEqual(['beforeunload']);
});

test('a rule between two levels is said at the level just edited, and Save brings it into view clear of the bar', async ({
  page,
  premia,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  const deepBelow = strategy.threshold('Deep backwardation below');
  const moderateFrom = strategy.threshold('Moderate contango from');

  // Raised past the moderate level: the message is on the field being typed in, not the one above.
  await strategy.setField(deepBelow, '12');
  await expect(deepBelow).toHaveAttribute('aria-invalid', 'true');
  await expect(moderateFrom).not.toHaveAttribute('aria-invalid', 'true');
  const message = page.getByText('Must be below the moderate-contango level (5%)');
  await expect(message).toBeVisible();

  // From the foot of the page, Save takes the user back to that field, in full view.
  await page.getByRole('heading', { name: 'Desktop app' }).scrollIntoViewIfNeeded();
  await expect(deepBelow).not.toBeInViewport();
  await strategy.save();
  await expect(strategy.refusal()).toBeVisible();
  await expect(deepBelow).toBeFocused();
  await expect.poll(() => strategy.isClearOfSaveBar(deepBelow)).toBe(true);
  await expect.poll(() => strategy.isClearOfSaveBar(message)).toBe(true);

  // Moving back up the form with the keyboard never lands a field under the pinned bar either:
  // each Shift+Tab from the multiples steps onto a level above the window's top edge.
  await strategy.setField(deepBelow, '-10');
  await page.getByRole('heading', { name: 'Desktop app' }).scrollIntoViewIfNeeded();
  await strategy.field('Deep backwardation multiple').focus();
  for (const label of [
    'Leave extreme contango below',
    'Extreme contango above',
    'Moderate contango from',
    'Deep backwardation below',
  ]) {
    await page.keyboard.press('Shift+Tab');
    await expect(strategy.threshold(label)).toBeFocused();
    await expect.poll(() => strategy.isClearOfSaveBar(strategy.threshold(label))).toBe(true);
  }
});

test('on a phone the save bar pins to the bottom edge once there is something to save', async ({
  page,
  premia,
}) => {
  const strategy = new StrategyPage(page);
  await strategy.open(premia.url);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(strategy.saveBar).toHaveAttribute('data-placement', 'static');

  // An edit far down the form: Save is at hand without scrolling back up.
  const expiryDays = strategy.field('Days before expiry');
  await expiryDays.scrollIntoViewIfNeeded();
  await strategy.setField(expiryDays, '5');
  await expect(strategy.saveBar).toHaveAttribute('data-placement', 'bottom');
  await expect(strategy.saveButton).toBeInViewport({ ratio: 1 });
  await expect.poll(() => strategy.isClearOfSaveBar(expiryDays)).toBe(true);
  const bar = await strategy.saveBar.boundingBox();
  expect(bar!.y + bar!.height).toBeCloseTo(844, 0);

  await strategy.save();
  await expect(strategy.saveBar).toHaveAttribute('data-placement', 'static');
  await page.reload();
  await strategy.waitUntilLoaded();
  await expect(expiryDays).toHaveValue('5');
});
