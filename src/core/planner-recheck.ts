// A saved plan judged again just before it is executed, on books and balances read again now: does
// each order still fill at its protected limit, and does every wallet still hold what the steps take
// from it, in the order they run. Pure: the services read the books and balances.
import type { OrderStep, PlanStep, WalletName } from '../shared/plan';
import type { FuturesPosition } from '../shared/portfolio';
import { positionQuantity } from './buckets-quantities';
import { walkBook } from './book-walk';
import { closeRelease } from './planner-reduce';
import type { PlanBook } from './planner-types';
import { replay, Wallets } from './planner-wallets';

// A count this close to the whole amount is the whole amount.
const FILL_EPSILON = 1e-9;
// A balance this far below 0 after float arithmetic is still 0.
const BALANCE_TOLERANCE = 1e-9;

export interface FreshFill {
  /** The expected average walked through the fresh book, per unit of the asset. */
  average: number;
  /** False when the fresh book holds less than the order's amount. */
  deepEnough: boolean;
  /** False when that average is worse than the order's protected limit. */
  withinLimit: boolean;
}

/** An order walked through its book as read now, in the market's own units. */
export function freshFill(order: OrderStep, book: PlanBook): FreshFill {
  const levels = order.side === 'buy' ? book.asks : book.bids;
  const units = order.contracts ?? order.amount;
  if (levels.length === 0) return { average: NaN, deepEnough: false, withinLimit: false };
  const walk = walkBook(levels, units);
  const average = walk.averagePrice;
  return {
    average,
    deepEnough: walk.filled >= units * (1 - FILL_EPSILON),
    withinLimit: order.side === 'buy' ? average <= order.limitPrice : average >= order.limitPrice,
  };
}

/** One account's wallets as read now: spot free per coin, futures available in the margin coin. */
export interface FreshBalances {
  account: string;
  spot: Readonly<Record<string, number>>;
  futures: number;
}

export interface Shortfall {
  account: string;
  wallet: WalletName;
  coin: string;
  /** How much more the wallet would need at its lowest point while the steps run. */
  missing: number;
}

/**
 * Where the steps, run in order on the balances read now, would overdraw a wallet: a spot buy's
 * quote coin, a transfer's coin, a short's margin and fees in the futures wallet. A close gives back
 * what `positions` says its share of the position frees at the plan's price. The plan's margins and
 * fees are estimates at its expected prices, which fills move within the slippage limit, and a cross
 * wallet's free margin moves with the mark between planning and now: a wallet short by no more than
 * `tolerance` (a fraction) of the most the steps take from it is not short. The venue judges the rest.
 */
export function balanceShortfalls(
  steps: readonly PlanStep[],
  balances: readonly FreshBalances[],
  positions: (account: string, symbol: string) => FuturesPosition | null,
  marginCoin: string,
  tolerance = 0,
): Shortfall[] {
  const opening = new Wallets();
  for (const b of balances) {
    for (const [coin, free] of Object.entries(b.spot)) {
      if (Number.isFinite(free) && free > 0) opening.add(b.account, 'spot', coin, free);
    }
    if (Number.isFinite(b.futures)) {
      opening.add(b.account, 'futures', marginCoin, Math.max(0, b.futures));
    }
  }
  const releaseOf = (step: PlanStep): number => {
    if (step.kind !== 'order' || !step.reduceOnly) return 0;
    const position = positions(step.account, step.symbol);
    const held = position ? positionQuantity(position) : 0;
    if (!position || !(held > 0)) return 0;
    return closeRelease(position, Math.min(step.amount, held), held, step.price);
  };
  const { lowest } = replay(opening, steps, marginCoin, releaseOf);
  // From empty wallets, each wallet's lowest point is the most the steps take from it.
  const taken = replay(new Wallets(), steps, marginCoin, releaseOf).lowest;
  return lowest
    .entries()
    .filter(([account, wallet, coin, amount]) => {
      const slack = tolerance * Math.max(0, -taken.get(account, wallet, coin));
      return amount < -(BALANCE_TOLERANCE + slack);
    })
    .map(([account, wallet, coin, amount]) => ({
      account,
      wallet,
      coin: wallet === 'futures' ? marginCoin : coin,
      missing: -amount,
    }));
}
