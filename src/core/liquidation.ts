// Where the venue would liquidate an isolated linear position (binance's formula for USDⓈ-M).

export interface LiquidationInput {
  side: 'long' | 'short';
  entryPrice: number;
  leverage: number;
  /** The maintenance margin rate of the position's bracket, as a decimal. */
  maintenanceMarginRate: number;
  /** The bracket's maintenance amount (binance's `cum`), in the quote currency; 0 by default. */
  maintenanceAmount?: number;
  /** Base quantity of the position; needed only with a maintenance amount. */
  quantity?: number;
}

/**
 * The liquidation price of an isolated position whose margin is entry notional / leverage:
 * short (entry × (1 + 1/leverage) + cum/quantity) / (1 + mmr), long (entry × (1 − 1/leverage) −
 * cum/quantity) / (1 − mmr). Leverage ≥ 1, 0 ≤ mmr < 1, quantity > 0 when given (and required with a
 * maintenance amount); anything else is a RangeError. A long at 1× with no maintenance amount can never
 * be liquidated: its price is 0.
 */
export function liquidationPrice(input: LiquidationInput): number {
  const { side, entryPrice, leverage, maintenanceMarginRate: mmr } = input;
  const cum = input.maintenanceAmount ?? 0;
  if (side !== 'long' && side !== 'short') {
    throw new RangeError(`side must be long or short (got ${String(side)})`);
  }
  if (!Number.isFinite(entryPrice) || entryPrice <= 0) {
    throw new RangeError(`the entry price must be above 0 (got ${entryPrice})`);
  }
  if (!Number.isFinite(leverage) || leverage < 1) {
    throw new RangeError(`leverage must be at least 1 (got ${leverage})`);
  }
  if (!Number.isFinite(mmr) || mmr < 0 || mmr >= 1) {
    throw new RangeError(`the maintenance margin rate must be from 0 to below 1 (got ${mmr})`);
  }
  if (!Number.isFinite(cum) || cum < 0) {
    throw new RangeError(`the maintenance amount must be at least 0 (got ${cum})`);
  }
  const quantity = input.quantity;
  if (quantity !== undefined && (!Number.isFinite(quantity) || quantity <= 0)) {
    throw new RangeError(`the quantity must be above 0 (got ${quantity})`);
  }
  if (cum > 0 && quantity === undefined) {
    throw new RangeError('a maintenance amount needs the position quantity');
  }
  const perUnit = cum > 0 ? cum / quantity! : 0;
  if (side === 'short') return (entryPrice * (1 + 1 / leverage) + perUnit) / (1 + mmr);
  return Math.max(0, (entryPrice * (1 - 1 / leverage) - perUnit) / (1 - mmr));
}
