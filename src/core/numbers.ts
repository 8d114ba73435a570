// Guards for numbers that cross into the domain: the checks that refuse a value with a RangeError
// worded the same everywhere, and the readers that keep a usable number and drop anything else.

/** Throws `<what> must be a finite number (got …)` unless `value` is finite. */
export function requireFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number (got ${String(value)})`);
  }
}

/**
 * Throws `<what> must be a finite number above 0 (got …)` unless `value` is finite and positive; with
 * a unit, `<what> must be a finite number of <unit> above 0 (got …)`.
 */
export function requirePositive(value: number, what: string, unit?: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    const amount = unit === undefined ? 'a finite number' : `a finite number of ${unit}`;
    throw new RangeError(`${what} must be ${amount} above 0 (got ${String(value)})`);
  }
}

/** Throws `<what> must be a finite time in ms (got …)` unless `value` is finite. */
export function requireTime(value: number, what = 'now'): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite time in ms (got ${String(value)})`);
  }
}

/** The value when it is a finite number, otherwise null (a venue's missing or garbled field). */
export function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The value when it is a finite number above 0, otherwise null. */
export function positiveOrNull(value: unknown): number | null {
  const n = finiteOrNull(value);
  return n !== null && n > 0 ? n : null;
}
