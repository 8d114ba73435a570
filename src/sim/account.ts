// The demo account on the simulated venue: spot and USDⓈ-M wallets, orders matched against the
// book, one-way futures positions with leverage, margin type, funding and delivery, and transfers
// between the wallets. Its state is plain JSON so it persists as it is.
import { QUOTE } from './asset-catalog';
import type { Instrument, Market } from './market';
import { roundToStep, walkBook, type BookLevel, type Fill } from './order-book';
import { hashString, mix } from './prng';
import { venueErrors } from './venue-error';

export const SPOT_FEE = 0.001;
export const FUTURES_TAKER_FEE = 0.0004;
export const FUTURES_MAKER_FEE = 0.0002;
export const DEFAULT_LEVERAGE = 20;
const EPS = 1e-9;
const MAX_ORDERS_KEPT = 5_000;
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

export interface PositionRisk {
  position: PositionRecord;
  instrument: Instrument;
  mark: number;
  notional: number;
  unrealizedPnl: number;
  leverage: number;
  isolated: boolean;
  initialMargin: number;
  maintMargin: number;
  maintMarginRatio: number;
  liquidationPrice: number;
  breakEvenPrice: number;
}

export interface FuturesRisk {
  positions: PositionRisk[];
  wallet: number;
  crossUnrealizedPnl: number;
  unrealizedPnl: number;
  positionInitialMargin: number;
  openOrderInitialMargin: number;
  maintMargin: number;
  marginBalance: number;
  available: number;
  maxWithdraw: number;
}

interface Bracket {
  bracket: number;
  initialLeverage: number;
  notionalCap: number;
  notionalFloor: number;
  maintMarginRatio: number;
  cum: number;
}

export const LEVERAGE_BRACKETS: readonly Bracket[] = [
  {
    bracket: 1,
    initialLeverage: 125,
    notionalCap: 50_000,
    notionalFloor: 0,
    maintMarginRatio: 0.004,
    cum: 0,
  },
  {
    bracket: 2,
    initialLeverage: 100,
    notionalCap: 500_000,
    notionalFloor: 50_000,
    maintMarginRatio: 0.005,
    cum: 50,
  },
  {
    bracket: 3,
    initialLeverage: 50,
    notionalCap: 10_000_000,
    notionalFloor: 500_000,
    maintMarginRatio: 0.01,
    cum: 2_550,
  },
  {
    bracket: 4,
    initialLeverage: 20,
    notionalCap: 50_000_000,
    notionalFloor: 10_000_000,
    maintMarginRatio: 0.025,
    cum: 152_550,
  },
  {
    bracket: 5,
    initialLeverage: 10,
    notionalCap: 9e15,
    notionalFloor: 50_000_000,
    maintMarginRatio: 0.05,
    cum: 1_402_550,
  },
];

export function bracketFor(notional: number): Bracket {
  return LEVERAGE_BRACKETS.find((b) => notional < b.notionalCap) ?? LEVERAGE_BRACKETS.at(-1)!;
}

const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

function isMultiple(value: number, step: number): boolean {
  const units = value / step;
  return Math.abs(units - Math.round(units)) < 1e-6;
}

export class Account {
  state: AccountState;
  private readonly market: Market;

  constructor(market: Market, state: AccountState) {
    this.market = market;
    this.state = state;
  }

  // ---- settlement: funding, delivery, resting orders, liquidation ---------------------------------

  /** Brings the account to market time `to`: funding paid, futures delivered, resting orders filled. */
  settle(to: number): void {
    const from = this.state.settledUntil;
    if (to <= from) return;
    for (const position of Object.values(this.state.positions)) {
      if (position.amount === 0) continue;
      if (position.expiry === null) this.payFunding(position, from, to);
      else if (position.expiry <= to) this.deliver(position);
    }
    for (const order of this.state.orders) {
      if (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED') continue;
      const instrument = this.market.instrument(order.symbol, to, order.venue);
      if (!instrument) {
        this.releaseLock(order);
        order.status = 'EXPIRED';
        order.updateTime = to;
        continue;
      }
      this.fillResting(order, instrument, to);
    }
    this.state.settledUntil = to;
    this.liquidateIfNeeded(to);
  }

  private payFunding(position: PositionRecord, from: number, to: number): void {
    const perp = this.market.instrument(position.symbol, to, 'futures');
    if (!perp) return;
    for (const at of this.market.fundingTimes(position.asset, from, to)) {
      const rate = this.market.settledFundingRate(position.asset, at);
      const mark = this.market.price(perp, at);
      const payment = -position.amount * mark * rate;
      this.state.futuresWallet += payment;
      this.addIncome(position.symbol, 'FUNDING_FEE', payment, at);
    }
  }

  private deliver(position: PositionRecord): void {
    const expiry = position.expiry!;
    this.settlePosition(position, this.market.spot(position.asset, expiry), expiry);
  }

  /**
   * Settles, at their mark, positions in dated futures the venue no longer lists (kept in a state
   * saved when it listed them) and expires their open orders, so none is left that cannot be closed.
   * Returns the symbols settled.
   */
  settleDelisted(at: number): string[] {
    const settled: string[] = [];
    for (const position of Object.values(this.state.positions)) {
      if (position.expiry === null || position.expiry <= at) continue;
      if (this.market.instrument(position.symbol, at, 'futures')) continue;
      const instrument = this.market.futureByExpiry(position.asset, position.expiry);
      this.settlePosition(position, this.market.price(instrument, at), at);
      settled.push(position.symbol);
    }
    return settled;
  }

  private settlePosition(position: PositionRecord, price: number, at: number): void {
    const pnl = position.amount * (price - position.entryPrice);
    this.state.futuresWallet += pnl + position.isolatedWallet;
    this.addIncome(position.symbol, 'REALIZED_PNL', pnl, at);
    delete this.state.positions[position.symbol];
    for (const order of this.state.orders) {
      if (order.symbol === position.symbol && order.venue === 'futures' && isOpen(order)) {
        order.status = 'EXPIRED';
        order.updateTime = at;
      }
    }
  }

  private liquidateIfNeeded(at: number): void {
    const risk = this.futuresRisk(at);
    const cross = risk.positions.filter((p) => !p.isolated);
    const crossMaint = cross.reduce((s, p) => s + p.maintMargin, 0);
    if (cross.length > 0 && risk.wallet + risk.crossUnrealizedPnl <= crossMaint) {
      for (const p of cross) this.closeAt(p, at);
      if (this.state.futuresWallet < 0) this.state.futuresWallet = 0;
    }
    for (const p of risk.positions.filter((q) => q.isolated)) {
      if (p.position.isolatedWallet + p.unrealizedPnl <= p.maintMargin) this.closeAt(p, at);
    }
  }

  private closeAt(p: PositionRisk, at: number): void {
    const pnl = p.unrealizedPnl;
    const back = Math.max(0, p.position.isolatedWallet + (p.isolated ? pnl : 0));
    this.state.futuresWallet += p.isolated ? back : pnl;
    this.addIncome(p.position.symbol, 'INSURANCE_CLEAR', pnl, at);
    delete this.state.positions[p.position.symbol];
  }

  // ---- spot ---------------------------------------------------------------------------------------

  placeSpotOrder(request: OrderRequest, at: number): OrderRecord {
    const instrument = this.market.instrument(request.symbol, at, 'spot');
    if (!instrument) throw venueErrors.invalidSymbol();
    const clientOrderId = this.clientOrderId(request, 'spot');
    const tif = this.timeInForce(request);
    const book = this.market.book(instrument, at, 1000);
    const mid = (book.bids[0]!.price + book.asks[0]!.price) / 2;
    const base = instrument.asset;

    if (request.type !== 'MARKET') checkLimitPrice(request.price, instrument);
    if (request.quantity !== null) {
      if (
        request.quantity < instrument.minQty - EPS ||
        !isMultiple(request.quantity, instrument.step)
      ) {
        throw venueErrors.filter('LOT_SIZE');
      }
    } else if (request.type !== 'MARKET' || request.quoteOrderQty === null) {
      throw venueErrors.mandatory('quantity');
    }
    const notional =
      request.quoteOrderQty ??
      request.quantity! * (request.type === 'MARKET' ? mid : request.price!);
    if (notional < instrument.minNotional - EPS) throw venueErrors.filter('NOTIONAL');

    const order = this.newOrder(instrument, request, clientOrderId, tif, at, 'spot');
    const limitPrice = request.type === 'MARKET' ? undefined : request.price!;
    const levels = request.side === 'BUY' ? book.asks : book.bids;
    if (request.type === 'LIMIT_MAKER' && crossesBook(request.side, levels, limitPrice!)) {
      throw venueErrors.wouldTake();
    }
    const fills =
      request.type === 'LIMIT_MAKER'
        ? []
        : walkBook(levels, request.side, {
            qty: request.quantity ?? undefined,
            quoteBudget: request.quoteOrderQty ?? undefined,
            limitPrice,
            step: instrument.step,
          });
    const filledQty = sum(fills.map((f) => f.qty));
    const fillCost = sum(fills.map((f) => f.qty * f.price));
    const fullQty = request.quantity ?? filledQty;
    const fok = tif === 'FOK' && filledQty < fullQty - EPS;
    const taken = fok ? [] : fills;
    const rests = request.type !== 'MARKET' && tif === 'GTC' && !fok;

    // Funds needed: the fills, plus what a resting remainder locks.
    const restQty = rests ? fullQty - sum(taken.map((f) => f.qty)) : 0;
    if (request.side === 'BUY') {
      const needed = (fok ? 0 : fillCost) + restQty * (limitPrice ?? 0);
      if (needed > this.spotFree(QUOTE) + EPS) throw venueErrors.insufficientBalance();
    } else {
      const needed = (fok ? 0 : filledQty) + restQty;
      if (needed > this.spotFree(base) + EPS) throw venueErrors.insufficientBalance();
    }

    for (const fill of taken) this.applySpotFill(order, instrument, fill, false, at);
    if (rests && restQty > EPS) {
      const lock =
        request.side === 'BUY'
          ? { asset: QUOTE, amount: restQty * limitPrice! }
          : { asset: base, amount: restQty };
      this.spotBalance(lock.asset).free -= lock.amount;
      this.spotBalance(lock.asset).locked += lock.amount;
      order.locked = lock;
    }
    return this.recorded(order, statusOf(order, rests));
  }

  private applySpotFill(
    order: OrderRecord,
    instrument: Instrument,
    fill: Fill,
    maker: boolean,
    at: number,
  ): void {
    const quote = fill.qty * fill.price;
    const fromLock = order.locked !== null;
    if (order.side === 'BUY') {
      const commission = fill.qty * SPOT_FEE;
      this.debitSpot(
        QUOTE,
        quote,
        fromLock ? order : null,
        fromLock ? fill.qty * order.price : quote,
      );
      this.spotBalance(instrument.asset).free += fill.qty - commission;
      order.fills.push(this.fillRecord(fill, commission, instrument.asset, maker, at));
    } else {
      const commission = quote * SPOT_FEE;
      this.debitSpot(instrument.asset, fill.qty, fromLock ? order : null, fill.qty);
      this.spotBalance(QUOTE).free += quote - commission;
      order.fills.push(this.fillRecord(fill, commission, QUOTE, maker, at));
    }
    order.executedQty = roundToStep(order.executedQty + fill.qty, instrument.step, 'nearest');
    order.cumQuote += quote;
    order.updateTime = at;
  }

  /** Takes `amount` of `asset`: from the order's lock (releasing `lockShare` of it) or from free funds. */
  private debitSpot(
    asset: string,
    amount: number,
    lockedBy: OrderRecord | null,
    lockShare: number,
  ): void {
    const balance = this.spotBalance(asset);
    if (lockedBy?.locked) {
      const release = Math.min(lockShare, lockedBy.locked.amount);
      lockedBy.locked.amount -= release;
      balance.locked -= release;
      balance.free += release - amount;
    } else {
      balance.free -= amount;
    }
    if (Math.abs(balance.free) < 1e-12) balance.free = 0;
    if (Math.abs(balance.locked) < 1e-12) balance.locked = 0;
  }

  // ---- futures ------------------------------------------------------------------------------------

  placeFuturesOrder(request: OrderRequest, at: number): OrderRecord {
    const instrument = this.market.instrument(request.symbol, at, 'futures');
    if (!instrument) throw venueErrors.invalidSymbol();
    const clientOrderId = this.clientOrderId(request, 'futures');
    if (request.type === 'LIMIT_MAKER') throw venueErrors.invalidOrderType();
    const tif = this.timeInForce(request);
    if (request.quantity === null) throw venueErrors.mandatory('quantity');
    if (!isMultiple(request.quantity, instrument.step)) throw venueErrors.futuresPrecision();
    if (request.quantity < instrument.minQty - EPS) throw venueErrors.filter('LOT_SIZE');
    if (request.type === 'LIMIT') checkLimitPrice(request.price, instrument);
    const mark = this.market.price(instrument, at);
    const position = this.state.positions[instrument.symbol];
    const current = position?.amount ?? 0;
    const signed = request.side === 'BUY' ? 1 : -1;
    let qty = request.quantity;
    if (request.reduceOnly) {
      if (current === 0 || Math.sign(current) === signed) throw venueErrors.reduceOnlyRejected();
      qty = Math.min(qty, Math.abs(current));
    }
    const price = request.type === 'LIMIT' ? request.price! : mark;
    if (!request.reduceOnly && qty * price < instrument.minNotional - EPS) {
      throw venueErrors.minNotional(instrument.minNotional);
    }

    const leverage = this.leverageOf(instrument.symbol);
    const after = current + signed * qty;
    const added = Math.max(0, Math.abs(after) - Math.abs(current));
    if (added > EPS) {
      const risk = this.futuresRisk(at);
      const required = (added * price) / leverage + qty * price * FUTURES_TAKER_FEE;
      if (required > risk.available + EPS) throw venueErrors.marginInsufficient();
    }

    const order = this.newOrder(
      instrument,
      { ...request, quantity: qty },
      clientOrderId,
      tif,
      at,
      'futures',
    );
    const book = this.market.book(instrument, at, 1000);
    const levels = request.side === 'BUY' ? book.asks : book.bids;
    const limitPrice = request.type === 'LIMIT' ? request.price! : undefined;
    if (tif === 'GTX' && crossesBook(request.side, levels, limitPrice!)) {
      return this.recorded(order, 'EXPIRED');
    }
    const fills =
      tif === 'GTX'
        ? []
        : walkBook(levels, request.side, { qty, limitPrice, step: instrument.step });
    const filledQty = sum(fills.map((f) => f.qty));
    const fok = tif === 'FOK' && filledQty < qty - EPS;
    if (!fok) for (const fill of fills) this.applyFuturesFill(order, instrument, fill, false, at);
    const rests = request.type === 'LIMIT' && (tif === 'GTC' || tif === 'GTX') && !fok;
    return this.recorded(order, statusOf(order, rests));
  }

  private applyFuturesFill(
    order: OrderRecord,
    instrument: Instrument,
    fill: Fill,
    maker: boolean,
    at: number,
  ): void {
    const symbol = instrument.symbol;
    const position =
      this.state.positions[symbol] ??
      (this.state.positions[symbol] = {
        symbol,
        asset: instrument.asset,
        expiry: instrument.expiry,
        amount: 0,
        entryPrice: 0,
        isolatedWallet: 0,
        updateTime: at,
      });
    const signed = order.side === 'BUY' ? fill.qty : -fill.qty;
    const isolated = this.state.marginType[symbol] === 'ISOLATED';
    const leverage = this.leverageOf(symbol);
    const before = position.amount;
    let realized = 0;
    if (before === 0 || Math.sign(before) === Math.sign(signed)) {
      const size = Math.abs(before) + fill.qty;
      position.entryPrice = (Math.abs(before) * position.entryPrice + fill.qty * fill.price) / size;
      if (isolated) this.moveToIsolated(position, (fill.qty * fill.price) / leverage);
    } else {
      const closing = Math.min(fill.qty, Math.abs(before));
      realized = closing * (fill.price - position.entryPrice) * Math.sign(before);
      if (isolated) {
        const release = position.isolatedWallet * (closing / Math.abs(before));
        position.isolatedWallet -= release;
        this.state.futuresWallet += release;
      }
      const opening = fill.qty - closing;
      if (opening > EPS) {
        position.entryPrice = fill.price;
        if (isolated) this.moveToIsolated(position, (opening * fill.price) / leverage);
      }
    }
    position.amount = roundToStep(before + signed, instrument.step / 1000, 'nearest');
    if (Math.abs(position.amount) < EPS) {
      position.amount = 0;
      position.entryPrice = 0;
      this.state.futuresWallet += position.isolatedWallet;
      position.isolatedWallet = 0;
    }
    position.updateTime = at;
    const fee = fill.qty * fill.price * (maker ? FUTURES_MAKER_FEE : FUTURES_TAKER_FEE);
    this.state.futuresWallet += realized - fee;
    if (realized !== 0) this.addIncome(symbol, 'REALIZED_PNL', realized, at);
    this.addIncome(symbol, 'COMMISSION', -fee, at);
    order.fills.push(this.fillRecord(fill, fee, QUOTE, maker, at));
    order.executedQty = roundToStep(order.executedQty + fill.qty, instrument.step, 'nearest');
    order.cumQuote += fill.qty * fill.price;
    order.updateTime = at;
    if (position.amount === 0) delete this.state.positions[symbol];
  }

  private moveToIsolated(position: PositionRecord, amount: number): void {
    position.isolatedWallet += amount;
    this.state.futuresWallet -= amount;
  }

  setLeverage(
    symbol: string,
    leverage: number,
    at: number,
  ): { leverage: number; maxNotionalValue: number } {
    if (!this.market.instrument(symbol, at, 'futures')) throw venueErrors.invalidSymbol();
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > 125) {
      throw venueErrors.invalidLeverage(String(leverage));
    }
    this.state.leverage[symbol] = leverage;
    const cap = LEVERAGE_BRACKETS.filter((b) => b.initialLeverage >= leverage).at(-1)!;
    return { leverage, maxNotionalValue: cap.notionalCap };
  }

  setMarginType(symbol: string, type: 'CROSSED' | 'ISOLATED', at: number): void {
    if (!this.market.instrument(symbol, at, 'futures')) throw venueErrors.invalidSymbol();
    const current = this.state.marginType[symbol] ?? 'CROSSED';
    if (current === type) throw venueErrors.marginTypeUnchanged();
    if ((this.state.positions[symbol]?.amount ?? 0) !== 0)
      throw venueErrors.marginTypeWithPosition();
    this.state.marginType[symbol] = type;
  }

  leverageOf(symbol: string): number {
    return this.state.leverage[symbol] ?? DEFAULT_LEVERAGE;
  }

  futuresRisk(at: number): FuturesRisk {
    const positions: PositionRisk[] = [];
    for (const position of Object.values(this.state.positions)) {
      if (position.amount === 0) continue;
      const instrument =
        position.expiry === null
          ? this.market.instrument(position.symbol, at, 'futures')
          : this.market.futureByExpiry(position.asset, position.expiry);
      if (!instrument) continue;
      const mark = this.market.price(instrument, at);
      const notional = position.amount * mark;
      const bracket = bracketFor(Math.abs(notional));
      const leverage = this.leverageOf(position.symbol);
      positions.push({
        position,
        instrument,
        mark,
        notional,
        unrealizedPnl: position.amount * (mark - position.entryPrice),
        leverage,
        isolated: this.state.marginType[position.symbol] === 'ISOLATED',
        initialMargin: Math.abs(notional) / leverage,
        maintMargin: Math.max(0, Math.abs(notional) * bracket.maintMarginRatio - bracket.cum),
        maintMarginRatio: bracket.maintMarginRatio,
        liquidationPrice: 0,
        breakEvenPrice: position.entryPrice * (1 + Math.sign(position.amount) * FUTURES_TAKER_FEE),
      });
    }
    const wallet = this.state.futuresWallet;
    const cross = positions.filter((p) => !p.isolated);
    const crossUpnl = sum(cross.map((p) => p.unrealizedPnl));
    for (const p of positions) {
      const bracket = bracketFor(Math.abs(p.notional));
      const others = p.isolated ? [] : cross.filter((q) => q !== p);
      const balance = p.isolated ? p.position.isolatedWallet : wallet;
      const a = p.position.amount;
      const numerator =
        balance -
        sum(others.map((q) => q.maintMargin)) +
        sum(others.map((q) => q.unrealizedPnl)) +
        bracket.cum -
        a * p.position.entryPrice;
      const denominator = Math.abs(a) * bracket.maintMarginRatio - a;
      const lp = numerator / denominator;
      p.liquidationPrice = Number.isFinite(lp) && lp > 0 ? lp : 0;
    }
    const openOrderIm = sum(
      this.state.orders
        .filter((o) => o.venue === 'futures' && isOpen(o))
        .map((o) => ((o.origQty - o.executedQty) * o.price) / this.leverageOf(o.symbol)),
    );
    const positionIm = sum(positions.map((p) => p.initialMargin));
    const crossIm = sum(cross.map((p) => p.initialMargin));
    const available = wallet + crossUpnl - crossIm - openOrderIm;
    return {
      positions,
      wallet,
      crossUnrealizedPnl: crossUpnl,
      unrealizedPnl: sum(positions.map((p) => p.unrealizedPnl)),
      positionInitialMargin: positionIm,
      openOrderInitialMargin: openOrderIm,
      maintMargin: sum(positions.map((p) => p.maintMargin)),
      marginBalance:
        wallet + sum(positions.map((p) => p.unrealizedPnl + p.position.isolatedWallet)),
      available: Math.max(0, available),
      maxWithdraw: Math.max(0, Math.min(available, wallet)),
    };
  }

  // ---- orders common ------------------------------------------------------------------------------

  findOrder(
    venue: Venue,
    symbol: string,
    orderId: number | null,
    clientOrderId: string | null,
  ): OrderRecord {
    const order = this.state.orders.find(
      (o) =>
        o.venue === venue &&
        o.symbol === symbol &&
        (orderId !== null ? o.orderId === orderId : o.clientOrderId === clientOrderId),
    );
    if (!order) throw venueErrors.orderDoesNotExist();
    return order;
  }

  cancelOrder(
    venue: Venue,
    symbol: string,
    orderId: number | null,
    clientOrderId: string | null,
    at: number,
  ): OrderRecord {
    const order = this.state.orders.find(
      (o) =>
        o.venue === venue &&
        o.symbol === symbol &&
        (orderId !== null ? o.orderId === orderId : o.clientOrderId === clientOrderId),
    );
    if (!order || !isOpen(order)) throw venueErrors.unknownOrderToCancel();
    this.releaseLock(order);
    order.status = 'CANCELED';
    order.updateTime = at;
    return order;
  }

  openOrders(venue: Venue, symbol: string | null): OrderRecord[] {
    return this.state.orders.filter(
      (o) => o.venue === venue && isOpen(o) && (symbol === null || o.symbol === symbol),
    );
  }

  private fillResting(order: OrderRecord, instrument: Instrument, at: number): void {
    const book = this.market.book(instrument, at, 1);
    const touch = order.side === 'BUY' ? book.asks[0]!.price : book.bids[0]!.price;
    const crosses = order.side === 'BUY' ? touch <= order.price : touch >= order.price;
    if (!crosses) return;
    const fill = {
      price: order.price,
      qty: roundToStep(order.origQty - order.executedQty, instrument.step, 'nearest'),
    };
    if (fill.qty <= EPS) return;
    if (order.venue === 'spot') this.applySpotFill(order, instrument, fill, true, at);
    else this.applyFuturesFill(order, instrument, fill, true, at);
    order.status = 'FILLED';
    this.releaseLock(order);
  }

  private releaseLock(order: OrderRecord): void {
    if (!order.locked) return;
    const balance = this.spotBalance(order.locked.asset);
    balance.locked -= order.locked.amount;
    balance.free += order.locked.amount;
    if (Math.abs(balance.locked) < 1e-12) balance.locked = 0;
    order.locked = null;
  }

  private clientOrderId(request: OrderRequest, venue: Venue): string {
    if (request.clientOrderId === null) {
      return `sim_${(mix(this.state.nextOrderId, hashString(request.symbol)) >>> 0).toString(36)}${this.state.nextOrderId}`;
    }
    if (!CLIENT_ID.test(request.clientOrderId)) throw venueErrors.illegal('newClientOrderId');
    const duplicate = this.state.orders.some(
      (o) => o.venue === venue && o.clientOrderId === request.clientOrderId,
    );
    if (duplicate)
      throw venue === 'spot'
        ? venueErrors.duplicateSpotOrder()
        : venueErrors.duplicateFuturesOrder();
    return request.clientOrderId;
  }

  private timeInForce(request: OrderRequest): TimeInForce {
    if (request.type === 'MARKET' || request.type === 'LIMIT_MAKER') return 'GTC';
    if (request.timeInForce === null) throw venueErrors.mandatory('timeInForce');
    return request.timeInForce;
  }

  private newOrder(
    instrument: Instrument,
    request: OrderRequest,
    clientOrderId: string,
    tif: TimeInForce,
    at: number,
    venue: Venue,
  ): OrderRecord {
    return {
      venue,
      orderId: this.state.nextOrderId++,
      clientOrderId,
      symbol: instrument.symbol,
      asset: instrument.asset,
      side: request.side,
      type: request.type,
      timeInForce: tif,
      price: request.type === 'MARKET' ? 0 : request.price!,
      origQty: request.quantity ?? 0,
      origQuoteOrderQty: request.quoteOrderQty ?? 0,
      executedQty: 0,
      cumQuote: 0,
      status: 'NEW',
      reduceOnly: request.reduceOnly,
      time: at,
      updateTime: at,
      fills: [],
      locked: null,
      tick: instrument.tick,
      step: instrument.step,
    };
  }

  private remember(order: OrderRecord): void {
    if (order.origQty === 0) order.origQty = order.executedQty;
    this.state.orders.push(order);
    if (this.state.orders.length > MAX_ORDERS_KEPT) {
      const drop = this.state.orders.findIndex((o) => !isOpen(o));
      if (drop >= 0) this.state.orders.splice(drop, 1);
    }
  }

  /** Settles a newly placed order's status and keeps it. */
  private recorded(order: OrderRecord, status: OrderStatus): OrderRecord {
    order.status = status;
    this.remember(order);
    return order;
  }

  private fillRecord(
    fill: Fill,
    commission: number,
    asset: string,
    maker: boolean,
    at: number,
  ): FillRecord {
    return {
      price: fill.price,
      qty: fill.qty,
      commission,
      commissionAsset: asset,
      tradeId: this.state.nextTradeId++,
      maker,
      time: at,
    };
  }

  // ---- wallets ------------------------------------------------------------------------------------

  spotBalance(asset: string): { free: number; locked: number } {
    return this.state.spot[asset] ?? (this.state.spot[asset] = { free: 0, locked: 0 });
  }

  spotFree(asset: string): number {
    return this.state.spot[asset]?.free ?? 0;
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
      if (amount > this.spotFree(QUOTE) + EPS) throw venueErrors.transferBalance();
      this.spotBalance(QUOTE).free -= amount;
      this.state.futuresWallet += amount;
    } else {
      if (amount > this.futuresRisk(at).maxWithdraw + EPS) throw venueErrors.transferBalance();
      this.state.futuresWallet -= amount;
      this.spotBalance(QUOTE).free += amount;
    }
    const id = this.state.nextTranId++;
    this.addIncome('', 'TRANSFER', type === 'MAIN_UMFUTURE' ? amount : -amount, at);
    return id;
  }

  private addIncome(
    symbol: string,
    incomeType: IncomeRecord['incomeType'],
    income: number,
    at: number,
  ): void {
    this.state.income.push({
      symbol,
      incomeType,
      income,
      asset: QUOTE,
      time: at,
      tranId: this.state.nextTranId++,
    });
    if (this.state.income.length > MAX_INCOME_KEPT)
      this.state.income.splice(0, this.state.income.length - MAX_INCOME_KEPT);
  }
}

export function isOpen(order: OrderRecord): boolean {
  return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
}

function checkLimitPrice(price: number | null, instrument: Instrument): void {
  if (price === null) throw venueErrors.mandatory('price');
  if (!isMultiple(price, instrument.tick)) throw venueErrors.filter('PRICE_FILTER');
}

/** Whether a limit order would take from the opposite side of the book at once. */
function crossesBook(side: Side, opposite: readonly BookLevel[], limitPrice: number): boolean {
  const best = opposite[0]!.price;
  return side === 'BUY' ? best <= limitPrice : best >= limitPrice;
}

function statusOf(order: OrderRecord, rests: boolean): OrderStatus {
  const full = order.origQty > 0 && order.executedQty >= order.origQty - EPS;
  if (full || (order.origQty === 0 && order.executedQty > 0)) return 'FILLED';
  if (!rests) return 'EXPIRED';
  return order.executedQty > EPS ? 'PARTIALLY_FILLED' : 'NEW';
}

function sum(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
