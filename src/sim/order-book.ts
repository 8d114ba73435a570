// Order books built around an instrument's fair price: a few bps of spread, sizes growing away from
// the mid, refreshed every few seconds of market time; market orders walk them level by level.
import { hashString, hashUniform } from './prng';

export interface BookLevel {
  price: number;
  qty: number;
}

export interface Book {
  bids: BookLevel[];
  asks: BookLevel[];
}

export interface BookParams {
  symbol: string;
  mid: number;
  tick: number;
  step: number;
  topLevelUsd: number;
  spreadBps: number;
  levels: number;
  /** Market time: sizes are redrawn every BOOK_REFRESH_MS. */
  at: number;
  seed: number;
}

export const MAX_BOOK_LEVELS = 1000;
const BOOK_REFRESH_MS = 5_000;
const GAP_BPS = 0.8;

export function roundToStep(value: number, step: number, mode: 'down' | 'up' | 'nearest'): number {
  const units = value / step;
  const rounded =
    mode === 'down'
      ? Math.floor(units + 1e-9)
      : mode === 'up'
        ? Math.ceil(units - 1e-9)
        : Math.round(units);
  return Number((rounded * step).toFixed(12));
}

export function buildBook(p: BookParams): Book {
  const levels = Math.min(MAX_BOOK_LEVELS, Math.max(1, p.levels));
  const half = Math.max(p.tick, (p.mid * p.spreadBps) / 20_000);
  const gap = Math.max(p.tick, (p.mid * GAP_BPS) / 10_000);
  const bucket = Math.floor(p.at / BOOK_REFRESH_MS);
  const symbolHash = hashString(p.symbol);
  const bestBid = roundToStep(p.mid - half, p.tick, 'down');
  const bestAsk = Math.max(roundToStep(p.mid + half, p.tick, 'up'), bestBid + p.tick);
  const bids: BookLevel[] = [];
  const asks: BookLevel[] = [];
  for (let i = 0; i < levels; i++) {
    const size = (side: number): number => {
      const u = hashUniform(p.seed, symbolHash, bucket, side, i);
      const qty = ((p.topLevelUsd / p.mid) * (1 + 0.25 * i) * (0.6 + 0.8 * u)) as number;
      return Math.max(p.step, roundToStep(qty, p.step, 'down'));
    };
    const bidPrice = roundToStep(bestBid - i * gap, p.tick, 'down');
    if (bidPrice > 0) bids.push({ price: bidPrice, qty: size(0) });
    asks.push({ price: roundToStep(bestAsk + i * gap, p.tick, 'up'), qty: size(1) });
  }
  return { bids, asks };
}

export interface Fill {
  price: number;
  qty: number;
}

/**
 * Takes liquidity from one side of a book: up to `qty` base units, or up to `quoteBudget` of quote
 * (rounded down to the step), never past `limitPrice`.
 */
export function walkBook(
  levels: readonly BookLevel[],
  side: 'BUY' | 'SELL',
  want: { qty?: number; quoteBudget?: number; limitPrice?: number; step: number },
): Fill[] {
  const fills: Fill[] = [];
  let remainingQty = want.qty ?? Infinity;
  let remainingQuote = want.quoteBudget ?? Infinity;
  for (const level of levels) {
    if (remainingQty <= 1e-12 || remainingQuote <= 1e-12) break;
    if (want.limitPrice !== undefined) {
      if (side === 'BUY' && level.price > want.limitPrice + 1e-12) break;
      if (side === 'SELL' && level.price < want.limitPrice - 1e-12) break;
    }
    let qty = Math.min(level.qty, remainingQty);
    if (remainingQuote !== Infinity) {
      qty = Math.min(qty, roundToStep(remainingQuote / level.price, want.step, 'down'));
    }
    if (qty <= 1e-12) break;
    fills.push({ price: level.price, qty });
    remainingQty -= qty;
    remainingQuote -= qty * level.price;
  }
  return fills;
}
