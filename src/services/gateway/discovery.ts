// Finding an asset's instruments among a venue's loaded markets: its spot pair against the quote
// currency, its linear perpetual, and its linear dated futures with expiry, contract size, limits and
// (for the perpetual) the funding interval the venue states or the default it implies. A contract on
// a multiple of the asset (binance's 1000PEPE) is the asset's own, with its multiplier: contract sizes
// and price steps are given in units of the asset.
import { PRECISION_DECIMAL_PLACES } from './ccxt-loader';
import type {
  AssetInstruments,
  DatedFutureInstrument,
  InstrumentLimits,
  PerpInstrument,
  SpotInstrument,
} from './types';
import { finiteOrNull } from '../../core';

/** The slice of a ccxt market discovery reads (so tests can build markets by hand). */
export interface MarketLike {
  symbol: string;
  id?: string;
  base: string;
  quote: string;
  settle?: string;
  spot?: boolean;
  swap?: boolean;
  future?: boolean;
  linear?: boolean;
  active?: boolean;
  expiry?: number;
  contractSize?: number;
  precision?: { amount?: number; price?: number };
  limits?: { amount?: { min?: number; max?: number }; cost?: { min?: number } };
}

/** A market as indexed under an asset: with the units of the asset one unit of its base stands for. */
export type IndexedMarket = MarketLike & { multiplier: number };

/** A contract base that stands for a multiple of an asset (1000PEPE: PEPE × 1000). */
export interface Multiple {
  asset: string;
  multiplier: number;
}

export interface MarketIndex {
  /** Markets against the quote currency, by the asset they are on (1000PEPE's under PEPE). */
  byBase: Map<string, IndexedMarket[]>;
  /** Contract bases that stand for a multiple of an asset, by base. */
  multiples: Map<string, Multiple>;
  quote: string;
  precisionMode: number;
}

export function indexMarkets(
  markets: readonly MarketLike[],
  quote: string,
  precisionMode: number,
  multipleOf: (base: string) => Multiple | null = () => null,
): MarketIndex {
  const usable = markets.filter((m) => m.quote === quote && m.active !== false);
  // A base the venue trades spot under its whole name is an asset of its own (binance's 1000SATS).
  const spotBases = new Set(usable.filter((m) => m.spot === true).map((m) => m.base));
  const byBase = new Map<string, IndexedMarket[]>();
  const multiples = new Map<string, Multiple>();
  for (const market of usable) {
    const multiple =
      market.spot !== true && !spotBases.has(market.base) ? multipleOf(market.base) : null;
    if (multiple) multiples.set(market.base, multiple);
    const asset = multiple?.asset ?? market.base;
    const list = byBase.get(asset) ?? [];
    list.push({ ...market, multiplier: multiple?.multiplier ?? 1 });
    byBase.set(asset, list);
  }
  return { byBase, multiples, quote, precisionMode };
}

function step(value: unknown, precisionMode: number): number | null {
  const n = finiteOrNull(value);
  if (n === null) return null;
  return precisionMode === PRECISION_DECIMAL_PLACES ? 10 ** -n : n;
}

/** Amounts stay in contracts; the price step is per unit of the asset, as every price the gateway gives. */
function limitsOf(market: IndexedMarket, precisionMode: number): InstrumentLimits {
  const priceStep = step(market.precision?.price, precisionMode);
  return {
    minAmount: finiteOrNull(market.limits?.amount?.min),
    maxAmount: finiteOrNull(market.limits?.amount?.max),
    minCost: finiteOrNull(market.limits?.cost?.min),
    amountStep: step(market.precision?.amount, precisionMode),
    priceStep: priceStep === null ? null : priceStep / market.multiplier,
  };
}

function ids(market: IndexedMarket): { symbol: string; id: string; base: string; quote: string } {
  return {
    symbol: market.symbol,
    id: market.id ?? market.symbol,
    base: market.base,
    quote: market.quote,
  };
}

export function instrumentsFor(
  asset: string,
  index: MarketIndex,
  intervals: ReadonlyMap<string, number>,
  defaultIntervalHours: number,
): AssetInstruments {
  const markets = index.byBase.get(asset) ?? [];
  const limits = (m: IndexedMarket) => limitsOf(m, index.precisionMode);
  // Units of the asset per contract: the venue's contract size times the multiple it is on.
  const size = (m: IndexedMarket) => (finiteOrNull(m.contractSize) ?? 1) * m.multiplier;
  const spotMarket = markets.find((m) => m.spot === true);
  const spot: SpotInstrument | null = spotMarket
    ? { kind: 'spot', ...ids(spotMarket), limits: limits(spotMarket) }
    : null;
  const linear = (m: MarketLike) => m.linear === true && m.settle === index.quote;
  // The plain perpetual where the venue lists both it and one on a multiple.
  const perpMarket = markets
    .filter((m) => m.swap === true && linear(m))
    .sort((a, b) => a.multiplier - b.multiplier)[0];
  let perp: PerpInstrument | null = null;
  if (perpMarket) {
    const stated = intervals.get(perpMarket.symbol);
    perp = {
      kind: 'perp',
      ...ids(perpMarket),
      settle: index.quote,
      contractSize: size(perpMarket),
      multiplier: perpMarket.multiplier,
      limits: limits(perpMarket),
      fundingIntervalHours: stated ?? defaultIntervalHours,
      intervalFromVenue: stated !== undefined,
    };
  }
  const futures: DatedFutureInstrument[] = markets
    .filter((m) => m.future === true && linear(m) && finiteOrNull(m.expiry) !== null)
    .map((m) => ({
      kind: 'future' as const,
      ...ids(m),
      settle: index.quote,
      contractSize: size(m),
      multiplier: m.multiplier,
      expiry: m.expiry!,
      limits: limits(m),
    }))
    .sort((a, b) => a.expiry - b.expiry);
  return { asset, spot, perp, futures };
}
