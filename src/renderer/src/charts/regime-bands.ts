// The regime each point of a premium history falls in under the thresholds in force, as periods a
// chart shades behind the line and a caption names in words.
import { classifyRegime } from '../../../core';
import type { Regime, Thresholds } from '../../../shared/strategy';

export interface RegimePeriod {
  regime: Regime;
  /** Chart seconds of the period's first and last point. */
  start: number;
  end: number;
}

/**
 * Consecutive points of one regime as one period, classified in time order with the same hysteresis
 * the live signal uses (out of extreme contango only below the exit level). Points that are not
 * finite are skipped; thresholds out of order give no periods rather than a wrong shading.
 */
export function regimePeriods(
  points: readonly { time: number; value: number }[],
  thresholds: Thresholds,
): RegimePeriod[] {
  const periods: RegimePeriod[] = [];
  let previous: Regime | null = null;
  for (const p of points) {
    if (!Number.isFinite(p.value)) continue;
    let regime: Regime;
    try {
      regime = classifyRegime(p.value, previous, thresholds);
    } catch {
      return [];
    }
    const open = periods[periods.length - 1];
    if (open && open.regime === regime) open.end = p.time;
    else periods.push({ regime, start: p.time, end: p.time });
    previous = regime;
  }
  return periods;
}

/** One bar per point, coloured by its period, for a histogram drawn behind the premium line. */
export function bandBars(
  points: readonly { time: number }[],
  periods: readonly RegimePeriod[],
  colour: (regime: Regime) => string,
): { time: number; value: number; color: string }[] {
  const bars: { time: number; value: number; color: string }[] = [];
  let k = 0;
  for (const p of points) {
    while (k < periods.length - 1 && p.time > periods[k]!.end) k++;
    const period = periods[k];
    if (period && p.time >= period.start && p.time <= period.end) {
      bars.push({ time: p.time, value: 1, color: colour(period.regime) });
    }
  }
  return bars;
}
