// Turning a wanted quantity into an order the venue accepts and pricing it against the book: amounts
// rounded down to the venue's step (contracts for a contract market), the venue's minimums, the
// average price walked through the book and the protected limit an immediate-or-cancel order carries.
import type { OrderSide } from '../shared/plan';
import { walkBook } from './book-walk';
import type { PlanBook, PlanInstrument } from './planner-types';

// Division by a step lands a hair below a whole number (0.3 / 0.1 = 2.9999999999999996); a count this
// close to the next one is that one.
const STEP_EPSILON = 1e-9;

// 10^k for k = 0…22: every one an exact double, so dividing by it rounds once, like parsing.
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Drops the float noise of a product of steps (0.30000000000000004 → 0.3): the value rounded to 12
 * significant digits, as Number(value.toPrecision(12)) gives it. Formatting a number is slow and the
 * planner sizes thousands of orders a plan, so values from 1e-10 to 1e11 are rounded by arithmetic:
 * scaled by an exact power of ten, rounded, divided back. Near a power of ten, where log10 may be a
 * digit off, 12 and 13 digits round to the same power of ten.
 */
export function tidy(value: number): number {
  if (value >= 1e-10 && value <= 1e11) {
    const scale = POWERS_OF_TEN[11 - Math.floor(Math.log10(value))]!;
    const scaled = value * scale;
    const whole = Math.round(scaled);
    // Scaling can err by a ten-thousandth, enough to tip a value within a hair of half-way: those are
    // left to the exact decimal rounding.
    if (Math.abs(Math.abs(scaled - whole) - 0.5) > 1e-3) return whole / scale;
  }
  return Number(value.toPrecision(12));
}

export function floorToStep(value: number, step: number | null): number {
  if (!(value > 0)) return 0;
  if (step === null || !(step > 0)) return value;
  return tidy(Math.floor(value / step + STEP_EPSILON) * step);
}

export function ceilToStep(value: number, step: number | null): number {
  if (!(value > 0)) return 0;
  if (step === null || !(step > 0)) return value;
  return tidy(Math.ceil(value / step - STEP_EPSILON) * step);
}

export interface Sized {
  /** Base units of the asset. */
  amount: number;
  /** Contracts for a contract market; null for spot. */
  contracts: number | null;
}

/** A base quantity on the instrument's grid, rounded down. */
export function roundBase(instrument: PlanInstrument, base: number): Sized {
  if (instrument.market === 'spot') {
    return { amount: floorToStep(base, instrument.rules.amountStep), contracts: null };
  }
  const contracts = floorToStep(base / instrument.contractSize, instrument.rules.amountStep);
  return { amount: tidy(contracts * instrument.contractSize), contracts };
}

/**
 * The largest quantity not above `base` that lies on both instruments' grids, so the two legs of a
 * pair trade the same base quantity. Grids that never meet give 0.
 */
export function pairQuantity(spot: PlanInstrument, short: PlanInstrument, base: number): number {
  let quantity = base;
  for (let i = 0; i < 6 && quantity > 0; i++) {
    const onSpot = roundBase(spot, quantity).amount;
    const onShort = roundBase(short, onSpot).amount;
    if (roundBase(spot, onShort).amount === onShort) return onShort;
    quantity = onShort;
  }
  return 0;
}

/**
 * Whether an order of this size and price meets the venue's minimum amount and notional (a
 * reduce-only order only the minimums the venue holds such orders to).
 */
export function meetsMinimum(
  instrument: PlanInstrument,
  sized: Sized,
  price: number,
  reduceOnly = false,
): boolean {
  if (!(sized.amount > 0)) return false;
  const { minAmount, minCost, minCostForReduceOnly } = instrument.rules;
  const units = sized.contracts ?? sized.amount;
  if (minAmount !== null && units < minAmount * (1 - STEP_EPSILON)) return false;
  const costApplies = !reduceOnly || minCostForReduceOnly !== false;
  if (costApplies && minCost !== null && sized.amount * price < minCost * (1 - STEP_EPSILON))
    return false;
  return true;
}

export interface Pricing {
  /** Expected average price per unit of the asset. */
  price: number;
  /** The best price of the book's side (the reference price without a book). */
  best: number;
  limitPrice: number;
  /** |average / best − 1|. */
  slippage: number;
  /** |average − best| × amount, in USDT. */
  slippageCost: number;
  notional: number;
  fee: number;
  /** False when no book was read for the instrument. */
  hasBook: boolean;
  /** False when the book cannot fill the whole amount. */
  filled: boolean;
}

/**
 * Prices an order: walked through the book's asks (a buy) or bids (a sell) in the market's own units,
 * protected at average × (1 ± slippage limit) rounded to the tick away from a worse fill.
 */
export function priceOrder(
  instrument: PlanInstrument,
  book: PlanBook | undefined,
  side: OrderSide,
  sized: Sized,
  slippageLimit: number,
): Pricing {
  const levels = book ? (side === 'buy' ? book.asks : book.bids) : [];
  let price = instrument.price;
  let best = instrument.price;
  let filled = true;
  const hasBook = levels.length > 0;
  if (hasBook) {
    const units = sized.contracts ?? sized.amount;
    const walk = walkBook(levels, units);
    best = levels[0]![0];
    price = walk.averagePrice;
    filled = walk.filled >= units * (1 - STEP_EPSILON);
  }
  const tick = instrument.rules.priceStep;
  const limitPrice =
    side === 'buy'
      ? floorToStep(price * (1 + slippageLimit), tick)
      : ceilToStep(price * (1 - slippageLimit), tick);
  const notional = sized.amount * price;
  return {
    price,
    best,
    limitPrice,
    slippage: Math.abs(price / best - 1),
    slippageCost: Math.abs(price - best) * sized.amount,
    notional,
    fee: notional * instrument.takerFee,
    hasBook,
    filled,
  };
}
