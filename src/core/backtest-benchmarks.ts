// The three yardsticks the policy is measured against: buy and hold, a static 70/30 rebalanced each
// month, and an always-on cash-and-carry (spot long against an equal perpetual short).
import type { AlignedHistory } from './backtest-series';

/** A strategy's run: its value per bar and what it cost and earned along the way. */
export interface StrategyRun {
  equity: number[];
  rebalances: number;
  feesPaid: number;
  fundingEarned: number;
}

/** What every strategy is given besides the bars. */
export interface RunContext {
  history: AlignedHistory;
  /** Each asset's share of the portfolio, in `history.assets` order. */
  shares: number[];
  /** Funding received per bar by a short perpetual of value 1, per asset: paid[a][i]. */
  paid: number[][];
  /** Fee plus slippage per unit of traded notional. */
  tradeCost: number;
  /** What stablecoins earn per bar. */
  stableYieldPerBar: number;
}

/** The spot share the static benchmark holds. */
export const STATIC_SPOT_SHARE = 0.7;

/** E[i] = Σ share × P[i]/P[0]: bought on bar 0 without a fee, never traded again. */
export function runHodl(ctx: RunContext): StrategyRun {
  const { history, shares } = ctx;
  const n = history.at.length;
  const equity = new Array<number>(n).fill(0);
  history.price.forEach((prices, a) => {
    const share = shares[a] as number;
    const first = prices[0] as number;
    for (let i = 0; i < n; i++)
      equity[i] = (equity[i] as number) + (share * (prices[i] as number)) / first;
  });
  return { equity, rebalances: 0, feesPaid: 0, fundingEarned: 0 };
}

/**
 * 70% spot (split by the mix) and 30% stablecoins. Bar 0 buys the spot and pays its fee from the
 * cash; the first bar of every calendar month trades each asset back to 70% × share of the value,
 * the fee on the traded notional coming out of the cash.
 */
export function runStatic(ctx: RunContext): StrategyRun {
  const { history, shares, tradeCost, stableYieldPerBar } = ctx;
  const n = history.at.length;
  const assets = history.price.length;
  const qty = history.price.map(
    (p, a) => (STATIC_SPOT_SHARE * (shares[a] as number)) / (p[0] as number),
  );
  let feesPaid = tradeCost * STATIC_SPOT_SHARE;
  let cash = 1 - STATIC_SPOT_SHARE - feesPaid;
  let rebalances = 0;
  const equity = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (i > 0) cash += cash * stableYieldPerBar;
    let spot = 0;
    for (let a = 0; a < assets; a++) spot += (qty[a] as number) * (history.price[a]![i] as number);
    if (history.opensMonth[i]) {
      const value = spot + cash;
      for (let a = 0; a < assets; a++) {
        const price = history.price[a]![i] as number;
        const wanted = STATIC_SPOT_SHARE * (shares[a] as number) * value;
        const trade = wanted - (qty[a] as number) * price;
        const fee = Math.abs(trade) * tradeCost;
        cash -= trade + fee;
        feesPaid += fee;
        qty[a] = wanted / price;
      }
      spot = STATIC_SPOT_SHARE * value;
      rebalances += 1;
    }
    equity[i] = spot + cash;
  }
  return { equity, rebalances, feesPaid, fundingEarned: 0 };
}

/**
 * Each asset's share held as spot against an equal perpetual short from bar 1, which pays half the
 * round trip (and slippage on both legs) to enter; from then on it earns the funding each bar,
 * compounding. It is never exited, and the basis is not marked.
 */
export function runCarry(ctx: RunContext, roundTrip: number, slippage: number): StrategyRun {
  const { history, shares, paid } = ctx;
  const n = history.at.length;
  const entryCost = roundTrip / 2 + 2 * slippage;
  const equity = new Array<number>(n).fill(0);
  let feesPaid = 0;
  let fundingEarned = 0;
  history.price.forEach((_, a) => {
    const rates = paid[a] as number[];
    let value = shares[a] as number;
    equity[0] = (equity[0] as number) + value;
    for (let i = 1; i < n; i++) {
      if (i === 1) {
        feesPaid += value * entryCost;
        value *= 1 - entryCost;
      }
      const earned = value * (rates[i] as number);
      fundingEarned += earned;
      value += earned;
      equity[i] = (equity[i] as number) + value;
    }
  });
  return { equity, rebalances: 0, feesPaid, fundingEarned };
}
