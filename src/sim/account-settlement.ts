// Bringing the account to a market time: funding paid on perpetual positions, dated futures
// delivered at their expiry, resting orders filled where the book crossed them, and positions
// liquidated when their margin runs out.
import type { Instrument } from './market';
import { roundToStep } from './order-book';
import type { Ledger, OrderRecord, PositionRecord } from './account-state';
import { addIncome, EPS, isOpen, releaseLock } from './account-state';
import { applyFuturesFill } from './futures-orders';
import type { PositionRisk } from './margin';
import { futuresRisk } from './margin';
import { applySpotFill } from './spot-orders';

/** Brings the account to market time `to`: funding paid, futures delivered, resting orders filled. */
export function settle(ledger: Ledger, to: number): void {
  const from = ledger.state.settledUntil;
  if (to <= from) return;
  for (const position of Object.values(ledger.state.positions)) {
    if (position.amount === 0) continue;
    if (position.expiry === null) payFunding(ledger, position, from, to);
    else if (position.expiry <= to) deliver(ledger, position);
  }
  for (const order of ledger.state.orders) {
    if (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED') continue;
    const instrument = ledger.market.instrument(order.symbol, to, order.venue);
    if (!instrument) {
      releaseLock(ledger, order);
      order.status = 'EXPIRED';
      order.updateTime = to;
      continue;
    }
    fillResting(ledger, order, instrument, to);
  }
  ledger.state.settledUntil = to;
  liquidateIfNeeded(ledger, to);
}

function payFunding(ledger: Ledger, position: PositionRecord, from: number, to: number): void {
  const perp = ledger.market.instrument(position.symbol, to, 'futures');
  if (!perp) return;
  for (const at of ledger.market.fundingTimes(position.asset, from, to)) {
    const rate = ledger.market.settledFundingRate(position.asset, at);
    const mark = ledger.market.price(perp, at);
    const payment = -position.amount * mark * rate;
    ledger.state.futuresWallet += payment;
    addIncome(ledger, position.symbol, 'FUNDING_FEE', payment, at);
  }
}

function deliver(ledger: Ledger, position: PositionRecord): void {
  const expiry = position.expiry!;
  settlePosition(ledger, position, ledger.market.spot(position.asset, expiry), expiry);
}

/**
 * Settles, at their mark, positions in dated futures the venue no longer lists (kept in a state
 * saved when it listed them) and expires their open orders, so none is left that cannot be closed.
 * Returns the symbols settled.
 */
export function settleDelisted(ledger: Ledger, at: number): string[] {
  const settled: string[] = [];
  for (const position of Object.values(ledger.state.positions)) {
    if (position.expiry === null || position.expiry <= at) continue;
    if (ledger.market.instrument(position.symbol, at, 'futures')) continue;
    const instrument = ledger.market.futureByExpiry(position.asset, position.expiry);
    settlePosition(ledger, position, ledger.market.price(instrument, at), at);
    settled.push(position.symbol);
  }
  return settled;
}

function settlePosition(ledger: Ledger, position: PositionRecord, price: number, at: number): void {
  const pnl = position.amount * (price - position.entryPrice);
  ledger.state.futuresWallet += pnl + position.isolatedWallet;
  addIncome(ledger, position.symbol, 'REALIZED_PNL', pnl, at);
  delete ledger.state.positions[position.symbol];
  for (const order of ledger.state.orders) {
    if (order.symbol === position.symbol && order.venue === 'futures' && isOpen(order)) {
      order.status = 'EXPIRED';
      order.updateTime = at;
    }
  }
}

function liquidateIfNeeded(ledger: Ledger, at: number): void {
  const risk = futuresRisk(ledger, at);
  const cross = risk.positions.filter((p) => !p.isolated);
  const crossMaint = cross.reduce((s, p) => s + p.maintMargin, 0);
  if (cross.length > 0 && risk.wallet + risk.crossUnrealizedPnl <= crossMaint) {
    for (const p of cross) closeAt(ledger, p, at);
    if (ledger.state.futuresWallet < 0) ledger.state.futuresWallet = 0;
  }
  for (const p of risk.positions.filter((q) => q.isolated)) {
    if (p.position.isolatedWallet + p.unrealizedPnl <= p.maintMargin) closeAt(ledger, p, at);
  }
}

function closeAt(ledger: Ledger, p: PositionRisk, at: number): void {
  const pnl = p.unrealizedPnl;
  const back = Math.max(0, p.position.isolatedWallet + (p.isolated ? pnl : 0));
  ledger.state.futuresWallet += p.isolated ? back : pnl;
  addIncome(ledger, p.position.symbol, 'INSURANCE_CLEAR', pnl, at);
  delete ledger.state.positions[p.position.symbol];
}

function fillResting(ledger: Ledger, order: OrderRecord, instrument: Instrument, at: number): void {
  // As on binance, a reduce-only order whose position is gone expires rather than wait to open one.
  if (order.reduceOnly && reducible(ledger, order) <= EPS) {
    order.status = 'EXPIRED';
    order.updateTime = at;
    return;
  }
  const book = ledger.market.book(instrument, at, 1);
  const touch = order.side === 'BUY' ? book.asks[0]!.price : book.bids[0]!.price;
  const crosses = order.side === 'BUY' ? touch <= order.price : touch >= order.price;
  if (!crosses) return;
  const left = roundToStep(order.origQty - order.executedQty, instrument.step, 'nearest');
  const qty = order.reduceOnly ? Math.min(left, reducible(ledger, order)) : left;
  if (qty > EPS) {
    const fill = { price: order.price, qty };
    if (order.venue === 'spot') applySpotFill(ledger, order, instrument, fill, true, at);
    else applyFuturesFill(ledger, order, instrument, fill, true, at);
  }
  // A reduce-only order the position no longer covers expires with what it filled, never flipping it.
  order.status = qty < left - EPS ? 'EXPIRED' : 'FILLED';
  order.updateTime = at;
  releaseLock(ledger, order);
}

/** How much of the position a reduce-only order on its side can still close. */
function reducible(ledger: Ledger, order: OrderRecord): number {
  const amount = ledger.state.positions[order.symbol]?.amount ?? 0;
  const closes = order.side === 'BUY' ? amount < 0 : amount > 0;
  return closes ? Math.abs(amount) : 0;
}
