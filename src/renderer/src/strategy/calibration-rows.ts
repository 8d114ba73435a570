// The "from history" comparison as the Strategy page shows it: each threshold level fixed and from the
// asset's trailing year, the statistics behind the latter, and the form's switch between the two modes.
import { formatPercent } from '../../../core/format';
import type { Calibration } from '../../../shared/market';
import type { Settings } from '../../../shared/settings';
import type { Thresholds } from '../../../shared/strategy';

export type ThresholdMode = Settings['thresholds']['mode'];

export interface CalibrationRow {
  key: keyof Thresholds;
  label: string;
  fixed: string;
  /** '—' when the history is too short to set the level. */
  fromHistory: string;
}

export const LEVEL_LABELS: Record<keyof Thresholds, string> = {
  deepBelow: 'Deep backwardation below',
  moderateFrom: 'Moderate contango from',
  extremeAbove: 'Extreme contango above',
  extremeExit: 'Leave extreme contango below',
};

const LEVEL_ORDER: (keyof Thresholds)[] = [
  'deepBelow',
  'moderateFrom',
  'extremeAbove',
  'extremeExit',
];

/** Each level fixed beside the one from history; '—' where history sets none. */
export function calibrationRows(
  fixed: Thresholds,
  fromHistory: Thresholds | null,
): CalibrationRow[] {
  return LEVEL_ORDER.map((key) => ({
    key,
    label: LEVEL_LABELS[key],
    fixed: formatPercent(fixed[key]),
    fromHistory: fromHistory ? formatPercent(fromHistory[key]) : '—',
  }));
}

/** 'Mean μ 10.95%, standard deviation σ 4.20%, from 1,095 signal premiums (Nov 26, 2024 to …).' */
export function calibrationStatsText(
  stats: NonNullable<Calibration['stats']>,
  formatDay: (ms: number) => string,
): string {
  const count = stats.count.toLocaleString('en-US');
  const premiums = stats.count === 1 ? 'signal premium' : 'signal premiums';
  return `Mean μ ${formatPercent(stats.mean)}, standard deviation σ ${formatPercent(stats.std)}, from ${count} ${premiums} (${formatDay(stats.from)} to ${formatDay(stats.to)}).`;
}

/** Why there are no levels from history, as a sentence for the panel: the host's reason when given. */
export function shortHistoryNote(calibration: Calibration): string | null {
  if (calibration.fromHistory) return null;
  const reason = calibration.reason?.trim();
  if (!reason)
    return `No levels from ${calibration.asset}'s history yet: its history is too short.`;
  const sentence = `${reason.charAt(0).toUpperCase()}${reason.slice(1)}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The button that switches the form's threshold mode, and the mode it switches to. */
export function modeSwitch(mode: ThresholdMode): { label: string; next: ThresholdMode } {
  return mode === 'fixed'
    ? { label: 'Use levels from history', next: 'history' }
    : { label: 'Back to fixed levels', next: 'fixed' };
}
