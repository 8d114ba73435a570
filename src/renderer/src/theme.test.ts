import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { cssVariablesResolver, lightVariantText, theme } from './theme';

/** WCAG's contrast ratio of two colours written #rrggbb. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b2!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Mantine's darken answers rgba(); back to #rrggbb. */
function hex(color: string): string {
  if (color.startsWith('#')) return color;
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return `#${[r, g, b].map((v) => Math.round(v!).toString(16).padStart(2, '0')).join('')}`;
}

describe('the theme’s colours', () => {
  it('write every colour’s text at 4.5:1 or more on white and on the colour’s own tints', () => {
    for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
      const text = hex(lightVariantText(shades));
      for (const background of ['#ffffff', shades[0], shades[1]]) {
        expect(contrast(text, background), `${name} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('put white on the primary colour at 4.5:1 or more in the light scheme', () => {
    const shade = typeof theme.primaryShade === 'object' ? theme.primaryShade.light : 6;
    const primary = DEFAULT_THEME.colors.indigo[shade ?? 6];
    expect(contrast('#ffffff', primary)).toBeGreaterThanOrEqual(4.5);
  });

  it('make dimmed text readable on the page in both schemes', () => {
    const vars = cssVariablesResolver(DEFAULT_THEME);
    expect(contrast(vars.light['--mantine-color-dimmed']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    // The dark scheme's page and its raised surfaces.
    for (const surface of ['#242424', '#2e2e2e']) {
      expect(contrast(vars.dark['--mantine-color-dimmed']!, surface)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
