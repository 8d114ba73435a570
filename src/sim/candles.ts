// Candles of the simulated venue's instruments, built minute by minute from their fair prices with
// seeded wicks and volume, full hours kept in a cache: any past candle can be recomputed exactly.
import type { Instrument } from './instruments';
import type { AssetPath } from './price-path';
import { hashNormal, hashString, hashUniform } from './prng';
import { DAY_MS, HOUR_MS, MINUTE_MS, YEAR_MS } from '../shared/time';

export interface Candle {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  quoteVolume: number;
  trades: number;
}

/** Where candles come from: an instrument's fair price at a time, and an asset's price path. */
export interface CandleSource {
  price(instrument: Instrument, at: number): number;
  path(asset: string): AssetPath;
}

export class CandleMaker {
  private readonly hourCandles = new Map<string, Candle>();

  constructor(
    private readonly seed: number,
    private readonly source: CandleSource,
  ) {}

  /**
   * Candles of `intervalMs` (a minute up to a week) with open times in [from, to], never before the
   * history or after `now`; the last one is partial when `now` falls inside it.
   */
  candles(
    instrument: Instrument,
    intervalMs: number,
    from: number,
    to: number,
    now: number,
  ): Candle[] {
    const path = this.source.path(instrument.asset);
    // Binance's weeks open on Monday 00:00 UTC; the epoch fell on a Thursday.
    const offset = intervalMs === 7 * DAY_MS ? 4 * DAY_MS : 0;
    const first = Math.max(
      alignUp(from, intervalMs, offset),
      alignUp(path.start, intervalMs, offset),
    );
    const last = Math.min(to, now);
    const out: Candle[] = [];
    for (let open = first; open <= last; open += intervalMs) {
      out.push(this.rangeCandle(instrument, open, Math.min(open + intervalMs, now)));
    }
    return out;
  }

  /** One candle over [from, to): full hours from the cache, the rest minute by minute. */
  rangeCandle(instrument: Instrument, from: number, to: number): Candle {
    const parts: Candle[] = [];
    let cursor = from;
    while (cursor < to) {
      const hourStart = Math.floor(cursor / HOUR_MS) * HOUR_MS;
      const hourEnd = hourStart + HOUR_MS;
      if (cursor === hourStart && hourEnd <= to) {
        parts.push(this.hourCandle(instrument, hourStart / HOUR_MS));
        cursor = hourEnd;
      } else {
        const end = Math.min(hourEnd, to);
        parts.push(this.minuteRangeCandle(instrument, cursor, end));
        cursor = end;
      }
    }
    if (parts.length === 0) parts.push(this.minuteRangeCandle(instrument, from, from));
    return mergeCandles(from, parts);
  }

  private hourCandle(instrument: Instrument, hour: number): Candle {
    const key = `${instrument.symbol}:${hour}`;
    const cached = this.hourCandles.get(key);
    if (cached) return cached;
    const candle = this.minuteRangeCandle(instrument, hour * HOUR_MS, (hour + 1) * HOUR_MS);
    if (this.hourCandles.size >= 200_000) this.hourCandles.clear();
    this.hourCandles.set(key, candle);
    return candle;
  }

  /** One candle over [from, to) built minute by minute (to − from ≤ an hour, inside one hour). */
  private minuteRangeCandle(instrument: Instrument, from: number, to: number): Candle {
    const path = this.source.path(instrument.asset);
    const symbolHash = hashString(instrument.symbol);
    const vol = path.spec.volatility * 0.55 * Math.sqrt(MINUTE_MS / YEAR_MS);
    const openPrice = this.source.price(instrument, from);
    let high = openPrice;
    let low = openPrice;
    let close = openPrice;
    let volume = 0;
    let quoteVolume = 0;
    let trades = 0;
    const scale = instrument.kind === 'future' ? 0.15 : instrument.kind === 'perp' ? 2.5 : 1;
    for (let t = from; t < to; t += MINUTE_MS) {
      const end = Math.min(t + MINUTE_MS, to);
      const a = this.source.price(instrument, t);
      const b = this.source.price(instrument, end);
      const minute = Math.floor(t / MINUTE_MS);
      const wick = 1 + Math.abs(hashNormal(this.seed, symbolHash, minute, 1)) * vol * 0.5;
      high = Math.max(high, Math.max(a, b) * wick);
      low = Math.min(low, Math.min(a, b) / wick);
      close = b;
      const usd =
        instrument.spec.topLevelUsd *
        0.4 *
        scale *
        (0.3 + 1.4 * hashUniform(this.seed, symbolHash, minute, 2));
      const fraction = (end - t) / MINUTE_MS;
      volume += (usd * fraction) / b;
      quoteVolume += usd * fraction;
      trades += Math.round(
        (20 + 200 * hashUniform(this.seed, symbolHash, minute, 3)) * scale * fraction,
      );
    }
    return {
      openTime: from,
      open: openPrice,
      high,
      low,
      close,
      volume,
      quoteVolume,
      trades,
    };
  }

  clearCaches(): void {
    this.hourCandles.clear();
  }
}

function mergeCandles(openTime: number, parts: Candle[]): Candle {
  const first = parts[0]!;
  const out: Candle = { ...first, openTime };
  for (const c of parts.slice(1)) {
    out.high = Math.max(out.high, c.high);
    out.low = Math.min(out.low, c.low);
    out.close = c.close;
    out.volume += c.volume;
    out.quoteVolume += c.quoteVolume;
    out.trades += c.trades;
  }
  return out;
}

function alignUp(at: number, interval: number, offset: number): number {
  return Math.ceil((at - offset) / interval) * interval + offset;
}
