// USDⓈ-M futures orders: one-way positions opened, added to, reduced and flipped by fills, with
// the margin they need checked first and, for isolated margin, moved into the position.
import { QUOTE } from './asset-catalog';
import type { Instrument } from './market';
import { roundToStep, walkBook, type Fill } from './order-book';
import { venueErrors } from './venue-error';
import type { Ledger, OrderRecord, OrderRequest, PositionRecord } from './account-state';
import { addIncome, EPS, FUTURES_MAKER_FEE, FUTURES_TAKER_FEE, sum } from './account-state';
import { futuresRisk, leverageOf } from './margin';
import {
  checkLimitPrice,
  clientOrderIdFor,
  crossesBook,
  fillRecord,
  isMultiple,
  newOrder,
  recorded,
  statusOf,
  timeInForce,
} from './order-records';

export function placeFuturesOrder(ledger: Ledger, request: OrderRequest, at: number): OrderRecord {
  const instrument = ledger.market.instrument(request.symbol, at, 'futures');
  if (!instrument) throw venueErrors.invalidSymbol();
  const clientOrderId = clientOrderIdFor(ledger, request, 'futures');
  if (request.type === 'LIMIT_MAKER') throw venueErrors.invalidOrderType();
  const tif = timeInForce(request);
  if (request.quantity === null) throw venueErrors.mandatory('quantity');
  if (!isMultiple(request.quantity, instrument.step)) throw venueErrors.futuresPrecision();
  if (request.quantity < instrument.minQty - EPS) throw venueErrors.filter('LOT_SIZE');
  if (request.type === 'LIMIT') checkLimitPrice(request.price, instrument);
  const mark = ledger.market.price(instrument, at);
  const position = ledger.state.positions[instrument.symbol];
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

  const leverage = leverageOf(ledger, instrument.symbol);
  const after = current + signed * qty;
  const added = Math.max(0, Math.abs(after) - Math.abs(current));
  if (added > EPS) {
    const risk = futuresRisk(ledger, at);
    const required = (added * price) / leverage + qty * price * FUTURES_TAKER_FEE;
    if (required > risk.available + EPS) throw venueErrors.marginInsufficient();
  }

  const order = newOrder(
    ledger,
    instrument,
    { ...request, quantity: qty },
    clientOrderId,
    tif,
    at,
    'futures',
  );
  const book = ledger.market.book(instrument, at, 1000);
  const levels = request.side === 'BUY' ? book.asks : book.bids;
  const limitPrice = request.type === 'LIMIT' ? request.price! : undefined;
  if (tif === 'GTX' && crossesBook(request.side, levels, limitPrice!)) {
    return recorded(ledger, order, 'EXPIRED');
  }
  const fills =
    tif === 'GTX' ? [] : walkBook(levels, request.side, { qty, limitPrice, step: instrument.step });
  const filledQty = sum(fills.map((f) => f.qty));
  const fok = tif === 'FOK' && filledQty < qty - EPS;
  if (!fok) for (const fill of fills) applyFuturesFill(ledger, order, instrument, fill, false, at);
  const rests = request.type === 'LIMIT' && (tif === 'GTC' || tif === 'GTX') && !fok;
  return recorded(ledger, order, statusOf(order, rests));
}

export function applyFuturesFill(
  ledger: Ledger,
  order: OrderRecord,
  instrument: Instrument,
  fill: Fill,
  maker: boolean,
  at: number,
): void {
  const symbol = instrument.symbol;
  const position =
    ledger.state.positions[symbol] ??
    (ledger.state.positions[symbol] = {
      symbol,
      asset: instrument.asset,
      expiry: instrument.expiry,
      amount: 0,
      entryPrice: 0,
      isolatedWallet: 0,
      updateTime: at,
    });
  const signed = order.side === 'BUY' ? fill.qty : -fill.qty;
  const isolated = ledger.state.marginType[symbol] === 'ISOLATED';
  const leverage = leverageOf(ledger, symbol);
  const before = position.amount;
  let realized = 0;
  if (before === 0 || Math.sign(before) === Math.sign(signed)) {
    const size = Math.abs(before) + fill.qty;
    position.entryPrice = (Math.abs(before) * position.entryPrice + fill.qty * fill.price) / size;
    if (isolated) moveToIsolated(ledger, position, (fill.qty * fill.price) / leverage);
  } else {
    const closing = Math.min(fill.qty, Math.abs(before));
    realized = closing * (fill.price - position.entryPrice) * Math.sign(before);
    if (isolated) {
      const release = position.isolatedWallet * (closing / Math.abs(before));
      position.isolatedWallet -= release;
      ledger.state.futuresWallet += release;
    }
    const opening = fill.qty - closing;
    if (opening > EPS) {
      position.entryPrice = fill.price;
      if (isolated) moveToIsolated(ledger, position, (opening * fill.price) / leverage);
    }
  }
  position.amount = roundToStep(before + signed, instrument.step / 1000, 'nearest');
  if (Math.abs(position.amount) < EPS) {
    position.amount = 0;
    position.entryPrice = 0;
    ledger.state.futuresWallet += position.isolatedWallet;
    position.isolatedWallet = 0;
  }
  position.updateTime = at;
  const fee = fill.qty * fill.price * (maker ? FUTURES_MAKER_FEE : FUTURES_TAKER_FEE);
  ledger.state.futuresWallet += realized - fee;
  if (realized !== 0) addIncome(ledger, symbol, 'REALIZED_PNL', realized, at);
  addIncome(ledger, symbol, 'COMMISSION', -fee, at);
  order.fills.push(fillRecord(ledger, fill, fee, QUOTE, maker, at));
  order.executedQty = roundToStep(order.executedQty + fill.qty, instrument.step, 'nearest');
  order.cumQuote += fill.qty * fill.price;
  order.updateTime = at;
  if (position.amount === 0) delete ledger.state.positions[symbol];
}

function moveToIsolated(ledger: Ledger, position: PositionRecord, amount: number): void {
  position.isolatedWallet += amount;
  ledger.state.futuresWallet -= amount;
}
