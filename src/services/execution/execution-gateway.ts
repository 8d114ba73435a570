// What execution needs of an account's exchange gateway, and the venue's units of one market: how
// much of the asset one unit of an order stands for (a contract), its amount grid and its minimums.
// Plans speak in base units of the asset; orders go out in the market's own units.
import { ceilToStep, floorToStep, tidy } from '../../core/planner-sizing';
import type { OrderSide, PlanMarket } from '../../shared/plan';
import type { ExchangeGateway } from '../gateway';
import type { OrderBookSnapshot } from '../gateway/types';

export type ExecutionGateway = Pick<
  ExchangeGateway,
  | 'exchange'
  | 'discover'
  | 'fetchOrderBook'
  | 'placeOrder'
  | 'fetchOrderByClientId'
  | 'cancelOrder'
  | 'fetchOpenOrders'
  | 'transfer'
  | 'setLeverage'
  | 'setMarginMode'
>;

export interface MarketUnits {
  symbol: string;
  market: PlanMarket;
  /** Units of the asset per unit of an order (1 for spot). */
  contractSize: number;
  amountStep: number | null;
  /** Smallest order, in the market's units. */
  minAmount: number | null;
  /** Smallest order value in the quote currency. */
  minCost: number | null;
  priceStep: number | null;
}

/** The market a ccxt symbol names: spot (BTC/USDT), perpetual (BTC/USDT:USDT) or dated (…-260925). */
export function marketOfSymbol(symbol: string): PlanMarket {
  if (!symbol.includes(':')) return 'spot';
  return /-\d{6}$/.test(symbol) ? 'future' : 'perp';
}

/** The venue's units of `symbol`, the asset's market; an error in words when it is not listed. */
export async function marketUnits(
  gateway: ExecutionGateway,
  asset: string,
  symbol: string,
): Promise<MarketUnits> {
  const [found] = await gateway.discover([asset]);
  const instruments = found ? [found.spot, found.perp, ...found.futures] : [];
  const instrument = instruments.find((i) => i?.symbol === symbol);
  if (!instrument) {
    throw new Error(`${symbol} is not listed on ${gateway.exchange} any more.`);
  }
  return {
    symbol,
    market: instrument.kind,
    contractSize: instrument.kind === 'spot' ? 1 : instrument.contractSize,
    amountStep: instrument.limits.amountStep,
    minAmount: instrument.limits.minAmount,
    minCost: instrument.limits.minCost,
    priceStep: instrument.limits.priceStep,
  };
}

/** A base amount as an order of the market: rounded down to its grid. */
export function toMarketAmount(units: MarketUnits, base: number): number {
  return floorToStep(base / units.contractSize, units.amountStep);
}

export function toBase(units: MarketUnits, marketAmount: number): number {
  return tidy(marketAmount * units.contractSize);
}

/** Whether an order of `marketAmount` at `price` (per unit of the asset) meets the venue's minimums. */
export function meetsMinimum(units: MarketUnits, marketAmount: number, price: number): boolean {
  if (!(marketAmount > 0)) return false;
  if (units.minAmount !== null && marketAmount < units.minAmount) return false;
  const cost = marketAmount * units.contractSize * price;
  return units.minCost === null || cost >= units.minCost;
}

/**
 * Base amount the book offers at `limitPrice` or better for an order on `side`, up to `wanted`: how
 * much of the planned amount the leg can fill right now.
 */
export function depthWithin(
  units: MarketUnits,
  book: OrderBookSnapshot,
  side: OrderSide,
  limitPrice: number,
  wanted: number,
): number {
  const levels = side === 'buy' ? book.asks : book.bids;
  let base = 0;
  for (const [price, amount] of levels) {
    if (side === 'buy' ? price > limitPrice : price < limitPrice) break;
    base += amount * units.contractSize;
    if (base >= wanted) return wanted;
  }
  return base;
}

/**
 * A protected limit from a fresh book, for an order the plan did not price (an unwind): the best
 * price on the side it takes, worsened by the slippage limit, on the tick. Null for an empty side.
 */
export function protectedLimit(
  units: MarketUnits,
  book: OrderBookSnapshot,
  side: OrderSide,
  slippageLimit: number,
): number | null {
  const best = side === 'buy' ? book.asks[0]?.[0] : book.bids[0]?.[0];
  if (best === undefined) return null;
  return side === 'buy'
    ? floorToStep(best * (1 + slippageLimit), units.priceStep)
    : ceilToStep(best * (1 - slippageLimit), units.priceStep);
}
