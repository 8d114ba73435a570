import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  components: {
    // Figures in a column line up when every digit has the same width.
    Table: { defaultProps: { style: { fontVariantNumeric: 'tabular-nums' } } },
  },
});
