// Time series shaped for lightweight-charts: whole seconds, strictly ascending, finite values only,
// and the axis formats that show decimals as percents and prices with separators.
import type { LineData, PriceFormatCustom, Time, UTCTimestamp } from 'lightweight-charts';
import { TickMarkType } from 'lightweight-charts';
import { formatPercent, formatPrice } from '../../../core/format';
import type { Thresholds } from '../../../shared/strategy';

export type ValueKind = 'price' | 'percent';

/** A chart's time for a wall time in milliseconds: UTC seconds, as the library counts them. */
export function chartTime(ms: number): UTCTimestamp {
  return Math.floor(ms / 1000) as UTCTimestamp;
}

/**
 * Parallel arrays of times (ms) and values as line data: points that are not finite are dropped
 * (a gap is better than a spike to zero), the order is made ascending, and of several points in one
 * second the last is kept, since the library refuses two points at one time.
 */
export function toLineData(
  times: readonly number[],
  values: readonly number[],
  map: (value: number) => number = (v) => v,
): LineData<UTCTimestamp>[] {
  const count = Math.min(times.length, values.length);
  const points: { time: UTCTimestamp; value: number; order: number }[] = [];
  for (let i = 0; i < count; i++) {
    const t = times[i];
    const raw = values[i];
    if (t === undefined || raw === undefined || !Number.isFinite(t) || !Number.isFinite(raw)) {
      continue;
    }
    const value = map(raw);
    if (Number.isFinite(value)) points.push({ time: chartTime(t), value, order: i });
  }
  let sorted = true;
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.time < points[i - 1]!.time) {
      sorted = false;
      break;
    }
  }
  if (!sorted) points.sort((a, b) => a.time - b.time || a.order - b.order);
  const out: LineData<UTCTimestamp>[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.time === p.time) last.value = p.value;
    else out.push({ time: p.time, value: p.value });
  }
  return out;
}

/**
 * Whether a live point at `ms` may be added after a series ending at `lastTime` (seconds): the
 * library updates only the last point or appends after it. In the same second, it replaces the last.
 */
export function canAppend(lastTime: number | null, ms: number, value: number): boolean {
  if (!Number.isFinite(ms) || !Number.isFinite(value)) return false;
  return lastTime === null || chartTime(ms) >= lastTime;
}

/** An axis label of a series of decimals shown as percents (0.1095 → 10.95%). */
export function percentAxisLabel(value: number): string {
  return formatPercent(value, 2);
}

/** An axis label of prices: separators, and significant digits below 1. */
export function priceAxisLabel(value: number): string {
  return formatPrice(value);
}

export const PERCENT_FORMAT: PriceFormatCustom = {
  type: 'custom',
  formatter: percentAxisLabel,
  minMove: 0.000001,
};

export const PRICE_FORMAT: PriceFormatCustom = {
  type: 'custom',
  formatter: priceAxisLabel,
  minMove: 0.00000001,
};

export function priceFormatFor(kind: ValueKind): PriceFormatCustom {
  return kind === 'percent' ? PERCENT_FORMAT : PRICE_FORMAT;
}

/** How a value of this kind reads in text beside the chart, the same as on its axis. */
export function valueLabelFor(kind: ValueKind): (value: number) => string {
  return kind === 'percent' ? percentAxisLabel : priceAxisLabel;
}

export interface ThresholdLine {
  price: number;
  title: string;
  /** Which levels the line stands for, for colouring. */
  keys: (keyof Thresholds)[];
}

const THRESHOLD_NAMES: Record<keyof Thresholds, string> = {
  deepBelow: 'deep below',
  moderateFrom: 'moderate from',
  extremeAbove: 'extreme above',
  extremeExit: 'extreme exit',
};

const THRESHOLD_ORDER: (keyof Thresholds)[] = [
  'deepBelow',
  'moderateFrom',
  'extremeExit',
  'extremeAbove',
];

/**
 * One horizontal line per distinct threshold level, labelled with every level it stands for: the
 * moderate entry and the extreme exit are often the same number, and two labels on one line overlap.
 */
export function thresholdLines(thresholds: Thresholds): ThresholdLine[] {
  const lines: ThresholdLine[] = [];
  for (const key of THRESHOLD_ORDER) {
    const price = thresholds[key];
    if (!Number.isFinite(price)) continue;
    const same = lines.find((l) => Math.abs(l.price - price) < 1e-12);
    if (same) {
      same.keys.push(key);
      same.title = `${same.title} / ${THRESHOLD_NAMES[key]}`;
    } else {
      lines.push({ price, title: THRESHOLD_NAMES[key], keys: [key] });
    }
  }
  return lines.sort((a, b) => a.price - b.price);
}

/**
 * The price range widened to take in every level, so threshold lines the series has not reached are
 * still on the chart (the library scales to the data alone).
 */
export function rangeIncluding(
  range: { minValue: number; maxValue: number } | null,
  levels: readonly number[],
): { minValue: number; maxValue: number } | null {
  const finite = levels.filter(Number.isFinite);
  if (finite.length === 0) return range;
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  if (range === null) return { minValue: low, maxValue: high };
  return { minValue: Math.min(range.minValue, low), maxValue: Math.max(range.maxValue, high) };
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat {
  const key = `${JSON.stringify(options)}|${timeZone ?? ''}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { ...options, ...(timeZone ? { timeZone } : {}) });
    timeFormats.set(key, format);
  }
  return format;
}

function secondsOf(time: Time): number | null {
  return typeof time === 'number' ? time : null;
}

/** A tick label of the time axis in the machine's time zone (the library's own labels are UTC). */
export function tickLabel(time: Time, type: TickMarkType, timeZone?: string): string | null {
  const seconds = secondsOf(time);
  if (seconds === null) return null;
  const ms = seconds * 1000;
  switch (type) {
    case TickMarkType.Year:
      return timeFormat({ year: 'numeric' }, timeZone).format(ms);
    case TickMarkType.Month:
      return timeFormat({ month: 'short' }, timeZone).format(ms);
    case TickMarkType.DayOfMonth:
      return timeFormat({ month: 'short', day: 'numeric' }, timeZone).format(ms);
    case TickMarkType.Time:
      return timeFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone).format(
        ms,
      );
    case TickMarkType.TimeWithSeconds:
      return timeFormat(
        { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
        timeZone,
      ).format(ms);
  }
}

/** The crosshair's time label: date and time in the machine's time zone. */
export function crosshairLabel(time: Time, timeZone?: string): string {
  const seconds = secondsOf(time);
  if (seconds === null) return String(time);
  return timeFormat(
    {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    },
    timeZone,
  ).format(seconds * 1000);
}
