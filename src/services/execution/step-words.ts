// How execution words amounts, orders and steps for people, in one place so every message agrees.
import type { OrderStep } from '../../shared/plan';

/** An amount of an asset without float noise (0.30000000000000004 → 0.3). */
export function formatAmount(value: number): string {
  return String(Number(value.toPrecision(10)));
}

/** "buy 0.05 BTC on BTC/USDT", in the order's own terms. */
export function describeOrder(
  step: Pick<OrderStep, 'side' | 'asset' | 'symbol'>,
  amount: number,
): string {
  return `${step.side} ${formatAmount(amount)} ${step.asset} on ${step.symbol}`;
}

/** What a leg holds once filled, for an exposure: "bought", "sold short" … */
export function heldWords(step: Pick<OrderStep, 'side' | 'market' | 'reduceOnly'>): string {
  if (step.market === 'spot') return step.side === 'buy' ? 'bought' : 'sold';
  if (step.reduceOnly) return step.side === 'buy' ? 'of short bought back' : 'of long sold';
  return step.side === 'sell' ? 'sold short' : 'bought long';
}

/** The leg in a few words: "the BTC/USDT:USDT short", "the BTC/USDT purchase". */
export function legWords(
  step: Pick<OrderStep, 'side' | 'market' | 'symbol' | 'reduceOnly'>,
): string {
  if (step.market === 'spot')
    return `the ${step.symbol} ${step.side === 'buy' ? 'purchase' : 'sale'}`;
  if (step.reduceOnly)
    return `the close of the ${step.symbol} ${step.side === 'buy' ? 'short' : 'long'}`;
  return `the ${step.symbol} ${step.side === 'sell' ? 'short' : 'long'}`;
}

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
