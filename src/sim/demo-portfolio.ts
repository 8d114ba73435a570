// The `demo` portfolio a minted key's new account can start with: a plausible spread over spot (two
// large assets and a little USDT), the futures wallet and one open short perpetual at the current
// price, with almost no stablecoins, so any regime's targets (which all keep some) are far from it.
import { newAccountState, type AccountState } from './account-state';
import { QUOTE } from './asset-catalog';
import type { Market } from './market';

/** What the portfolio holds, in USDT at the prices of the moment it is minted. */
export const DEMO_PORTFOLIO_USDT = {
  firstSpot: 90_000,
  secondSpot: 45_000,
  spotUsdt: 1_000,
  futuresWallet: 6_000,
  /** The notional of the short perpetual on the first asset (part of its spot is hedged). */
  short: 30_000,
} as const;
export const DEMO_SHORT_LEVERAGE = 10;

function roundDown(value: number, step: number): number {
  return Math.floor(value / step + 1e-9) * step;
}

/** The two assets the portfolio holds: BTC and ETH when listed, else the first two listed. */
function demoAssets(market: Market): [string, string] {
  const listed = market.assets;
  const pick = (preferred: string, fallback: number) =>
    listed.includes(preferred) ? preferred : (listed[fallback] ?? listed[0]!);
  return [pick('BTC', 0), pick('ETH', 1)];
}

export function demoAccountState(market: Market, at: number): AccountState {
  const [first, second] = demoAssets(market);
  const spotOf = (asset: string) => market.instrument(`${asset}${QUOTE}`, at, 'spot');
  const firstSpot = spotOf(first);
  const secondSpot = spotOf(second);
  const spot: Record<string, number> = { [QUOTE]: DEMO_PORTFOLIO_USDT.spotUsdt };
  if (firstSpot)
    spot[first] = roundDown(
      DEMO_PORTFOLIO_USDT.firstSpot / market.price(firstSpot, at),
      firstSpot.step,
    );
  if (secondSpot && second !== first)
    spot[second] = roundDown(
      DEMO_PORTFOLIO_USDT.secondSpot / market.price(secondSpot, at),
      secondSpot.step,
    );
  const state = newAccountState({ spot, futuresUsdt: DEMO_PORTFOLIO_USDT.futuresWallet }, at);
  const perp = market.instrument(`${first}${QUOTE}`, at, 'futures');
  if (perp && perp.kind === 'perp') {
    const mark = market.price(perp, at);
    const amount = roundDown(DEMO_PORTFOLIO_USDT.short / mark, perp.step);
    if (amount > 0) {
      state.positions[perp.symbol] = {
        symbol: perp.symbol,
        asset: perp.asset,
        expiry: null,
        amount: -amount,
        entryPrice: mark,
        isolatedWallet: 0,
        updateTime: at,
      };
      state.leverage[perp.symbol] = DEMO_SHORT_LEVERAGE;
      state.marginType[perp.symbol] = 'CROSSED';
    }
  }
  return state;
}
