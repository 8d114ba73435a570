// Chart colours per colour scheme: canvas drawing cannot read the page's CSS variables, so the
// palette mirrors Mantine's default light and dark colours here.
import type { Thresholds } from '../../../shared/strategy';

export type Scheme = 'light' | 'dark';

export interface ChartPalette {
  background: string;
  text: string;
  grid: string;
  border: string;
  line: string;
  /** The colour of a threshold line by the level it marks. */
  threshold: Record<keyof Thresholds, string>;
}

const PALETTES: Record<Scheme, ChartPalette> = {
  light: {
    background: '#ffffff',
    text: '#495057',
    grid: '#f1f3f5',
    border: '#dee2e6',
    line: '#4c6ef5',
    threshold: {
      deepBelow: '#0ca678',
      moderateFrom: '#f76707',
      extremeExit: '#e8590c',
      extremeAbove: '#e03131',
    },
  },
  dark: {
    background: '#242424',
    text: '#c9c9c9',
    grid: '#2e2e2e',
    border: '#424242',
    line: '#748ffc',
    threshold: {
      deepBelow: '#38d9a9',
      moderateFrom: '#ffa94d',
      extremeExit: '#ff922b',
      extremeAbove: '#ff6b6b',
    },
  },
};

export function chartPalette(scheme: Scheme): ChartPalette {
  return PALETTES[scheme];
}
