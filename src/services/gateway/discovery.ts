// Finding an asset's instruments among a venue's loaded markets: its spot pair against the quote
// currency, its linear perpetual, and its linear dated futures with expiry, contract size, limits and
// (for the perpetual) the funding interval the venue states or the default it implies.
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

export interface MarketIndex {
  /** Markets against the quote currency, by base asset. */
  byBase: Map<string, MarketLike[]>;
  quote: string;
  precisionMode: number;
}

export function indexMarkets(
  markets: readonly MarketLike[],
  quote: string,
  precisionMode: number,
): MarketIndex {
  const byBase = new Map<string, MarketLike[]>();
  for (const market of markets) {
    if (market.quote !== quote || market.active === false) continue;
    const list = byBase.get(market.base) ?? [];
    list.push(market);
    byBase.set(market.base, list);
  }
  return { byBase, quote, precisionMode };
}

function step(value: unknown, precisionMode: number): number | null {
  const n = finiteOrNull(value);
  if (n === null) return null;
  return precisionMode === PRECISION_DECIMAL_PLACES ? 10 ** -n : n;
}

function limitsOf(market: MarketLike, precisionMode: number): InstrumentLimits {
  return {
    minAmount: finiteOrNull(market.limits?.amount?.min),
    maxAmount: finiteOrNull(market.limits?.amount?.max),
    minCost: finiteOrNull(market.limits?.cost?.min),
    amountStep: step(market.precision?.amount, precisionMode),
    priceStep: step(market.precision?.price, precisionMode),
  };
}

function ids(market: MarketLike): { symbol: string; id: string; base: string; quote: string } {
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
  const limits = (m: MarketLike) => limitsOf(m, index.precisionMode);
  const spotMarket = markets.find((m) => m.spot === true);
  const spot: SpotInstrument | null = spotMarket
    ? { kind: 'spot', ...ids(spotMarket), limits: limits(spotMarket) }
    : null;
  const linear = (m: MarketLike) => m.linear === true && m.settle === index.quote;
  const perpMarket = markets.find((m) => m.swap === true && linear(m));
  let perp: PerpInstrument | null = null;
  if (perpMarket) {
    const stated = intervals.get(perpMarket.symbol);
    perp = {
      kind: 'perp',
      ...ids(perpMarket),
      settle: index.quote,
      contractSize: finiteOrNull(perpMarket.contractSize) ?? 1,
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
      contractSize: finiteOrNull(m.contractSize) ?? 1,
      expiry: m.expiry!,
      limits: limits(m),
    }))
    .sort((a, b) => a.expiry - b.expiry);
  return { asset, spot, perp, futures };
}
