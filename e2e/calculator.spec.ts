import { expect, test } from './fixtures';
import { CalculatorPage } from './pages/CalculatorPage';

test('a dated future is annualized, classified and given its target weights', async ({
  page,
  premia,
}) => {
  const calculator = new CalculatorPage(page);
  await calculator.open(premia.url);
  await calculator.enterFuture({ spot: '100', futures: '101.5', days: '30' });

  await expect(calculator.premium).toHaveText('18.25% a year, simple');
  await expect(calculator.regimeBadge('Moderate contango')).toBeVisible();
  await expect(calculator.weightsChart).toHaveAttribute(
    'aria-label',
    'Target weights: Spot (unhedged) 70%, Hedged spot 15%, Stablecoins 15%',
  );
  await expect(calculator.result.getByText('Hedged spot: 15%')).toBeVisible();

  await calculator.enterFuture({ spot: '100', futures: '101.5', days: '30', method: 'Compound' });
  await expect(calculator.premium).toHaveText(/^19\.\d\d% a year, compound$/);
});

test('a funding rate is annualized by its interval, with hysteresis when asked', async ({
  page,
  premia,
}) => {
  const calculator = new CalculatorPage(page);
  await calculator.open(premia.url);
  await calculator.enterFunding({ ratePercent: '0.01', intervalHours: '8' });

  await expect(calculator.premium).toHaveText('10.95% a year, from funding every 8 h');
  await expect(calculator.regimeBadge('Moderate contango')).toBeVisible();

  // Coming from extreme contango, 10.95% is above the 5% exit level: the regime holds.
  await calculator.choosePreviousRegime('Extreme contango');
  await expect(calculator.regimeBadge('Extreme contango')).toBeVisible();
  await expect(calculator.result.getByText(/Held by hysteresis/)).toBeVisible();
  await expect(calculator.weightsChart).toHaveAttribute(
    'aria-label',
    'Target weights: Spot (unhedged) 50%, Hedged spot 20%, Stablecoins 30%',
  );

  // The same rate paid every 4 hours is twice the premium, extreme in its own right.
  await calculator.choosePreviousRegime('None');
  await calculator.field('Funding interval').fill('4');
  await expect(calculator.premium).toHaveText('21.90% a year, from funding every 4 h');
  await expect(calculator.regimeBadge('Extreme contango')).toBeVisible();
  await expect(calculator.result.getByText(/Held by hysteresis/)).toHaveCount(0);
});

test('a contract near expiry is flagged, and a bad field is named', async ({ page, premia }) => {
  const calculator = new CalculatorPage(page);
  await calculator.open(premia.url);
  await calculator.enterFuture({ spot: '100', futures: '100.1', days: '3' });
  await expect(calculator.result.getByText('Near expiry', { exact: true })).toBeVisible();

  const days = calculator.field('Days to expiry');
  await days.fill('0');
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Days to expiry must be above 0')).toBeVisible();
  await expect(calculator.result.getByText('Complete the quote to see its premium.')).toBeVisible();
});

test('a number is taken as typed: a minus sign is kept and refused, an exponent is read whole', async ({
  page,
  premia,
}) => {
  const calculator = new CalculatorPage(page);
  await calculator.open(premia.url);

  const days = calculator.field('Days to expiry');
  await days.fill('-5');
  await expect(days).toHaveValue('-5');
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Days to expiry must be above 0')).toBeVisible();

  await calculator.enterFuture({ spot: '1e2', futures: '1.015e2', days: '30' });
  await expect(calculator.field('Spot price')).toHaveValue('1e2');
  await expect(calculator.premium).toHaveText('18.25% a year, simple');
});

test('on first load the calculator shows the default quote’s result without an "Evaluating…" flash', async ({
  page,
  premia,
}) => {
  // Records, from the first paint on, whether the page ever said it was evaluating.
  await page.addInitScript(`
    window.__evaluatingSeen = false;
    new MutationObserver(() => {
      if (document.body && document.body.textContent.includes('Evaluating')) window.__evaluatingSeen = true;
    }).observe(document, { childList: true, subtree: true, characterData: true });
  `);
  const calculator = new CalculatorPage(page);
  await calculator.open(premia.url);
  await expect(calculator.premium).toHaveText(/% a year/);
  expect(await page.evaluate('window.__evaluatingSeen')).toBe(false);
});
