// Number and duration formatting shared by the UI and the CLI, fixed to en-US so output never depends on the machine.
import { MINUTE_MS, HOUR_MS, DAY_MS } from '../shared/time';
const LOCALE = 'en-US';
/** U+2212: a real minus sign, the width of a plus, not a hyphen. */
export const MINUS_SIGN = '\u2212';
/** What is shown in place of a number that is not one. */
export const MISSING = '—';

const formatters = new Map<string, Intl.NumberFormat>();

function fixedFormatter(minDigits: number, maxDigits: number): Intl.NumberFormat {
  const key = `f${minDigits}:${maxDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, {
      minimumFractionDigits: minDigits,
      maximumFractionDigits: maxDigits,
      useGrouping: true,
    });
    formatters.set(key, f);
  }
  return f;
}

function significantFormatter(digits: number): Intl.NumberFormat {
  const key = `s${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: digits, useGrouping: true });
    formatters.set(key, f);
  }
  return f;
}

function requireDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`digits must be a whole number from 0 to 20 (got ${digits})`);
  }
}

/** Formats |value| and puts a real minus in front when the shown figure is not zero. */
function signed(value: number, format: (abs: number) => string): string {
  const text = format(Math.abs(value));
  const shownAsZero = !/[1-9]/.test(text);
  return value < 0 && !shownAsZero ? `${MINUS_SIGN}${text}` : text;
}

/**
 * A decimal as a percent: 0.1234 → '12.34%', −0.031 → '−3.10%' (real minus sign). A value that
 * rounds to zero shows no sign; a non-finite value shows '—'.
 */
export function formatPercent(decimal: number, digits = 2): string {
  requireDigits(digits);
  if (!Number.isFinite(decimal)) return MISSING;
  return `${signed(decimal * 100, (abs) => fixedFormatter(digits, digits).format(abs))}%`;
}

/**
 * A price with thousands separators: a fixed number of decimals when `digits` is given, otherwise
 * two decimals from 1 up and four significant digits below 1 (so 0.0001234 is not shown as 0.00).
 */
export function formatPrice(price: number, digits?: number): string {
  if (digits !== undefined) requireDigits(digits);
  if (!Number.isFinite(price)) return MISSING;
  return signed(price, (abs) => {
    if (digits !== undefined) return fixedFormatter(digits, digits).format(abs);
    if (abs >= 1 || abs === 0) return fixedFormatter(2, 2).format(abs);
    return significantFormatter(4).format(abs);
  });
}

/**
 * A time span, such as the time to the next funding, in its two largest units, rounded down:
 * '3 h 12 min', '2 d 5 h', '45 min', '< 1 min'. A negative or non-finite span shows '—'.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return MISSING;
  if (ms < MINUTE_MS) return '< 1 min';
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}
