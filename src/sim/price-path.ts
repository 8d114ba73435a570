// One asset's market path: spot price and carry (the annualized premium that drives the quarterly
// basis and, through the perpetual's premium index, funding), with Markov regime switching. The path
// is a chain of knots — one per hour plus one per control — whose random draws are hashed from (seed,
// asset, hour), so the same seed and the same controls regenerate exactly the same market after a
// restart. Between knots the spot follows a Brownian bridge keyed to absolute minutes, which leaves
// the past unchanged when a control adds a knot.
import type { AssetSpec } from './asset-catalog';
import { hashNormal, hashString, hashUniform, mix } from './prng';
import { MINUTE_MS, HOUR_MS, YEAR_MS } from '../shared/time';
import { pickNext, REGIME_MODELS, regimeForCarry, SIM_REGIMES, type SimRegime } from './regimes';

export { REGIME_MODELS, regimeForCarry, SIM_REGIMES } from './regimes';
export type { SimRegime } from './regimes';

/** Carry mean reversion: a half-life of a day and a half. */
const CARRY_KAPPA = Math.log(2) / (1.5 / 365);
/** Pull of log price towards its starting level, per year (keeps long runs plausible). */
const PRICE_REVERSION = 0.5;
/** Share of each hour's regime and price draws common to all assets (markets move together). */
const SHARED = 0.7;
const PINNED_SPREAD = 0.003;
/** Hourly noise on the perp premium around the carry, annualized. */
const PREMIUM_NOISE = 0.015;
const MINUTE_YEARS = MINUTE_MS / YEAR_MS;

export interface KnotState {
  logS: number;
  carry: number;
  target: number;
  regime: SimRegime;
  pinned: boolean;
}

export type Control =
  { kind: 'premium'; value: number | null } | { kind: 'regime'; regime: SimRegime };

const REGIME_CODE: Record<SimRegime, number> = { quiet: 0, calm: 1, euphoria: 2, capitulation: 3 };

class Column {
  data: Float64Array;
  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
  }
  grow(capacity: number): void {
    const next = new Float64Array(capacity);
    next.set(this.data);
    this.data = next;
  }
}

export class AssetPath {
  readonly spec: AssetSpec;
  /** First knot: the start of the generated history. */
  readonly start: number;
  private readonly assetSeed: number;
  private readonly marketSeed: number;
  private readonly logBase: number;
  private n = 0;
  private capacity = 0;
  private readonly walks = new Map<number, Float64Array>();
  private readonly t: Column;
  private readonly logS: Column;
  private readonly carry: Column;
  private readonly target: Column;
  /** Regime code and pin flag packed: code + 4 × pinned. */
  private readonly flags: Column;

  constructor(spec: AssetSpec, marketSeed: number, start: number) {
    this.spec = spec;
    this.marketSeed = marketSeed >>> 0;
    this.assetSeed = mix(marketSeed, hashString(spec.name));
    this.start = Math.floor(start / HOUR_MS) * HOUR_MS;
    this.logBase = Math.log(spec.basePrice);
    this.capacity = 9_000;
    this.t = new Column(this.capacity);
    this.logS = new Column(this.capacity);
    this.carry = new Column(this.capacity);
    this.target = new Column(this.capacity);
    this.flags = new Column(this.capacity);
    const hour = this.start / HOUR_MS;
    const regime: SimRegime = hashUniform(this.assetSeed, hour, 90) < 0.7 ? 'calm' : 'quiet';
    const [lo, hi] = REGIME_MODELS[regime].band;
    const target = lo + (hi - lo) * hashUniform(this.assetSeed, hour, 91);
    this.push(this.start, { logS: this.logBase, carry: target, target, regime, pinned: false });
  }

  get knotCount(): number {
    return this.n;
  }

  get lastKnotTime(): number {
    return this.t.data[this.n - 1]!;
  }

  /** Extends the path until a knot lies at or after `at`. */
  ensureCovers(at: number): void {
    while (this.t.data[this.n - 1]! < at) this.step();
  }

  state(index: number): KnotState {
    const flags = this.flags.data[index]!;
    return {
      logS: this.logS.data[index]!,
      carry: this.carry.data[index]!,
      target: this.target.data[index]!,
      regime: SIM_REGIMES[flags % 4]!,
      pinned: flags >= 4,
    };
  }

  /** The state at `at` (spot on the bridge, carry interpolated), extending the path as needed. */
  stateAt(at: number): KnotState {
    this.ensureCovers(at);
    const j = this.indexAt(at);
    const s = this.state(j);
    return { ...s, logS: this.logSpotAt(at), carry: this.carryAt(at) };
  }

  spotAt(at: number): number {
    return Math.exp(this.logSpotAt(at));
  }

  logSpotAt(at: number): number {
    this.ensureCovers(at);
    const j = this.indexAt(at);
    const a = this.t.data[j]!;
    if (at === a || j === this.n - 1) return this.logS.data[j]!;
    const b = this.t.data[j + 1]!;
    const la = this.logS.data[j]!;
    const lb = this.logS.data[j + 1]!;
    const f = (at - a) / (b - a);
    const hour = Math.floor(a / HOUR_MS);
    const wa = this.unitWalk(hour, a);
    const wb = this.unitWalk(hour, b);
    const w = this.unitWalk(hour, at);
    return la + f * (lb - la) + this.sigmaOf(j) * (w - (wa + f * (wb - wa)));
  }

  carryAt(at: number): number {
    this.ensureCovers(at);
    const j = this.indexAt(at);
    const a = this.t.data[j]!;
    if (at === a || j === this.n - 1) return this.carry.data[j]!;
    const b = this.t.data[j + 1]!;
    const f = (at - a) / (b - a);
    return this.carry.data[j]! + f * (this.carry.data[j + 1]! - this.carry.data[j]!);
  }

  regimeAt(at: number): SimRegime {
    this.ensureCovers(at);
    return this.state(this.indexAt(at)).regime;
  }

  /** Annualized perp premium at `at`: carry plus an hourly noise term. */
  premiumAt(at: number): number {
    return this.carryAt(at) + this.hourNoise(Math.floor(at / HOUR_MS));
  }

  /**
   * The annualized premium at `count` moments `stepMs` apart from `from` (inclusive), walking the
   * knots once rather than searching them for every sample.
   */
  premiumSamples(from: number, stepMs: number, count: number): Float64Array {
    const out = new Float64Array(count);
    if (count === 0) return out;
    this.ensureCovers(from + (count - 1) * stepMs);
    let j = this.indexAt(from);
    let noiseHour = Number.NaN;
    let noise = 0;
    for (let k = 0; k < count; k++) {
      const at = from + k * stepMs;
      while (j + 1 < this.n && this.t.data[j + 1]! <= at) j++;
      const a = this.t.data[j]!;
      let carry = this.carry.data[j]!;
      if (at > a && j + 1 < this.n) {
        const f = (at - a) / (this.t.data[j + 1]! - a);
        carry += f * (this.carry.data[j + 1]! - carry);
      }
      const hour = Math.floor(at / HOUR_MS);
      if (hour !== noiseHour) {
        noiseHour = hour;
        noise = this.hourNoise(hour);
      }
      out[k] = carry + noise;
    }
    return out;
  }

  /**
   * Applies a control at `at` (market time now): a knot is placed there with the current state and
   * the change, and the knot after it is regenerated from it with the same hour's draws.
   */
  applyControl(at: number, control: Control): KnotState {
    const current = this.stateAt(at);
    const j = this.indexAt(at);
    // Knots after `at` (the look-ahead) are dropped; a knot exactly at `at` is replaced.
    const keep = this.t.data[j]! === at ? j : j + 1;
    const next: KnotState = { ...current };
    if (control.kind === 'premium') {
      if (control.value === null) {
        next.pinned = false;
        next.target = current.carry;
      } else {
        next.pinned = true;
        next.carry = control.value;
        next.target = control.value;
        next.regime = regimeForCarry(control.value);
      }
    } else {
      const [lo, hi] = REGIME_MODELS[control.regime].band;
      const value = lo + (hi - lo) * hashUniform(this.assetSeed, at, 77);
      next.pinned = false;
      next.regime = control.regime;
      next.carry = value;
      next.target = value;
    }
    this.n = keep;
    this.push(at, next);
    return next;
  }

  /** Log spot at the 61 minute boundaries of an hour (the hour must be covered). */
  minuteLogSpots(hour: number): Float64Array {
    const out = new Float64Array(61);
    const base = hour * HOUR_MS;
    this.ensureCovers(base + HOUR_MS);
    for (let m = 0; m <= 60; m++) out[m] = this.logSpotAt(base + m * MINUTE_MS);
    return out;
  }

  private indexAt(at: number): number {
    let lo = 0;
    let hi = this.n - 1;
    if (at <= this.t.data[0]!) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.t.data[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private sigmaOf(index: number): number {
    return REGIME_MODELS[this.state(index).regime].vol * this.spec.volatility;
  }

  private hourNoise(hour: number): number {
    return PREMIUM_NOISE * hashNormal(this.assetSeed, hour, 50);
  }

  /** A unit-variance-per-year random walk inside one hour, zero at the hour's start. */
  private unitWalk(hour: number, at: number): number {
    const table = this.walkTable(hour);
    const offset = Math.min(60, Math.max(0, (at - hour * HOUR_MS) / MINUTE_MS));
    const whole = Math.min(59, Math.floor(offset));
    return table[whole]! + (offset - whole) * (table[whole + 1]! - table[whole]!);
  }

  private walkTable(hour: number): Float64Array {
    const cached = this.walks.get(hour);
    if (cached) return cached;
    const table = new Float64Array(61);
    const scale = Math.sqrt(MINUTE_YEARS);
    for (let i = 0; i < 60; i++)
      table[i + 1] = table[i]! + scale * hashNormal(this.assetSeed, hour, 100 + i);
    if (this.walks.size >= 512) this.walks.delete(this.walks.keys().next().value!);
    this.walks.set(hour, table);
    return table;
  }

  /** Draw `k` of an hour, shared across assets with probability SHARED (drawn per hour). */
  private sharedUniform(hour: number, k: number): number {
    const shared = hashUniform(this.assetSeed, hour, 9) < SHARED;
    return hashUniform(shared ? this.marketSeed : this.assetSeed, hour, k);
  }

  private step(): void {
    const k = this.n - 1;
    const from = this.t.data[k]!;
    const hour = Math.floor(from / HOUR_MS);
    const to = (hour + 1) * HOUR_MS;
    const dtYears = (to - from) / YEAR_MS;
    const dtHours = (to - from) / HOUR_MS;
    const s = this.state(k);
    let regime = s.regime;
    let target = s.target;
    if (!s.pinned) {
      const leave = 1 - Math.exp(-dtHours / REGIME_MODELS[regime].meanHours);
      if (this.sharedUniform(hour, 1) < leave) {
        regime = pickNext(regime, this.sharedUniform(hour, 2));
        const [lo, hi] = REGIME_MODELS[regime].band;
        target = lo + (hi - lo) * hashUniform(this.assetSeed, hour, 3);
      }
    }
    const spread = s.pinned ? PINNED_SPREAD : REGIME_MODELS[regime].carrySpread;
    const decay = Math.exp(-CARRY_KAPPA * dtYears);
    const carry =
      target +
      (s.carry - target) * decay +
      spread * Math.sqrt(1 - decay * decay) * hashNormal(this.assetSeed, hour, 4);
    const model = REGIME_MODELS[s.regime];
    const sigma = model.vol * this.spec.volatility;
    const z =
      SHARED * hashNormal(this.marketSeed, hour, 5) +
      Math.sqrt(1 - SHARED * SHARED) * hashNormal(this.assetSeed, hour, 5);
    const logS =
      s.logS +
      (model.drift - (sigma * sigma) / 2) * dtYears -
      PRICE_REVERSION * (s.logS - this.logBase) * dtYears +
      sigma * Math.sqrt(dtYears) * z;
    this.push(to, { logS, carry, target, regime, pinned: s.pinned });
  }

  private push(at: number, s: KnotState): void {
    if (this.n === this.capacity) {
      this.capacity *= 2;
      for (const c of [this.t, this.logS, this.carry, this.target, this.flags])
        c.grow(this.capacity);
    }
    const i = this.n++;
    this.t.data[i] = at;
    this.logS.data[i] = s.logS;
    this.carry.data[i] = s.carry;
    this.target.data[i] = s.target;
    this.flags.data[i] = REGIME_CODE[s.regime] + (s.pinned ? 4 : 0);
  }
}
