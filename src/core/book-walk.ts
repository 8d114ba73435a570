// What an order of a given size would get from an order book: walked level by level, best first.

/** One level of a book: [price, amount], best first (asks for a buy, bids for a sell). */
export type BookLevel = readonly [price: number, amount: number];

export interface BookWalk {
  /** How much of the amount the book can fill (below it when the book is too thin). */
  filled: number;
  /** Notional / filled: what the filled part costs on average per unit. */
  averagePrice: number;
  /** The price of the last level reached. */
  worstPrice: number;
  /** Σ price × amount over what was filled. */
  notional: number;
  /** |averagePrice / best price − 1|, as a decimal. */
  slippage: number;
}

function requireNonNegative(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number of at least 0 (got ${value})`);
  }
}

/**
 * Fills `amount` from `levels`, best first. A book with no levels, or a level with a price that is
 * not above 0, is a RangeError; so is a negative or non-finite amount.
 */
export function walkBook(levels: readonly BookLevel[], amount: number): BookWalk {
  requireNonNegative(amount, 'the amount');
  if (levels.length === 0) throw new RangeError('the book has no levels');
  let filled = 0;
  let notional = 0;
  let worstPrice = levels[0]![0];
  for (const [i, [price, size]] of levels.entries()) {
    if (!Number.isFinite(price) || price <= 0) {
      throw new RangeError(`level ${i} has a price that is not above 0 (got ${price})`);
    }
    requireNonNegative(size, `the amount of level ${i}`);
    if (filled >= amount) break;
    const take = Math.min(size, amount - filled);
    if (take <= 0) continue;
    filled += take;
    notional += take * price;
    worstPrice = price;
  }
  const best = levels[0]![0];
  const averagePrice = filled > 0 ? notional / filled : best;
  return {
    filled,
    averagePrice,
    worstPrice,
    notional,
    slippage: Math.abs(averagePrice / best - 1),
  };
}
