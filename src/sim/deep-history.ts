// Years of an asset's history before its hourly path begins, at daily resolution: daily spot candles
// from the venue's first trading day and funding settlements from its first perpetual, for backtests
// in the demo. The same regime chain as the hourly path drives it, a day at a time, with draws hashed
// from (seed, asset, day), so the same seed always yields the same years. It ends exactly where the
// hourly path takes over: the last daily close is the path's spot at the first whole day it covers.
// Nothing is computed until asked; an asset's whole deep history is a few arrays of one number a day.
import type { AssetSpec } from './asset-catalog';
import type { Candle } from './candles';
import { premiumIndexForCarry, venueFundingRate } from './funding';
import { hashNormal, hashString, hashUniform, mix } from './prng';
import { pickNext, REGIME_MODELS, SIM_REGIMES, type SimRegime } from './regimes';
import { DAY_MS, HOUR_MS, YEAR_MS } from '../shared/time';

/** Binance's first spot trading day (its first daily klines open here). */
export const SPOT_HISTORY_START = Date.UTC(2017, 7, 17);
/** Binance USDⓈ-M's first perpetual funding settlement. */
export const FUNDING_HISTORY_START = Date.UTC(2019, 8, 10, 8);

/** Carry mean reversion per day (a half-life of a day and a half, as on the hourly path). */
const CARRY_DECAY = Math.exp(-Math.log(2) / 1.5);
/** Pull of log price back to its long trend, per year: wanderings of a few months, not decades. */
const TREND_REVERSION = 0.5;
/** Log growth of the trend per year: older prices are lower on the whole, as crypto's were. */
const TREND_GROWTH = 0.35;
/** Daily noise on the perpetual's premium around the carry, annualized. */
const PREMIUM_NOISE = 0.015;
const DAY_YEARS = DAY_MS / YEAR_MS;

/** Where the deep history meets the hourly path, and the spot there. */
export interface DeepAnchor {
  /** The first whole UTC day the hourly path covers (ms): deep days end before it. */
  day: number;
  /** The hourly path's spot at `day`. */
  spot: number;
}

export class DeepHistory {
  private readonly assetSeed: number;
  private readonly days: number;
  private built: { logClose: Float64Array; carry: Float64Array; regime: Uint8Array } | null = null;

  constructor(
    readonly spec: AssetSpec,
    marketSeed: number,
    private readonly anchor: DeepAnchor,
  ) {
    this.assetSeed = mix(marketSeed, hashString(spec.name), 0xdee9);
    this.days = Math.max(0, Math.floor((anchor.day - SPOT_HISTORY_START) / DAY_MS));
  }

  /** The first deep day's open time, and the time after the last deep day (the anchor). */
  get span(): { from: number; to: number } {
    return { from: this.anchor.day - this.days * DAY_MS, to: this.anchor.day };
  }

  /** Daily spot candles opening in [from, to], oldest first. */
  candles(from: number, to: number): Candle[] {
    const first = Math.max(0, Math.ceil((from - this.span.from) / DAY_MS));
    const last = Math.min(this.days - 1, Math.floor((to - this.span.from) / DAY_MS));
    const out: Candle[] = [];
    for (let d = first; d <= last; d++) out.push(this.candle(d));
    return out;
  }

  /** Times of the settlements every `hours` in [from, to] (and before the anchor), oldest first. */
  fundingTimes(from: number, to: number, hours: number): number[] {
    const step = hours * HOUR_MS;
    const lo = Math.max(from, FUNDING_HISTORY_START, this.span.from);
    const hi = Math.min(to, this.anchor.day - 1);
    const out: number[] = [];
    for (let at = Math.ceil(lo / step) * step; at <= hi; at += step) out.push(at);
    return out;
  }

  /** The regime of the day holding `at` (for tests and the docs' claims). */
  regimeAt(at: number): SimRegime {
    const d = this.dayIndex(at);
    return SIM_REGIMES[this.build().regime[d]!]!;
  }

  private dayIndex(at: number): number {
    return Math.min(this.days - 1, Math.max(0, Math.floor((at - this.span.from) / DAY_MS)));
  }

  private candle(d: number): Candle {
    const { logClose } = this.build();
    const close = Math.exp(logClose[d]!);
    const open = d === 0 ? close : Math.exp(logClose[d - 1]!);
    const sigma = this.sigma(d) * Math.sqrt(DAY_YEARS);
    const wickUp = 1 + Math.abs(hashNormal(this.assetSeed, d, 21)) * sigma * 0.6;
    const wickDown = 1 + Math.abs(hashNormal(this.assetSeed, d, 22)) * sigma * 0.6;
    const quoteVolume =
      this.spec.topLevelUsd * 800 * (0.5 + hashUniform(this.assetSeed, d, 23) + sigma * 10);
    return {
      openTime: this.span.from + d * DAY_MS,
      open,
      high: Math.max(open, close) * wickUp,
      low: Math.min(open, close) / wickDown,
      close,
      volume: quoteVolume / close,
      quoteVolume,
      trades: Math.round(quoteVolume / 2_000),
    };
  }

  /** The venue's formula on the day's carry (moving towards the next day's) and a little noise. */
  settledRate(at: number, hours: number): number {
    const { carry } = this.build();
    const d = this.dayIndex(at);
    const within = (at - (this.span.from + d * DAY_MS)) / DAY_MS;
    const next = carry[Math.min(this.days - 1, d + 1)]!;
    const annual =
      carry[d]! +
      within * (next - carry[d]!) +
      PREMIUM_NOISE * hashNormal(this.assetSeed, Math.floor(at / HOUR_MS), 24);
    return venueFundingRate(premiumIndexForCarry(annual, hours), hours, this.spec.fundingCap);
  }

  private sigma(d: number): number {
    const regime = SIM_REGIMES[this.build().regime[d]!]!;
    return REGIME_MODELS[regime].vol * this.spec.volatility;
  }

  /**
   * The regime chain and the price's wandering around its trend, day by day from the first deep day;
   * then the prices are set so the last close meets the hourly path's spot.
   */
  private build(): { logClose: Float64Array; carry: Float64Array; regime: Uint8Array } {
    if (this.built) return this.built;
    const n = this.days;
    const logClose = new Float64Array(n);
    const carry = new Float64Array(n);
    const regimes = new Uint8Array(n);
    let regime: SimRegime = 'calm';
    let [lo, hi] = REGIME_MODELS[regime].band;
    let target = lo + (hi - lo) * hashUniform(this.assetSeed, 0, 1);
    let c = target;
    let wander = 0;
    const keep = Math.exp(-TREND_REVERSION * DAY_YEARS);
    for (let d = 0; d < n; d++) {
      const model = REGIME_MODELS[regime];
      if (hashUniform(this.assetSeed, d, 2) < 1 - Math.exp(-24 / model.meanHours)) {
        regime = pickNext(regime, hashUniform(this.assetSeed, d, 3));
        [lo, hi] = REGIME_MODELS[regime].band;
        target = lo + (hi - lo) * hashUniform(this.assetSeed, d, 4);
      }
      const now = REGIME_MODELS[regime];
      c =
        target +
        (c - target) * CARRY_DECAY +
        now.carrySpread * Math.sqrt(1 - CARRY_DECAY ** 2) * hashNormal(this.assetSeed, d, 5);
      const sigma = now.vol * this.spec.volatility;
      const step =
        (now.drift - (sigma * sigma) / 2) * DAY_YEARS +
        sigma * Math.sqrt(DAY_YEARS) * hashNormal(this.assetSeed, d, 6);
      wander = wander * keep + step;
      regimes[d] = SIM_REGIMES.indexOf(regime);
      carry[d] = c;
      logClose[d] = wander;
    }
    // The trend rises towards the anchor; the wandering is measured from where it ends.
    const end = n > 0 ? logClose[n - 1]! : 0;
    const anchorLog = Math.log(this.anchor.spot);
    for (let d = 0; d < n; d++) {
      const yearsBefore = (n - 1 - d) * DAY_YEARS;
      logClose[d] = anchorLog - TREND_GROWTH * yearsBefore + (logClose[d]! - end);
    }
    this.built = { logClose, carry, regime: regimes };
    return this.built;
  }
}
