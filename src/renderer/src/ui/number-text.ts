// Numbers as typed into inputs: read exactly as written or refused with the reason, and shown without
// floating-point noise.

export type NumberReading = { ok: true; value: number } | { ok: false; problem: string };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The number written in `text` ('12', '-10.5', '.25', '1e9', with a typographic minus allowed), or why
 * it is not one. Nothing is dropped or guessed: '1e9' is a billion, '-5' is negative, and '1,5' is
 * refused rather than read as 15 or 1.5.
 */
export function readNumberText(text: string): NumberReading {
  const cleaned = text.trim().replace(/\u2212/g, '-');
  // Empty, or only begun: a sign or a point on its own.
  if (/^[-+.]?$/.test(cleaned)) return { ok: false, problem: 'Enter a number' };
  if (!NUMBER.test(cleaned)) {
    return {
      ok: false,
      problem: /[,\s]/.test(cleaned)
        ? 'Write the number with a dot for decimals and no thousands separators, as in 1234.5'
        : 'Not a number: use digits, a dot for decimals and, if needed, a minus sign',
    };
  }
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return { ok: false, problem: 'Too large to be used' };
  return { ok: true, value };
}

/** The number in `text`, or null when it holds none (empty, a lone sign, letters). */
export function parseNumberText(text: string): number | null {
  const reading = readNumberText(text);
  return reading.ok ? reading.value : null;
}

/** A number as input text, rounded to 12 significant digits so 0.07 × 100 reads 7, not 7.000000000000001. */
export function numberToText(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** A decimal (0.2) as the percent text an input shows (20). */
export function decimalToPercentText(value: number): string {
  return numberToText(value * 100);
}

/**
 * The text one step up (`direction` 1) or down (-1) from the number typed, for the arrow keys; text
 * that holds no number is left as it is.
 */
export function stepNumberText(text: string, step: number, direction: 1 | -1): string {
  const value = parseNumberText(text);
  if (value === null) return text;
  return numberToText(value + direction * step);
}
