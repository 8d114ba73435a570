// Spot orders: checked against the venue's filters, matched against the book, paid from the spot
// wallet, with a resting remainder's funds locked until it fills or is cancelled.
import { QUOTE } from './asset-catalog';
import type { Instrument } from './market';
import { roundToStep, walkBook, type Fill } from './order-book';
import { venueErrors } from './venue-error';
import type { Ledger, OrderRecord, OrderRequest } from './account-state';
import { EPS, SPOT_FEE, spotBalance, spotFree, sum } from './account-state';
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

export function placeSpotOrder(ledger: Ledger, request: OrderRequest, at: number): OrderRecord {
  const instrument = ledger.market.instrument(request.symbol, at, 'spot');
  if (!instrument) throw venueErrors.invalidSymbol();
  const clientOrderId = clientOrderIdFor(ledger, request, 'spot');
  const tif = timeInForce(request);
  const book = ledger.market.book(instrument, at, 1000);
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
    request.quoteOrderQty ?? request.quantity! * (request.type === 'MARKET' ? mid : request.price!);
  if (notional < instrument.minNotional - EPS) throw venueErrors.filter('NOTIONAL');

  const order = newOrder(ledger, instrument, request, clientOrderId, tif, at, 'spot');
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
    if (needed > spotFree(ledger, QUOTE) + EPS) throw venueErrors.insufficientBalance();
  } else {
    const needed = (fok ? 0 : filledQty) + restQty;
    if (needed > spotFree(ledger, base) + EPS) throw venueErrors.insufficientBalance();
  }

  for (const fill of taken) applySpotFill(ledger, order, instrument, fill, false, at);
  if (rests && restQty > EPS) {
    const lock =
      request.side === 'BUY'
        ? { asset: QUOTE, amount: restQty * limitPrice! }
        : { asset: base, amount: restQty };
    spotBalance(ledger, lock.asset).free -= lock.amount;
    spotBalance(ledger, lock.asset).locked += lock.amount;
    order.locked = lock;
  }
  return recorded(ledger, order, statusOf(order, rests));
}

export function applySpotFill(
  ledger: Ledger,
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
    debitSpot(
      ledger,
      QUOTE,
      quote,
      fromLock ? order : null,
      fromLock ? fill.qty * order.price : quote,
    );
    spotBalance(ledger, instrument.asset).free += fill.qty - commission;
    order.fills.push(fillRecord(ledger, fill, commission, instrument.asset, maker, at));
  } else {
    const commission = quote * SPOT_FEE;
    debitSpot(ledger, instrument.asset, fill.qty, fromLock ? order : null, fill.qty);
    spotBalance(ledger, QUOTE).free += quote - commission;
    order.fills.push(fillRecord(ledger, fill, commission, QUOTE, maker, at));
  }
  order.executedQty = roundToStep(order.executedQty + fill.qty, instrument.step, 'nearest');
  order.cumQuote += quote;
  order.updateTime = at;
}

/** Takes `amount` of `asset`: from the order's lock (releasing `lockShare` of it) or from free funds. */
function debitSpot(
  ledger: Ledger,
  asset: string,
  amount: number,
  lockedBy: OrderRecord | null,
  lockShare: number,
): void {
  const balance = spotBalance(ledger, asset);
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
