// The demo account's state as plain JSON (so it persists as it is), its records, and the ledger the
// account's operations work on: the state with the market it trades against.
import { QUOTE } from './asset-catalog';
import type { Market } from './market';

// Binance's regular-tier rates: what every simulated account pays and its commission routes report.
export const SPOT_FEE = 0.001;
export const FUTURES_TAKER_FEE = 0.0005;
export const FUTURES_MAKER_FEE = 0.0002;
export const DEFAULT_LEVERAGE = 20;
/** Below this a quantity or an amount counts as none. */
export const EPS = 1e-9;
const MAX_INCOME_KEPT = 10_000;

export type Side = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'GTX';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';
export type Venue = 'spot' | 'futures';

export interface FillRecord {
  price: number;
  qty: number;
  commission: number;
  commissionAsset: string;
  tradeId: number;
  maker: boolean;
  time: number;
}

export interface OrderRecord {
  venue: Venue;
  orderId: number;
  clientOrderId: string;
  symbol: string;
  asset: string;
  side: Side;
  type: OrderType;
  timeInForce: TimeInForce;
  price: number;
  origQty: number;
  origQuoteOrderQty: number;
  executedQty: number;
  cumQuote: number;
  status: OrderStatus;
  reduceOnly: boolean;
  time: number;
  updateTime: number;
  fills: FillRecord[];
  /** Funds held by a resting spot order. */
  locked: { asset: string; amount: number } | null;
  /** Decimal places for prices and quantities of its instrument. */
  tick: number;
  step: number;
}

export interface PositionRecord {
  symbol: string;
  asset: string;
  expiry: number | null;
  amount: number;
  entryPrice: number;
  isolatedWallet: number;
  updateTime: number;
}

export interface IncomeRecord {
  symbol: string;
  incomeType: 'FUNDING_FEE' | 'REALIZED_PNL' | 'COMMISSION' | 'TRANSFER' | 'INSURANCE_CLEAR';
  income: number;
  asset: string;
  time: number;
  tranId: number;
}

export interface AccountState {
  spot: Record<string, { free: number; locked: number }>;
  futuresWallet: number;
  positions: Record<string, PositionRecord>;
  leverage: Record<string, number>;
  marginType: Record<string, 'CROSSED' | 'ISOLATED'>;
  orders: OrderRecord[];
  income: IncomeRecord[];
  nextOrderId: number;
  nextTradeId: number;
  nextTranId: number;
  settledUntil: number;
  /** Hedge mode (binance's dualSidePosition); absent or false is one-way. */
  dualSidePosition?: boolean;
  /** Multi-Assets margin mode; absent or false is single-asset. */
  multiAssetsMargin?: boolean;
}

export interface InitialBalances {
  spot: Record<string, number>;
  futuresUsdt: number;
}

export const DEFAULT_BALANCES: InitialBalances = {
  spot: { USDT: 60_000, BTC: 0.5, ETH: 8 },
  futuresUsdt: 20_000,
};

export function newAccountState(balances: InitialBalances, at: number): AccountState {
  const spot: AccountState['spot'] = {};
  for (const [asset, amount] of Object.entries(balances.spot))
    spot[asset] = { free: amount, locked: 0 };
  if (!spot[QUOTE]) spot[QUOTE] = { free: 0, locked: 0 };
  return {
    spot,
    futuresWallet: balances.futuresUsdt,
    positions: {},
    leverage: {},
    marginType: {},
    orders: [],
    income: [],
    nextOrderId: 4_000_001,
    nextTradeId: 900_001,
    nextTranId: 170_000_001,
    settledUntil: at,
  };
}

export interface OrderRequest {
  symbol: string;
  side: Side;
  type: OrderType;
  timeInForce: TimeInForce | null;
  quantity: number | null;
  quoteOrderQty: number | null;
  price: number | null;
  clientOrderId: string | null;
  reduceOnly: boolean;
}

/** The account's state and the market it trades against, which every account operation works on. */
export interface Ledger {
  state: AccountState;
  readonly market: Market;
}

export function isOpen(order: OrderRecord): boolean {
  return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
}

export function sum(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function spotBalance(ledger: Ledger, asset: string): { free: number; locked: number } {
  return ledger.state.spot[asset] ?? (ledger.state.spot[asset] = { free: 0, locked: 0 });
}

export function spotFree(ledger: Ledger, asset: string): number {
  return ledger.state.spot[asset]?.free ?? 0;
}

export function releaseLock(ledger: Ledger, order: OrderRecord): void {
  if (!order.locked) return;
  const balance = spotBalance(ledger, order.locked.asset);
  balance.locked -= order.locked.amount;
  balance.free += order.locked.amount;
  if (Math.abs(balance.locked) < 1e-12) balance.locked = 0;
  order.locked = null;
}

export function addIncome(
  ledger: Ledger,
  symbol: string,
  incomeType: IncomeRecord['incomeType'],
  income: number,
  at: number,
): void {
  ledger.state.income.push({
    symbol,
    incomeType,
    income,
    asset: QUOTE,
    time: at,
    tranId: ledger.state.nextTranId++,
  });
  if (ledger.state.income.length > MAX_INCOME_KEPT)
    ledger.state.income.splice(0, ledger.state.income.length - MAX_INCOME_KEPT);
}
