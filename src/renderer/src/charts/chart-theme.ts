// Chart colours per colour scheme: canvas drawing cannot read the page's CSS variables, so the
// palette mirrors Mantine's default light and dark colours here.
import type { Regime, Thresholds } from '../../../shared/strategy';

export type Scheme = 'light' | 'dark';

export interface ChartPalette {
  background: string;
  text: string;
  grid: string;
  border: string;
  line: string;
  /** The colour of a threshold line by the level it marks. */
  threshold: Record<keyof Thresholds, string>;
  /** The pale band behind the premium line in each regime: light enough to read the line over it. */
  regime: Record<Regime, string>;
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
    regime: {
      'deep-backwardation': 'rgba(12, 166, 120, 0.14)',
      neutral: 'rgba(134, 142, 150, 0.08)',
      'moderate-contango': 'rgba(247, 103, 7, 0.12)',
      'extreme-contango': 'rgba(224, 49, 49, 0.16)',
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
    regime: {
      'deep-backwardation': 'rgba(56, 217, 169, 0.16)',
      neutral: 'rgba(173, 181, 189, 0.06)',
      'moderate-contango': 'rgba(255, 169, 77, 0.14)',
      'extreme-contango': 'rgba(255, 107, 107, 0.18)',
    },
  },
};

export function chartPalette(scheme: Scheme): ChartPalette {
  return PALETTES[scheme];
}
