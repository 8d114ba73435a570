// The market history a backtest runs on: bars at a fixed step per asset, checked before use, joined
// from prices and funding, and lined up over the dates every asset shares.
import type { BacktestStep } from '../shared/backtest';
import { DAY_MS, HOUR_MS } from '../shared/time';
import { MAX_FUNDING_INTERVAL_HOURS } from './settlement-intervals';
import { isoDate, isoHour, monthIndex, parseIsoDate } from './backtest-calendar';

/** One bar: it opens at `at` (ms, UTC), closes at `price`, and `funding` was settled within it. */
export interface BacktestBar {
  at: number;
  price: number;
  funding: number;
}

export interface BacktestSeries {
  asset: string;
  bars: readonly BacktestBar[];
}

/** A price as of a moment (a close), or a funding rate settled at one. */
export interface PricePoint {
  at: number;
  price: number;
}
export interface RatePoint {
  at: number;
  rate: number;
}

/** History a backtest cannot run on, saying where and why. */
export class BacktestDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BacktestDataError';
  }
}

export function stepMs(step: BacktestStep): number {
  return step === 'day' ? DAY_MS : HOUR_MS;
}

/** Bars in a year, the annualizing factor of rates and returns (a year is 365 days). */
export function barsPerYear(step: BacktestStep): number {
  return step === 'day' ? 365 : 365 * 24;
}

/** A bar's label: the date for daily bars, the date and hour for hourly ones. */
export function barLabel(at: number, step: BacktestStep): string {
  return step === 'day' ? isoDate(at) : isoHour(at);
}

/** Midnight UTC of a YYYY-MM-DD date (NaN when it is not one). */
export function dateStart(date: string): number {
  return parseIsoDate(date) ?? Number.NaN;
}

/**
 * Refuses a series a backtest would misread: bars not on the step's grid, out of order, repeated or
 * with a gap, a price that is not above 0, a funding figure that is missing. Each message names the
 * asset and the bar's date.
 */
export function validateSeries(series: BacktestSeries, step: BacktestStep): void {
  const ms = stepMs(step);
  const { asset, bars } = series;
  if (bars.length === 0) throw new BacktestDataError(`${asset}: the history holds no bars`);
  let previous: number | null = null;
  for (const bar of bars) {
    const ok =
      Number.isFinite(bar.at) &&
      bar.at % ms === 0 &&
      (previous === null || bar.at - previous === ms) &&
      Number.isFinite(bar.price) &&
      bar.price > 0 &&
      typeof bar.funding === 'number' &&
      Number.isFinite(bar.funding);
    // Labels are worked out only for the bar refused: a year of hours is checked in a blink.
    if (!ok) refuseBar(asset, step, bar, previous);
    previous = bar.at;
  }
}

function refuseBar(
  asset: string,
  step: BacktestStep,
  bar: BacktestBar,
  previous: number | null,
): never {
  const ms = stepMs(step);
  const label = Number.isFinite(bar.at) ? barLabel(bar.at, step) : String(bar.at);
  if (!Number.isFinite(bar.at) || bar.at % ms !== 0) {
    throw new BacktestDataError(`${asset}: the bar at ${label} does not start on a whole ${step}`);
  }
  if (previous !== null) {
    const prev = barLabel(previous, step);
    if (bar.at === previous) throw new BacktestDataError(`${asset}: ${label} appears twice`);
    if (bar.at < previous) {
      throw new BacktestDataError(`${asset}: ${label} comes after ${prev}: dates out of order`);
    }
    if (bar.at - previous > ms) {
      const missing = barLabel(previous + ms, step);
      throw new BacktestDataError(
        `${asset}: the history has a gap: nothing for ${missing} (between ${prev} and ${label})`,
      );
    }
  }
  if (!Number.isFinite(bar.price) || bar.price <= 0) {
    throw new BacktestDataError(
      `${asset}: the price on ${label} must be above 0 (got ${String(bar.price)})`,
    );
  }
  throw new BacktestDataError(`${asset}: no funding for ${label}`);
}

/**
 * Bars from closes and funding settlements: a bar opening at t closes at the price quoted at t
 * (a daily close is dated by its day) and holds the funding settled in [t, t + step). The bars run
 * over the span both cover; inside it every bar must have a price. Every daily bar must have
 * funding; an hourly bar between settlements holds none, but settlements further apart than the
 * longest funding interval are a hole in the history. Each refusal names the date.
 */
export function joinBars(
  asset: string,
  step: BacktestStep,
  prices: readonly PricePoint[],
  funding: readonly RatePoint[],
): BacktestSeries {
  const ms = stepMs(step);
  const priceAt = new Map<number, number>();
  for (const p of prices) {
    const at = Math.floor(p.at / ms) * ms;
    if (priceAt.has(at)) {
      throw new BacktestDataError(`${asset}: two prices for ${barLabel(at, step)}`);
    }
    priceAt.set(at, p.price);
  }
  const fundingAt = new Map<number, number>();
  for (const f of funding) {
    const at = Math.floor(f.at / ms) * ms;
    fundingAt.set(at, (fundingAt.get(at) ?? 0) + f.rate);
  }
  if (priceAt.size === 0) throw new BacktestDataError(`${asset}: no prices`);
  if (fundingAt.size === 0) throw new BacktestDataError(`${asset}: no funding`);
  const first = Math.max(Math.min(...priceAt.keys()), Math.min(...fundingAt.keys()));
  const last = Math.min(Math.max(...priceAt.keys()), Math.max(...fundingAt.keys()));
  if (first > last) {
    throw new BacktestDataError(`${asset}: the prices and the funding share no dates`);
  }
  const bars: BacktestBar[] = [];
  let lastSettled = first;
  for (let at = first; at <= last; at += ms) {
    const price = priceAt.get(at);
    const paid = fundingAt.get(at);
    if (price === undefined) {
      throw new BacktestDataError(`${asset}: no price for ${barLabel(at, step)}`);
    }
    if (paid !== undefined) lastSettled = at;
    else if (step === 'day' || at - lastSettled >= MAX_FUNDING_INTERVAL_HOURS * HOUR_MS) {
      throw new BacktestDataError(`${asset}: no funding for ${barLabel(at, step)}`);
    }
    bars.push({ at, price, funding: paid ?? 0 });
  }
  return { asset, bars };
}

/** The assets' bars over the span all of them cover, as aligned columns. */
export interface AlignedHistory {
  step: BacktestStep;
  at: number[];
  assets: string[];
  /** price[a][i], funding[a][i]: asset a (in `assets` order) on bar i. */
  price: number[][];
  funding: number[][];
  /** Whether bar i is the first of a calendar month the bar before it was not in (never bar 0). */
  opensMonth: boolean[];
}

/**
 * Lines the assets up over the bars they all share, restricted to [from, to] (whole dates, both
 * included). Each series is checked first. A window with fewer than `minBars` bars is refused with
 * the reason.
 */
export function alignSeries(
  series: readonly BacktestSeries[],
  assets: readonly string[],
  step: BacktestStep,
  window: { from?: string | undefined; to?: string | undefined },
  minBars: number,
): AlignedHistory {
  const byAsset = new Map(series.map((s) => [s.asset, s]));
  const chosen = assets.map((asset) => {
    const s = byAsset.get(asset);
    if (!s) throw new BacktestDataError(`${asset}: no history was given for it`);
    validateSeries(s, step);
    return s;
  });
  const ms = stepMs(step);
  let first = Math.max(...chosen.map((s) => s.bars[0]?.at ?? Infinity));
  let last = Math.min(...chosen.map((s) => s.bars[s.bars.length - 1]?.at ?? -Infinity));
  if (window.from !== undefined) first = Math.max(first, dateStart(window.from));
  if (window.to !== undefined) last = Math.min(last, dateStart(window.to) + DAY_MS - ms);
  const count = first <= last ? Math.round((last - first) / ms) + 1 : 0;
  if (count < minBars) {
    const span =
      window.from !== undefined || window.to !== undefined
        ? ` from ${window.from ?? 'the start'} to ${window.to ?? 'the end'}`
        : '';
    throw new BacktestDataError(
      `the history${span} shared by ${assets.join(', ')} holds ${count} ${step === 'day' ? 'days' : 'hours'}; a backtest needs at least ${minBars}`,
    );
  }
  const at = Array.from({ length: count }, (_, i) => first + i * ms);
  const price: number[][] = [];
  const funding: number[][] = [];
  for (const s of chosen) {
    // Validated series are gap-free on the grid, so the window is one contiguous slice.
    const offset = Math.round((first - (s.bars[0] as BacktestBar).at) / ms);
    const slice = s.bars.slice(offset, offset + count);
    price.push(slice.map((b) => b.price));
    funding.push(slice.map((b) => b.funding));
  }
  const months = at.map(monthIndex);
  const opensMonth = months.map((m, i) => i > 0 && m !== months[i - 1]);
  return { step, at, assets: [...assets], price, funding, opensMonth };
}
