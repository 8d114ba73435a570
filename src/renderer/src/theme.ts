// The app's look, tuned so text keeps a contrast of at least 4.5:1 in both schemes: Mantine's
// defaults put white on mid shades, mid-grey "dimmed" text and coloured text on tinted badges
// below that.
import {
  createTheme,
  darken,
  DEFAULT_THEME,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Filled buttons and badges take this shade: white text on shade 7 reads at 4.5:1 or more.
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  components: {
    // Figures in a column line up when every digit has the same width.
    Table: { defaultProps: { style: { fontVariantNumeric: 'tabular-nums' } } },
  },
});

/**
 * Coloured text in the light scheme, on white or on the colour's tint: its darkest shade darkened
 * further (orange, yellow and green are too light even at shade 9).
 */
export function lightVariantText(shades: MantineColorsTuple): string {
  return darken(shades[9], 0.3);
}

export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': DEFAULT_THEME.colors.gray[7],
  };
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    light[`--mantine-color-${name}-light-color`] = lightVariantText(shades);
    // Coloured text (c="red") on the page's own background.
    light[`--mantine-color-${name}-text`] = lightVariantText(shades);
  }
  return {
    variables: {},
    light,
    dark: { '--mantine-color-dimmed': DEFAULT_THEME.colors.dark[1] },
  };
};
