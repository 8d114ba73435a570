// What the rebalance planner is given: the holdings and targets (as the buckets take them), each
// account's markets with the venue's rules and fees, the order books read for the instruments it
// trades, and the settings that bound it. Its answer is a PlanProposal (src/shared/plan.ts).
import type { PlanAction } from '../shared/plan';
import type { ExchangeId } from '../shared/settings';
import type { BucketsInput } from './buckets';

/** The venue's rules for one instrument, amounts in its own units (contracts for a contract market). */
export interface InstrumentRules {
  minAmount: number | null;
  /** Smallest order value in USDT. */
  minCost: number | null;
  /** Amount increment; null when the venue states none. */
  amountStep: number | null;
  /** Price tick, per unit of the asset. */
  priceStep: number | null;
  /**
   * Whether a reduce-only order must meet `minCost` too. Binance waives the minimum value for an
   * order that only reduces a position (never its minimum amount), so a small short can still be
   * closed. Absent counts as true: the minimum holds unless the venue is known to waive it.
   */
  minCostForReduceOnly?: boolean;
}

/** A maintenance-margin bracket of a contract: positions up to `notionalCap` use this rate and amount. */
export interface MaintenanceBracket {
  notionalCap: number;
  /** Maintenance margin rate, decimal. */
  rate: number;
  /** The bracket's maintenance amount (binance's `cum`), USDT. */
  amount: number;
}

export interface PlanInstrument {
  /** ccxt's unified symbol. */
  symbol: string;
  market: 'spot' | 'perp' | 'future';
  /** Units of the asset per contract (1 for spot). */
  contractSize: number;
  rules: InstrumentRules;
  /** Taker fee rate (orders are immediate-or-cancel), decimal. */
  takerFee: number;
  feeSource: 'account' | 'venue-default';
  /** Reference price per unit of the asset: spot mid, perpetual mark, future mark. */
  price: number;
  /** Delivery time of a dated future; null otherwise. */
  expiry: number | null;
  /** Perpetual only: annualized funding averaged over the signal window (positive: shorts receive). */
  annualizedFunding: number | null;
  /** Contract markets only, ascending by cap; empty when unknown (the planner then assumes 0.5%, 0). */
  brackets: MaintenanceBracket[];
}

export interface PlanAssetMarkets {
  asset: string;
  spot: PlanInstrument | null;
  perp: PlanInstrument | null;
  /** Linear dated futures, nearest expiry first. */
  futures: PlanInstrument[];
}

/** An exchange account the plan may trade on, with the markets its venue lists for the tracked assets. */
export interface PlanAccount {
  id: string;
  exchange: ExchangeId;
  /** False for a read-only key (or no spot and futures trading rights): nothing is planned on it. */
  canTrade: boolean;
  markets: PlanAssetMarkets[];
}

/** An order book: [price per unit of the asset, amount in the market's own units], best first. */
export interface PlanBook {
  bids: [number, number][];
  asks: [number, number][];
}

export interface PlannerSettings {
  /** A bucket further than this from its target (in portfolio weight) is rebalanced. */
  driftBand: number;
  slippageLimit: number;
  leverageCap: number;
  /** Days a perpetual hedge's carry is counted over. */
  holdingDays: number;
  /** A dated short with fewer days left than this is rolled or closed, and none is opened. */
  minDaysToExpiry: number;
  /** Whether stablecoins other than the margin coin may be converted to it. */
  convertStablecoins: boolean;
  /** The coin margin and trades settle in. */
  marginCoin: string;
}

export interface PlannerInput {
  /** The time the plan is made for (expiries are counted from it); nothing in the core reads a clock. */
  now: number;
  /** Holdings, manual holdings, prices, tracked assets, mix, regimes, policy and stablecoins. */
  buckets: BucketsInput;
  accounts: PlanAccount[];
  /**
   * Order books keyed by `bookKey(account, symbol)`. An instrument without one is planned at its
   * reference price with no slippage, and the `books` check fails until one is read.
   */
  books: Readonly<Record<string, PlanBook>>;
  settings: PlannerSettings;
  /** One action on one asset instead of a full rebalance. */
  action?: PlanAction | null;
  /** A flatten instead: every short of every account closed whole (`action` is then ignored). */
  flatten?: boolean;
}

/** The key of an account's book for a symbol in `PlannerInput.books`. */
export function bookKey(accountId: string, symbol: string): string {
  return `${accountId} ${symbol}`;
}
