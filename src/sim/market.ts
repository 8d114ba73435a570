// The simulated venue's market: which instruments are listed at a market time (spot pairs,
// perpetuals, the two nearest quarterlies of the assets that have them), their prices, funding, books
// and candles — all pure functions of the asset paths, so any past moment can be recomputed exactly.
import { assetSpec, perpBaseName, type AssetSpec } from './asset-catalog';
import { quarterlyExpiriesAfter, yymmdd } from './calendar';
import {
  premiumIndexForCarry,
  PREMIUM_SAMPLE_MS,
  venueFundingRate,
  weightedAverage,
} from './funding';
import { Listings, type ListingControl } from './listing';
import { buildBook, type Book } from './order-book';
import { AssetPath, type Control } from './price-path';
import { hashNormal, hashString, hashUniform, mix } from './prng';
import { DAY_MS, HOUR_MS, YEAR_MS } from '../shared/time';
import { CandleMaker, type Candle } from './candles';
import { DeepHistory } from './deep-history';
import { futureInstrument, perpInstrument, spotInstrument, type Instrument } from './instruments';

export type { Candle } from './candles';
export type { Instrument, InstrumentKind } from './instruments';

export interface ListedAsset {
  name: string;
  /** Market time at which the asset was listed; its history starts a year before. */
  listedAt: number;
}

/** A change to an asset's path (premium, regime) or to its listings (see ./listing). */
export type MarketControl = Control | ListingControl;

export interface ControlRecord {
  at: number;
  asset: string;
  control: MarketControl;
}

const LISTING_KINDS: ReadonlySet<string> = new Set(['funding-interval', 'delist', 'list-future']);

function isListingControl(control: MarketControl): control is ListingControl {
  return LISTING_KINDS.has(control.kind);
}

export const HISTORY_MS = YEAR_MS;
const SPOT_SPREAD_BPS = 1;
const PERP_SPREAD_BPS = 0.6;
const FUTURE_SPREAD_BPS = 2;

export class Market {
  readonly seed: number;
  private readonly paths = new Map<string, AssetPath>();
  /** Each asset's daily years before its path, made on first request. */
  private readonly deep = new Map<string, DeepHistory>();
  /** Assets whose perpetual trades on a multiple, by the perpetual's base (1000PEPE → PEPE). */
  private readonly multipliedPerps = new Map<string, string>();
  private readonly order: string[] = [];
  private readonly candleMaker: CandleMaker;
  readonly listings = new Listings();

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.candleMaker = new CandleMaker(this.seed, {
      price: (instrument, at) => this.price(instrument, at),
      path: (asset) => this.path(asset),
    });
  }

  get assets(): readonly string[] {
    return this.order;
  }

  hasAsset(name: string): boolean {
    return this.paths.has(name);
  }

  list(asset: ListedAsset): void {
    if (this.paths.has(asset.name)) return;
    const spec = assetSpec(asset.name);
    this.paths.set(asset.name, new AssetPath(spec, this.seed, asset.listedAt - HISTORY_MS));
    if (spec.perpMultiplier !== 1) this.multipliedPerps.set(perpBaseName(spec), asset.name);
    this.order.push(asset.name);
  }

  path(asset: string): AssetPath {
    const path = this.paths.get(asset);
    if (!path) throw new Error(`unknown asset ${asset}`);
    return path;
  }

  applyControl(record: ControlRecord): void {
    const control = record.control;
    if (isListingControl(control)) this.listings.apply(record.asset, record.at, control);
    else this.path(record.asset).applyControl(record.at, control);
  }

  /** Every instrument listed at market time `at`, spot first, then futures per asset. */
  instruments(at: number, kind?: 'spot' | 'futures'): Instrument[] {
    const out: Instrument[] = [];
    for (const name of this.order) {
      const spec = this.path(name).spec;
      if (kind !== 'futures' && !this.listings.isDelisted(name, 'spot', at)) {
        out.push(spotInstrument(spec));
      }
      if (kind !== 'spot') {
        if (!this.listings.isDelisted(name, 'perp', at)) out.push(perpInstrument(spec));
        if (spec.quarterlies) {
          const [current, next] = quarterlyExpiriesAfter(at, 2);
          out.push(futureInstrument(spec, current!, 'CURRENT_QUARTER'));
          out.push(futureInstrument(spec, next!, 'NEXT_QUARTER'));
        }
        out.push(...this.extraFutureInstruments(spec, at));
      }
    }
    return out;
  }

  /** Dated futures listed by control, beside the calendar's quarterlies. */
  private extraFutureInstruments(spec: AssetSpec, at: number): Instrument[] {
    const calendar = spec.quarterlies ? quarterlyExpiriesAfter(at, 2) : [];
    return this.listings
      .extraFutures(spec.name, at)
      .filter((f) => !calendar.includes(f.expiry))
      .map((f) => {
        const instrument = futureInstrument(spec, f.expiry, 'NEXT_QUARTER');
        return f.listing === 'trading' ? instrument : { ...instrument, listing: f.listing };
      });
  }

  /** An instrument by venue id, or null when it is not listed at `at` (an expired future, say). */
  instrument(symbol: string, at: number, kind: 'spot' | 'futures'): Instrument | null {
    const m = /^([A-Z0-9]+?)USDT(?:_(\d{6}))?$/.exec(symbol);
    if (!m) return null;
    if (kind === 'futures' && !m[2] && this.multipliedPerps.has(m[1]!)) {
      const asset = this.multipliedPerps.get(m[1]!)!;
      if (this.listings.isDelisted(asset, 'perp', at)) return null;
      return perpInstrument(this.path(asset).spec);
    }
    const asset = m[1]!;
    const path = this.paths.get(asset);
    if (!path) return null;
    if (kind === 'spot') {
      if (m[2] || this.listings.isDelisted(asset, 'spot', at)) return null;
      return spotInstrument(path.spec);
    }
    if (!m[2]) {
      // A perpetual listed on a multiple has no plain symbol.
      if (path.spec.perpMultiplier !== 1) return null;
      return this.listings.isDelisted(asset, 'perp', at) ? null : perpInstrument(path.spec);
    }
    const extra = this.extraFutureInstruments(path.spec, at).find((i) => i.symbol === symbol);
    if (extra) return extra;
    if (!path.spec.quarterlies) return null;
    const [current, next] = quarterlyExpiriesAfter(at, 2);
    if (yymmdd(current!) === m[2]) return futureInstrument(path.spec, current!, 'CURRENT_QUARTER');
    if (yymmdd(next!) === m[2]) return futureInstrument(path.spec, next!, 'NEXT_QUARTER');
    return null;
  }

  /** A dated future by its expiry, listed or not (to settle positions after delivery). */
  futureByExpiry(asset: string, expiry: number): Instrument {
    return futureInstrument(this.path(asset).spec, expiry, 'CURRENT_QUARTER');
  }

  spot(asset: string, at: number): number {
    return this.path(asset).spotAt(at);
  }

  /** Annualized carry: the premium the regime is about. */
  carry(asset: string, at: number): number {
    return this.path(asset).carryAt(at);
  }

  /** The perpetual's premium index: its mark over the index, a fraction of the index. */
  markPremium(asset: string, at: number): number {
    const path = this.path(asset);
    return premiumIndexForCarry(path.premiumAt(at), path.spec.fundingIntervalHours);
  }

  /** Annualized basis of the future delivering at `expiry`: the carry bent by a term structure. */
  futureBasis(asset: string, expiry: number, at: number): number {
    const years = Math.max(0, expiry - at) / YEAR_MS;
    const tilt = 1 - 0.1 * Math.min(1, years * 2);
    const offset = 0.004 * hashNormal(this.seed, hashString(asset), expiry / HOUR_MS);
    return this.path(asset).carryAt(at) * tilt + offset;
  }

  /** The fair price of an instrument (the mark for contracts), per unit of its base. */
  price(instrument: Instrument, at: number): number {
    return instrument.multiplier * this.assetPrice(instrument, at);
  }

  /** An instrument's index price: the asset's spot, per unit of the instrument's base. */
  indexPrice(instrument: Instrument, at: number): number {
    return instrument.multiplier * this.spot(instrument.asset, at);
  }

  /** The fair price per unit of the asset itself. */
  private assetPrice(instrument: Instrument, at: number): number {
    const spot = this.spot(instrument.asset, at);
    if (instrument.kind === 'spot') return spot;
    if (instrument.kind === 'perp') return spot * (1 + this.markPremium(instrument.asset, at));
    const expiry = instrument.expiry!;
    if (at >= expiry) return this.spot(instrument.asset, expiry);
    return spot * (1 + (this.futureBasis(instrument.asset, expiry, at) * (expiry - at)) / YEAR_MS);
  }

  /** Price of the last trade: the fair price with a sub-tick jitter, on the tick grid. */
  lastPrice(instrument: Instrument, at: number): number {
    const jitter =
      (hashUniform(this.seed, hashString(instrument.symbol), Math.floor(at / 1000)) - 0.5) * 0.6;
    return roundTo(this.price(instrument, at) * (1 + jitter / 10_000), instrument.tick);
  }

  /** Funding rate settled at `at` for the interval ending there. */
  settledFundingRate(asset: string, at: number): number {
    const hours = this.listings.intervalOf(asset, this.baseInterval(asset), at);
    const interval = hours * HOUR_MS;
    return this.fundingRateFrom(asset, at - interval, interval / PREMIUM_SAMPLE_MS, hours);
  }

  /**
   * The rate predicted for the settlement ending the current interval: the venue's formula on the
   * premium averaged over the interval so far.
   */
  predictedFundingRate(asset: string, at: number): number {
    const next = this.nextFundingTime(asset, at);
    const hours = this.listings.intervalOf(asset, this.baseInterval(asset), next);
    const start = next - hours * HOUR_MS;
    const samples = Math.floor((at - start) / PREMIUM_SAMPLE_MS) + 1;
    return this.fundingRateFrom(asset, start, samples, hours);
  }

  private fundingRateFrom(asset: string, start: number, samples: number, hours: number): number {
    const path = this.path(asset);
    const premiums = path.premiumSamples(start, PREMIUM_SAMPLE_MS, samples);
    for (let k = 0; k < premiums.length; k++)
      premiums[k] = premiumIndexForCarry(premiums[k]!, hours);
    return venueFundingRate(weightedAverage(premiums), hours, path.spec.fundingCap);
  }

  private baseInterval(asset: string): number {
    return this.path(asset).spec.fundingIntervalHours;
  }

  /** The interval of the settlement pending at market time `at`. */
  fundingIntervalHours(asset: string, at: number): number {
    return this.listings.intervalOf(
      asset,
      this.baseInterval(asset),
      this.nextFundingTime(asset, at),
    );
  }

  /** The first funding settlement strictly after `at`. */
  nextFundingTime(asset: string, at: number): number {
    return this.listings.nextFundingTime(asset, this.baseInterval(asset), at);
  }

  /** Funding settlement times in (from, to], oldest first. */
  fundingTimes(asset: string, from: number, to: number): number[] {
    return this.listings.fundingTimes(asset, this.baseInterval(asset), from, to);
  }

  /**
   * Funding settlements in [from, to] (market time), oldest first: the deep history's daily-modelled
   * ones before the hourly path, the path's own after. `pick` keeps only the oldest (or newest)
   * `limit` before any rate is computed, so a page of a long range costs a page.
   */
  fundingHistory(
    asset: string,
    from: number,
    to: number,
    pick?: { limit: number; newest: boolean },
  ): { at: number; rate: number }[] {
    const path = this.path(asset);
    const deep = this.deepHistory(asset);
    const hours = this.baseInterval(asset);
    const first = Math.max(from - 1, path.start);
    const times: { at: number; deep: boolean }[] = [];
    if (from <= path.start) {
      for (const at of deep.fundingTimes(from, Math.min(to, path.start), hours)) {
        times.push({ at, deep: true });
      }
    }
    for (const at of this.fundingTimes(asset, first, to)) times.push({ at, deep: false });
    const picked = !pick
      ? times
      : pick.newest
        ? times.slice(-pick.limit)
        : times.slice(0, pick.limit);
    return picked.map(({ at, deep: isDeep }) => ({
      at,
      rate: isDeep ? deep.settledRate(at, hours) : this.settledFundingRate(asset, at),
    }));
  }

  /** The asset's daily history before its hourly path (see ./deep-history). */
  deepHistory(asset: string): DeepHistory {
    let found = this.deep.get(asset);
    if (!found) {
      const path = this.path(asset);
      const day = Math.ceil(path.start / DAY_MS) * DAY_MS;
      found = new DeepHistory(path.spec, this.seed, { day, spot: path.spotAt(day) });
      this.deep.set(asset, found);
    }
    return found;
  }

  book(instrument: Instrument, at: number, levels: number): Book {
    const spread =
      instrument.kind === 'spot'
        ? SPOT_SPREAD_BPS
        : instrument.kind === 'perp'
          ? PERP_SPREAD_BPS
          : FUTURE_SPREAD_BPS;
    const depthScale = instrument.kind === 'future' ? 0.3 : 1;
    return buildBook({
      symbol: instrument.symbol,
      mid: this.price(instrument, at),
      tick: instrument.tick,
      step: instrument.step,
      topLevelUsd: instrument.spec.topLevelUsd * depthScale,
      spreadBps: spread,
      levels,
      at,
      seed: this.seed,
    });
  }

  /** A deterministic id that changes with market time, for `lastUpdateId` fields. */
  updateId(symbol: string, at: number): number {
    return Math.floor(at / 100) * 16 + (mix(this.seed, hashString(symbol)) % 16);
  }

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
    const recent = this.candleMaker.candles(instrument, intervalMs, from, to, now);
    // Years of daily spot candles precede the path; other intervals and markets start with it.
    if (intervalMs !== DAY_MS || instrument.kind !== 'spot') return recent;
    return [...this.deepHistory(instrument.asset).candles(from, Math.min(to, now)), ...recent];
  }

  /** When the candles of an instrument at this interval begin (years earlier for daily spot). */
  historyStart(instrument: Instrument, intervalMs: number): number {
    return intervalMs === DAY_MS && instrument.kind === 'spot'
      ? this.deepHistory(instrument.asset).span.from
      : this.path(instrument.asset).start;
  }

  /** One candle over [from, to). */
  rangeCandle(instrument: Instrument, from: number, to: number): Candle {
    return this.candleMaker.rangeCandle(instrument, from, to);
  }

  /** Resets cached candles (after the paths are regenerated). */
  clearCaches(): void {
    this.candleMaker.clearCaches();
  }
}

export function roundTo(value: number, step: number): number {
  return Number((Math.round(value / step) * step).toFixed(12));
}
