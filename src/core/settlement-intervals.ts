// The funding interval of each settlement in a history that does not state it (a venue's funding
// history lists settlement times and rates only; history stored before intervals were kept has
// rates only): the spacing from the settlement before, which is the time the settlement paid for.
import { MINUTE_MS, HOUR_MS } from '../shared/time';

/** Binance's longest funding interval: a longer spacing is a hole in the history, not an interval. */
export const MAX_FUNDING_INTERVAL_HOURS = 8;

export interface IntervalInference {
  /** Where no spacing tells (a lone settlement, or one after a hole): the venue's current interval. */
  fallbackHours: number;
  /** Spacings longer than this are holes (missed settlements). Default 8 h. */
  maxHours?: number;
}

/**
 * The interval in hours of each settlement at `times` (sorted, oldest first): its spacing from the
 * settlement before, to the minute (venues stamp settlements a few ms off the hour). The first
 * settlement, and one after a hole longer than `maxHours`, take the spacing to the settlement after
 * when that is a plausible interval, else the interval before, else `fallbackHours`.
 */
export function inferSettlementIntervals(
  times: ArrayLike<number>,
  options: IntervalInference,
): number[] {
  const maxHours = options.maxHours ?? MAX_FUNDING_INTERVAL_HOURS;
  const spacing = (i: number): number | null => {
    if (i <= 0 || i >= times.length) return null;
    const ms = (times[i] as number) - (times[i - 1] as number);
    const hours = Math.round(ms / MINUTE_MS) / (HOUR_MS / MINUTE_MS);
    return hours > 0 && hours <= maxHours ? hours : null;
  };
  const out: number[] = [];
  for (let i = 0; i < times.length; i++) {
    out.push(spacing(i) ?? spacing(i + 1) ?? out[i - 1] ?? options.fallbackHours);
  }
  return out;
}
