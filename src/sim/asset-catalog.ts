// The assets the simulator lists: default majors with realistic prices, funding intervals and
// liquidity (and a low-priced asset whose perpetual trades on a multiple of it, as binance lists
// 1000PEPEUSDT beside PEPEUSDT), and generated extras (up to MAX_ASSETS) for breadth in demos and
// benchmarks.
import { hashString, hashUniform } from './prng';

export const MAX_ASSETS = 150;
export const QUOTE = 'USDT';

export interface AssetSpec {
  name: string;
  /** Price at the start of the generated history. */
  basePrice: number;
  /** Multiplier on the regime volatility (BTC 1). */
  volatility: number;
  fundingIntervalHours: 1 | 4 | 8;
  /** The funding rate's cap (and, negated, its floor) per interval. */
  fundingCap: number;
  /** Whether quarterly contracts are listed: binance USDⓈ-M lists them for BTC and ETH only. */
  quarterlies: boolean;
  /** Notional (USDT) resting on the first level of each book; deeper levels grow from it. */
  topLevelUsd: number;
  spotTick: number;
  futuresTick: number;
  spotStep: number;
  futuresStep: number;
  futuresMinNotional: number;
  /**
   * Units of the asset one unit of its perpetual's base stands for: 1000 where the perpetual is
   * listed as 1000<asset>USDT (priced per thousand), 1 for a plain one.
   */
  perpMultiplier: number;
}

interface Seed {
  name: string;
  price: number;
  volatility: number;
  interval?: 1 | 4 | 8;
  quarterlies?: boolean;
  topLevelUsd: number;
  perpMultiplier?: number;
}

const DEFAULTS: Seed[] = [
  { name: 'BTC', price: 64_000, volatility: 1, quarterlies: true, topLevelUsd: 400_000 },
  { name: 'ETH', price: 3_100, volatility: 1.2, quarterlies: true, topLevelUsd: 250_000 },
  { name: 'SOL', price: 150, volatility: 1.5, topLevelUsd: 90_000 },
  { name: 'BNB', price: 580, volatility: 1.1, topLevelUsd: 60_000 },
  { name: 'XRP', price: 0.6, volatility: 1.4, topLevelUsd: 50_000 },
  { name: 'DOGE', price: 0.15, volatility: 1.7, interval: 4, topLevelUsd: 40_000 },
  { name: 'ADA', price: 0.45, volatility: 1.5, interval: 1, topLevelUsd: 30_000 },
  { name: 'LINK', price: 15, volatility: 1.5, topLevelUsd: 25_000 },
];

export const DEFAULT_ASSETS: readonly string[] = DEFAULTS.map((d) => d.name);

/**
 * Assets known by name but listed only when asked for (`addAssets`, or the start options): PEPE,
 * whose perpetual is 1000PEPEUSDT, priced per thousand PEPE, beside the PEPEUSDT spot pair.
 */
const ON_REQUEST: Seed[] = [
  {
    name: 'PEPE',
    price: 0.0000125,
    volatility: 2,
    interval: 4,
    topLevelUsd: 30_000,
    perpMultiplier: 1000,
  },
];

/** Funding cap and floor per interval: the common ±0.75% of 8-hour symbols, ±2% where shorter. */
const EIGHT_HOUR_FUNDING_CAP = 0.0075;
const SHORT_INTERVAL_FUNDING_CAP = 0.02;

const EXTRA_NAMES = [
  'DOT',
  'LTC',
  'TRX',
  'ATOM',
  'NEAR',
  'UNI',
  'APT',
  'ARB',
  'OP',
  'FIL',
  'ETC',
  'AAVE',
  'INJ',
  'SUI',
  'TIA',
  'SEI',
  'ALGO',
  'XLM',
  'HBAR',
  'ICP',
  'VET',
  'GRT',
  'RNDR',
  'IMX',
  'MKR',
  'SAND',
  'MANA',
  'AXS',
  'EGLD',
  'FTM',
  'THETA',
  'FLOW',
  'CHZ',
  'EOS',
  'XTZ',
  'KAVA',
  'CRV',
  'SNX',
  'LDO',
  'RUNE',
  'DYDX',
  'GMX',
  'ENS',
  'COMP',
  'ZEC',
  'DASH',
  'NEO',
  'QTUM',
  'ZIL',
  'IOTA',
];

/** Power of ten at or below `x`. */
function decade(x: number): number {
  return 10 ** Math.floor(Math.log10(x));
}

function specFrom(seed: Seed): AssetSpec {
  return {
    name: seed.name,
    basePrice: seed.price,
    volatility: seed.volatility,
    fundingIntervalHours: seed.interval ?? 8,
    fundingCap: (seed.interval ?? 8) === 8 ? EIGHT_HOUR_FUNDING_CAP : SHORT_INTERVAL_FUNDING_CAP,
    quarterlies: seed.quarterlies ?? false,
    topLevelUsd: seed.topLevelUsd,
    // Binance's spot prices carry 8 decimals at most: no tick below 1e-8.
    spotTick: Math.max(1e-8, roundPow(decade(seed.price) * 1e-6)),
    futuresTick: roundPow(decade(seed.price) * 1e-5),
    spotStep: roundPow(decade(1 / seed.price)),
    futuresStep: roundPow(
      decade(1 / seed.price) * (seed.price > 1_000 ? 100 : seed.price > 10 ? 10 : 1),
    ),
    futuresMinNotional: seed.price > 1_000 ? 100 : 5,
    perpMultiplier: seed.perpMultiplier ?? 1,
  };
}

/** The venue's name for the base of an asset's perpetual: 1000PEPE for PEPE × 1000. */
export function perpBaseName(spec: AssetSpec): string {
  return spec.perpMultiplier === 1 ? spec.name : `${spec.perpMultiplier}${spec.name}`;
}

/**
 * The spec a multiplied perpetual is listed with: ticks, steps and limits for its price per
 * multiple (1000 PEPE), the asset's own path and funding otherwise.
 */
export function perpContractSpec(spec: AssetSpec): AssetSpec {
  if (spec.perpMultiplier === 1) return spec;
  const price = spec.basePrice * spec.perpMultiplier;
  const contract = specFrom({
    name: perpBaseName(spec),
    price,
    volatility: spec.volatility,
    interval: spec.fundingIntervalHours,
    topLevelUsd: spec.topLevelUsd,
  });
  return { ...contract, fundingCap: spec.fundingCap, perpMultiplier: spec.perpMultiplier };
}

/** Rounds a power of ten so float noise (1e-7 → 9.999e-8) never leaks into formatted filters. */
function roundPow(x: number): number {
  return Number(x.toPrecision(1));
}

/** The spec of a listed asset: a default by name, else one derived deterministically from the name. */
export function assetSpec(name: string): AssetSpec {
  const known = [...DEFAULTS, ...ON_REQUEST].find((d) => d.name === name);
  if (known) return specFrom(known);
  const h = hashString(name);
  const price = Number((10 ** (-1 + 4 * hashUniform(h, 1))).toPrecision(4));
  const pick = hashUniform(h, 2);
  return specFrom({
    name,
    price,
    volatility: 1.3 + 0.6 * hashUniform(h, 3),
    interval: pick < 0.15 ? 4 : pick < 0.2 ? 1 : 8,
    topLevelUsd: Math.round(5_000 + 20_000 * hashUniform(h, 4)),
  });
}

/** The next `count` names not yet listed: the extra list first, then generated `S001`-style names. */
export function nextAssetNames(listed: readonly string[], count: number): string[] {
  const taken = new Set(listed);
  const out: string[] = [];
  for (const name of EXTRA_NAMES) {
    if (out.length >= count) return out;
    if (!taken.has(name)) out.push(name);
  }
  for (let i = 1; out.length < count; i++) {
    const name = `S${String(i).padStart(3, '0')}`;
    if (!taken.has(name)) out.push(name);
  }
  return out;
}

/** Decimal places of a tick or step size (0.01 → 2, 1 → 0). */
export function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}
