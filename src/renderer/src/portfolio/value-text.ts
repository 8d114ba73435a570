// Amounts as the portfolio views word them: values in USDT with separators, quantities of a coin with
// enough digits to tell a dust balance from zero, and signed changes.
import { formatPrice, MINUS_SIGN, MISSING } from '../../../core/format';
import { VALUATION_COIN } from '../../../shared/portfolio';

/** A value in the valuation coin: '12,345.67 USDT'; '—' when it is not a number. */
export function formatUsdt(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  return `${formatPrice(value, 2)} ${VALUATION_COIN}`;
}

/** A change in value with its sign always shown: '+1,234.50 USDT', '−20.00 USDT'. */
export function formatUsdtChange(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  const text = formatUsdt(value);
  return text.startsWith(MINUS_SIGN) || /^0\.00 /.test(text) ? text : `+${text}`;
}

/** Digits a quantity is shown to in all: a futures wallet's 5,942.64887421 USDT reads 5,942.6489. */
const QUANTITY_DIGITS = 8;
const quantityFormats = Array.from(
  { length: QUANTITY_DIGITS + 1 },
  (_, decimals) => new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals }),
);

/**
 * A quantity of a coin: about 8 significant digits, never more than 8 decimals (a satoshi) nor fewer
 * than 2, separators, no trailing zeros, and a real minus sign: 0.00012345 stays 0.00012345, 1234.5
 * reads 1,234.5 and 5942.64887421 reads 5,942.6489.
 */
export function formatQuantity(quantity: number): string {
  if (!Number.isFinite(quantity)) return MISSING;
  const whole = Math.abs(quantity) < 1 ? 0 : Math.floor(Math.log10(Math.abs(quantity))) + 1;
  const decimals = Math.min(QUANTITY_DIGITS, Math.max(2, QUANTITY_DIGITS - whole));
  const text = quantityFormats[decimals]!.format(Math.abs(quantity));
  if (quantity < 0 && /[1-9]/.test(text)) return `${MINUS_SIGN}${text}`;
  return text;
}
