// For tests of the planner and of the services built on it: instruments, accounts, books and a
// planner input written as briefly as the worked examples read, every field filled in consistently.
import type { AccountHoldings } from '../shared/portfolio';
import { DAY_MS } from '../shared/time';
import { bucketsInput } from './buckets-testing';
import type { BucketsInput } from './buckets';
import type {
  PlanAccount,
  PlanAssetMarkets,
  PlanBook,
  PlanInstrument,
  PlannerInput,
  PlannerSettings,
} from './planner-types';

/** 1 July 2026, 00:00 UTC: the moment the planner's examples are made for. */
export const PLAN_NOW = 1_782_864_000_000;

export const PLANNER_SETTINGS: PlannerSettings = {
  driftBand: 0.05,
  slippageLimit: 0.003,
  leverageCap: 2,
  holdingDays: 30,
  minDaysToExpiry: 7,
  convertStablecoins: false,
  marginCoin: 'USDT',
};

export function instrument(
  change: Partial<PlanInstrument> & Pick<PlanInstrument, 'symbol' | 'market' | 'price'>,
): PlanInstrument {
  return {
    contractSize: 1,
    rules: { minAmount: null, minCost: null, amountStep: null, priceStep: null },
    takerFee: change.market === 'spot' ? 0.001 : 0.0004,
    feeSource: 'venue-default',
    expiry: null,
    annualizedFunding: change.market === 'perp' ? 0.1 : null,
    brackets: [],
    ...change,
  };
}

export const spotOf = (
  asset: string,
  price: number,
  change: Partial<PlanInstrument> = {},
): PlanInstrument => instrument({ symbol: `${asset}/USDT`, market: 'spot', price, ...change });

export const perpOf = (
  asset: string,
  price: number,
  change: Partial<PlanInstrument> = {},
): PlanInstrument => instrument({ symbol: `${asset}/USDT:USDT`, market: 'perp', price, ...change });

/** A dated future delivering `days` after PLAN_NOW. */
export const futureOf = (
  asset: string,
  price: number,
  days: number,
  change: Partial<PlanInstrument> = {},
): PlanInstrument =>
  instrument({
    symbol: `${asset}/USDT:USDT-${days}d`,
    market: 'future',
    price,
    expiry: PLAN_NOW + days * DAY_MS,
    ...change,
  });

export function markets(
  asset: string,
  parts: Partial<Omit<PlanAssetMarkets, 'asset'>>,
): PlanAssetMarkets {
  return { asset, spot: null, perp: null, futures: [], ...parts };
}

export function planAccount(id: string, assets: PlanAssetMarkets[], canTrade = true): PlanAccount {
  return { id, exchange: 'binance', canTrade, markets: assets };
}

/** A book with one deep level each side around `price` (half a tick wide). */
export function deepBook(price: number, amount = 1e9): PlanBook {
  return { bids: [[price, amount]], asks: [[price, amount]] };
}

export interface PlannerInputParts {
  holdings: AccountHoldings[];
  accounts: PlanAccount[];
  books?: Record<string, PlanBook>;
  buckets?: Partial<BucketsInput>;
  settings?: Partial<PlannerSettings>;
  action?: PlannerInput['action'];
}

export function plannerInput(parts: PlannerInputParts): PlannerInput {
  return {
    now: PLAN_NOW,
    buckets: bucketsInput({ holdings: parts.holdings, ...parts.buckets }),
    accounts: parts.accounts,
    books: parts.books ?? {},
    settings: { ...PLANNER_SETTINGS, ...parts.settings },
    action: parts.action ?? null,
  };
}
