// What the user holds, coin by coin, gathered from every account and every manual holding before
// anything is valued: spot, long and short futures in base units, futures margin, and the cash spent
// on long futures. Each holding is added exactly once, wherever it sits.
import type { AccountHoldings, FuturesPosition, ManualHolding } from '../shared/portfolio';

/** One coin's quantities over the whole portfolio. */
export interface CoinQuantities {
  /** Spot wallets, manual holdings and futures collateral in a coin that is not a stablecoin. */
  spot: number;
  /** Base units of long futures positions. */
  longFutures: number;
  /** Base units of short futures positions. */
  shortFutures: number;
  /** Σ base units × mark price of long futures positions, in USDT. */
  longNotional: number;
}

export interface GatheredHoldings {
  coins: Map<string, CoinQuantities>;
  /** Futures margin (wallet + unrealized P&L) per stablecoin, in units of that coin. */
  margin: Map<string, number>;
}

function entry(coins: Map<string, CoinQuantities>, coin: string): CoinQuantities {
  let found = coins.get(coin);
  if (!found) {
    found = { spot: 0, longFutures: 0, shortFutures: 0, longNotional: 0 };
    coins.set(coin, found);
  }
  return found;
}

const finite = (v: number): number => (Number.isFinite(v) ? v : 0);

/**
 * A position's size in units of its asset: contracts × contract size × multiplier (1000 for a
 * 1000PEPE contract). Computed here rather than trusted from the venue's own `quantity`, so a contract
 * whose base is a multiple of the asset is never counted as one unit.
 */
export function positionQuantity(p: FuturesPosition): number {
  return finite(Math.abs(p.contracts) * p.contractSize * p.multiplier);
}

/**
 * Every coin's quantities. Futures collateral in a stablecoin is margin (it goes to the stable
 * bucket); collateral in any other coin (BNB, say) is a holding of that coin like spot, since its
 * value moves with that coin's price.
 */
export function gatherHoldings(
  holdings: readonly AccountHoldings[],
  manual: readonly ManualHolding[],
  isStablecoin: (coin: string) => boolean,
): GatheredHoldings {
  const coins = new Map<string, CoinQuantities>();
  const margin = new Map<string, number>();
  for (const account of holdings) {
    for (const balance of account.spot) {
      if (balance.total !== 0) entry(coins, balance.asset).spot += finite(balance.total);
    }
    for (const balance of account.futures.balances) {
      const amount = finite(balance.margin);
      if (amount === 0) continue;
      if (isStablecoin(balance.asset)) {
        margin.set(balance.asset, (margin.get(balance.asset) ?? 0) + amount);
      } else {
        entry(coins, balance.asset).spot += amount;
      }
    }
    for (const position of account.futures.positions) {
      const quantity = positionQuantity(position);
      if (quantity === 0) continue;
      const coin = entry(coins, position.asset);
      if (position.side === 'long') {
        coin.longFutures += quantity;
        coin.longNotional += quantity * finite(position.markPrice);
      } else {
        coin.shortFutures += quantity;
      }
    }
  }
  for (const holding of manual) entry(coins, holding.asset).spot += finite(holding.amount);
  return { coins, margin };
}
