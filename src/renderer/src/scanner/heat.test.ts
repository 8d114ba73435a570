import { describe, expect, it } from 'vitest';
import { heatColor, heatLabel, HEAT_TEXT } from './heat';

/** WCAG's contrast ratio of two colours given as hsl() or #rrggbb. */
function contrast(a: string, b: string): number {
  const rgb = (c: string): number[] => {
    const hex = /^#(..)(..)(..)$/.exec(c);
    if (hex) return hex.slice(1).map((h) => parseInt(h, 16) / 255);
    const [h, s, l] = (/hsl\((\d+), (\d+)%, (\d+)%\)/.exec(c) ?? []).slice(1).map(Number) as [
      number,
      number,
      number,
    ];
    const k = (n: number) => (n + h / 30) % 12;
    const a2 = (s / 100) * Math.min(l / 100, 1 - l / 100);
    return [0, 8, 4].map((n) => l / 100 - a2 * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1)));
  };
  const lum = (c: string) => {
    const [r, g, bl] = rgb(c).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

describe('the heat map shading', () => {
  it('keeps the figure readable on every shade, at least 4.5:1', () => {
    for (const rate of [-2, -0.5, -0.2, -0.01, 0, 0.01, 0.2, 0.5, 2, null]) {
      expect(contrast(heatColor(rate), HEAT_TEXT), String(rate)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('shades funding that pays shorts warm and funding that pays longs cool, deeper as it grows', () => {
    expect(heatColor(0.3)).toMatch(/^hsl\(18,/);
    expect(heatColor(-0.3)).toMatch(/^hsl\(185,/);
    const lightness = (c: string) => Number(/(\d+)%\)$/.exec(c)?.[1]);
    expect(lightness(heatColor(0.4))).toBeLessThan(lightness(heatColor(0.1)));
  });

  it('describes each cell in words, with who paid whom', () => {
    const day = Date.UTC(2025, 5, 28);
    expect(heatLabel('SOL', day, 0.123)).toBe('SOL on Jun 28: 12.3% a year, longs paid shorts');
    expect(heatLabel('SOL', day, -0.05)).toBe('SOL on Jun 28: −5.0% a year, shorts paid longs');
    expect(heatLabel('SOL', day, null)).toBe('SOL on Jun 28: no settlement recorded');
  });
});
