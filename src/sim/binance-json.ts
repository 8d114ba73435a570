// The shape of binance's JSON answers and how it writes numbers: fixed-decimal strings, at the
// decimals of the instrument's tick and step.
import { decimalsOf } from './asset-catalog';
import type { Instrument } from './market';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A fixed-decimal string as binance writes numbers; never "-0.00". */
export function fmt(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

export const priceDp = (i: Instrument) => decimalsOf(i.tick);
export const qtyDp = (i: Instrument) => decimalsOf(i.step);
