// Numbers as typed into inputs: parsed leniently, and shown without floating-point noise.

/** The number in `text`, or null when it holds none (empty, a lone sign, letters). */
export function parseNumberText(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/\u2212/g, '-')
    .replace(/\s/g, '');
  if (cleaned === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** A number as input text, rounded to 12 significant digits so 0.07 × 100 reads 7, not 7.000000000000001. */
export function numberToText(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** A decimal (0.2) as the percent text an input shows (20). */
export function decimalToPercentText(value: number): string {
  return numberToText(value * 100);
}
