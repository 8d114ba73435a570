// The demo account on the simulated venue: spot and USDⓈ-M wallets, orders matched against the
// book, one-way futures positions with leverage, margin type, funding and delivery, and transfers
// between the wallets. The work is done in account-state.ts (the state and its wallets),
// order-records.ts, spot-orders.ts, futures-orders.ts, margin.ts and account-settlement.ts; this
// class gathers it for the venue's routes.
import { QUOTE } from './asset-catalog';
import type { Market } from './market';
import { venueErrors } from './venue-error';
import type { AccountState, Ledger, OrderRecord, OrderRequest, Venue } from './account-state';
import { addIncome, EPS, spotBalance, spotFree } from './account-state';
import { settle, settleDelisted } from './account-settlement';
import { placeFuturesOrder } from './futures-orders';
import type { FuturesRisk } from './margin';
import { futuresRisk, leverageOf, setLeverage, setMarginType } from './margin';
import { cancelOrder, findOrder, openOrders } from './order-records';
import { placeSpotOrder } from './spot-orders';

export {
  DEFAULT_BALANCES,
  DEFAULT_LEVERAGE,
  FUTURES_MAKER_FEE,
  FUTURES_TAKER_FEE,
  isOpen,
  newAccountState,
  SPOT_FEE,
} from './account-state';
export type {
  AccountState,
  FillRecord,
  IncomeRecord,
  InitialBalances,
  OrderRecord,
  OrderRequest,
  OrderStatus,
  OrderType,
  PositionRecord,
  Side,
  TimeInForce,
  Venue,
} from './account-state';
export { bracketFor, LEVERAGE_BRACKETS } from './margin';
export type { FuturesRisk, PositionRisk } from './margin';

export class Account implements Ledger {
  state: AccountState;
  readonly market: Market;

  constructor(market: Market, state: AccountState) {
    this.market = market;
    this.state = state;
  }

  /** Brings the account to market time `to`: funding paid, futures delivered, resting orders filled. */
  settle(to: number): void {
    settle(this, to);
  }

  /**
   * Settles, at their mark, positions in dated futures the venue no longer lists (kept in a state
   * saved when it listed them) and expires their open orders, so none is left that cannot be closed.
   * Returns the symbols settled.
   */
  settleDelisted(at: number): string[] {
    return settleDelisted(this, at);
  }

  placeSpotOrder(request: OrderRequest, at: number): OrderRecord {
    return placeSpotOrder(this, request, at);
  }

  placeFuturesOrder(request: OrderRequest, at: number): OrderRecord {
    return placeFuturesOrder(this, request, at);
  }

  setLeverage(
    symbol: string,
    leverage: number,
    at: number,
  ): { leverage: number; maxNotionalValue: number } {
    return setLeverage(this, symbol, leverage, at);
  }

  setMarginType(symbol: string, type: 'CROSSED' | 'ISOLATED', at: number): void {
    setMarginType(this, symbol, type, at);
  }

  leverageOf(symbol: string): number {
    return leverageOf(this, symbol);
  }

  futuresRisk(at: number): FuturesRisk {
    return futuresRisk(this, at);
  }

  findOrder(
    venue: Venue,
    symbol: string,
    orderId: number | null,
    clientOrderId: string | null,
  ): OrderRecord {
    return findOrder(this, venue, symbol, orderId, clientOrderId);
  }

  cancelOrder(
    venue: Venue,
    symbol: string,
    orderId: number | null,
    clientOrderId: string | null,
    at: number,
  ): OrderRecord {
    return cancelOrder(this, venue, symbol, orderId, clientOrderId, at);
  }

  openOrders(venue: Venue, symbol: string | null): OrderRecord[] {
    return openOrders(this, venue, symbol);
  }

  spotBalance(asset: string): { free: number; locked: number } {
    return spotBalance(this, asset);
  }

  spotFree(asset: string): number {
    return spotFree(this, asset);
  }

  /** Moves funds between the spot and USDⓈ-M wallets; returns the transfer id. */
  transfer(
    type: 'MAIN_UMFUTURE' | 'UMFUTURE_MAIN',
    asset: string,
    amount: number,
    at: number,
  ): number {
    if (asset !== QUOTE) throw venueErrors.transferBalance();
    if (type === 'MAIN_UMFUTURE') {
      if (amount > spotFree(this, QUOTE) + EPS) throw venueErrors.transferBalance();
      spotBalance(this, QUOTE).free -= amount;
      this.state.futuresWallet += amount;
    } else {
      if (amount > futuresRisk(this, at).maxWithdraw + EPS) throw venueErrors.transferBalance();
      this.state.futuresWallet -= amount;
      spotBalance(this, QUOTE).free += amount;
    }
    const id = this.state.nextTranId++;
    addIncome(this, '', 'TRANSFER', type === 'MAIN_UMFUTURE' ? amount : -amount, at);
    return id;
  }
}
