// The term structure of one asset as points (annualized premium against days to expiry, the
// perpetual at day 0) and their layout on a small SVG chart, where x is days rather than time.
import type { AssetSnapshot } from '../../../shared/market';
import { formatDate } from './time-text';

export interface TermPoint {
  /** 'perp' for the perpetual, else the contract's expiry date. */
  label: string;
  symbol: string;
  kind: 'perp' | 'future';
  days: number;
  annualized: number;
  /** For a future: far enough from expiry to feed the signal. The perp is always usable. */
  inSignal: boolean;
  expiry: number | null;
}

/** The perpetual's annualized funding at day 0, then every dated future by days to expiry. */
export function termStructurePoints(asset: AssetSnapshot, timeZone?: string): TermPoint[] {
  const points: TermPoint[] = [];
  if (asset.perp && Number.isFinite(asset.perp.annualized)) {
    points.push({
      label: 'perp',
      symbol: asset.perp.symbol,
      kind: 'perp',
      days: 0,
      annualized: asset.perp.annualized,
      inSignal: true,
      expiry: null,
    });
  }
  const futures = asset.futures
    .filter((f) => Number.isFinite(f.daysToExpiry) && f.daysToExpiry >= 0)
    .filter((f) => Number.isFinite(f.annualized))
    .sort((a, b) => a.daysToExpiry - b.daysToExpiry);
  for (const f of futures) {
    points.push({
      label: formatDate(f.expiry, timeZone),
      symbol: f.symbol,
      kind: 'future',
      days: f.daysToExpiry,
      annualized: f.annualized,
      inSignal: f.inSignal,
      expiry: f.expiry,
    });
  }
  return points;
}

/** A step of 1, 2 or 5 times a power of ten that cuts `span` into about `count` pieces. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  const factor = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
  return factor * power;
}

/** Round tick values covering [min, max]; the domain is widened to the outer ticks. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const span = hi - lo;
  const step = niceStep(span > 0 ? span : Math.abs(lo) || 1, count);
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  const ticks: number[] = [];
  // Multiples of the step, rounded, so 0.1 + 0.2 style noise never reaches a label.
  for (let k = first; k <= last && ticks.length < 50; k++) {
    ticks.push(Number((k * step).toPrecision(12)) + 0);
  }
  if (ticks.length === 1) ticks.push(Number(((first + 1) * step).toPrecision(12)));
  return ticks;
}

export interface PlotArea {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PlacedPoint extends TermPoint {
  x: number;
  y: number;
}

export interface TermLayout {
  points: PlacedPoint[];
  xTicks: { value: number; x: number }[];
  yTicks: { value: number; y: number }[];
  /** Where 0% sits, when the domain includes it. */
  zeroY: number | null;
  /** Where any other day and premium sit (past curves, threshold levels). */
  x: (days: number) => number;
  y: (value: number) => number;
}

/** What else the domain must take in besides the points: levels drawn across, and other curves. */
export interface LayoutExtras {
  levels?: readonly number[];
  others?: readonly { days: number; annualized: number }[];
}

/**
 * Places the points in `area`: x from day 0 to the furthest expiry, y over a domain that always
 * includes 0% so contango and backwardation read at a glance.
 */
export function layoutTermStructure(
  points: readonly TermPoint[],
  area: PlotArea,
  extras: LayoutExtras = {},
): TermLayout {
  const others = extras.others ?? [];
  const maxDays = Math.max(1, ...points.map((p) => p.days), ...others.map((p) => p.days));
  const values = [
    ...points.map((p) => p.annualized),
    ...others.map((p) => p.annualized),
    ...(extras.levels ?? []),
  ].filter(Number.isFinite);
  const yTickValues = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const xTickValues = niceTicks(0, maxDays, 5).filter((v) => v >= 0);
  const yMin = yTickValues[0] ?? 0;
  const yMax = yTickValues[yTickValues.length - 1] ?? 1;
  const xMax = xTickValues[xTickValues.length - 1] ?? maxDays;
  const plotWidth = area.width - area.left - area.right;
  const plotHeight = area.height - area.top - area.bottom;
  const x = (days: number) => area.left + (days / xMax) * plotWidth;
  const y = (value: number) =>
    area.top + (yMax === yMin ? plotHeight / 2 : ((yMax - value) / (yMax - yMin)) * plotHeight);
  return {
    points: points.map((p) => ({ ...p, x: x(p.days), y: y(p.annualized) })),
    xTicks: xTickValues.map((value) => ({ value, x: x(value) })),
    yTicks: yTickValues.map((value) => ({ value, y: y(value) })),
    zeroY: yMin <= 0 && yMax >= 0 ? y(0) : null,
    x,
    y,
  };
}
