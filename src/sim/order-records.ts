// What spot and futures orders share: validating a request's client id, time in force and price,
// making and keeping the order record and its fills, and finding, listing and cancelling orders.
import type { Instrument } from './market';
import type { BookLevel, Fill } from './order-book';
import { hashString, mix } from './prng';
import { venueErrors } from './venue-error';
import type {
  FillRecord,
  Ledger,
  OrderRecord,
  OrderRequest,
  OrderStatus,
  Side,
  TimeInForce,
  Venue,
} from './account-state';
import { EPS, isOpen, releaseLock } from './account-state';

const MAX_ORDERS_KEPT = 5_000;
const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

export function isMultiple(value: number, step: number): boolean {
  const units = value / step;
  return Math.abs(units - Math.round(units)) < 1e-6;
}

export function checkLimitPrice(price: number | null, instrument: Instrument): void {
  if (price === null) throw venueErrors.mandatory('price');
  if (!isMultiple(price, instrument.tick)) throw venueErrors.filter('PRICE_FILTER');
}

/** Whether a limit order would take from the opposite side of the book at once. */
export function crossesBook(
  side: Side,
  opposite: readonly BookLevel[],
  limitPrice: number,
): boolean {
  const best = opposite[0]!.price;
  return side === 'BUY' ? best <= limitPrice : best >= limitPrice;
}

export function statusOf(order: OrderRecord, rests: boolean): OrderStatus {
  const full = order.origQty > 0 && order.executedQty >= order.origQty - EPS;
  if (full || (order.origQty === 0 && order.executedQty > 0)) return 'FILLED';
  if (!rests) return 'EXPIRED';
  return order.executedQty > EPS ? 'PARTIALLY_FILLED' : 'NEW';
}

export function clientOrderIdFor(ledger: Ledger, request: OrderRequest, venue: Venue): string {
  if (request.clientOrderId === null) {
    return `sim_${(mix(ledger.state.nextOrderId, hashString(request.symbol)) >>> 0).toString(36)}${ledger.state.nextOrderId}`;
  }
  if (!CLIENT_ID.test(request.clientOrderId)) throw venueErrors.illegal('newClientOrderId');
  // Binance keeps a client id unique among OPEN orders only: a filled, cancelled or expired order's
  // id may be sent again.
  const duplicate = ledger.state.orders.some(
    (o) => o.venue === venue && o.clientOrderId === request.clientOrderId && isOpen(o),
  );
  if (duplicate)
    throw venue === 'spot' ? venueErrors.duplicateSpotOrder() : venueErrors.duplicateFuturesOrder();
  return request.clientOrderId;
}

export function timeInForce(request: OrderRequest): TimeInForce {
  if (request.type === 'MARKET' || request.type === 'LIMIT_MAKER') return 'GTC';
  if (request.timeInForce === null) throw venueErrors.mandatory('timeInForce');
  return request.timeInForce;
}

export function newOrder(
  ledger: Ledger,
  instrument: Instrument,
  request: OrderRequest,
  clientOrderId: string,
  tif: TimeInForce,
  at: number,
  venue: Venue,
): OrderRecord {
  return {
    venue,
    orderId: ledger.state.nextOrderId++,
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

function remember(ledger: Ledger, order: OrderRecord): void {
  if (order.origQty === 0) order.origQty = order.executedQty;
  ledger.state.orders.push(order);
  if (ledger.state.orders.length > MAX_ORDERS_KEPT) {
    const drop = ledger.state.orders.findIndex((o) => !isOpen(o));
    if (drop >= 0) ledger.state.orders.splice(drop, 1);
  }
}

/** Settles a newly placed order's status and keeps it. */
export function recorded(ledger: Ledger, order: OrderRecord, status: OrderStatus): OrderRecord {
  order.status = status;
  remember(ledger, order);
  return order;
}

export function fillRecord(
  ledger: Ledger,
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
    tradeId: ledger.state.nextTradeId++,
    maker,
    time: at,
  };
}

/**
 * The order of `symbol` on `venue` with the venue's id, or with the client's id when none is given:
 * the latest with that client id, which is the open one when one is open (a client id is reused only
 * once no order holding it is open).
 */
function orderNamed(
  ledger: Ledger,
  venue: Venue,
  symbol: string,
  orderId: number | null,
  clientOrderId: string | null,
): OrderRecord | undefined {
  return ledger.state.orders.findLast(
    (o) =>
      o.venue === venue &&
      o.symbol === symbol &&
      (orderId !== null ? o.orderId === orderId : o.clientOrderId === clientOrderId),
  );
}

export function findOrder(
  ledger: Ledger,
  venue: Venue,
  symbol: string,
  orderId: number | null,
  clientOrderId: string | null,
): OrderRecord {
  const order = orderNamed(ledger, venue, symbol, orderId, clientOrderId);
  if (!order) throw venueErrors.orderDoesNotExist();
  return order;
}

export function cancelOrder(
  ledger: Ledger,
  venue: Venue,
  symbol: string,
  orderId: number | null,
  clientOrderId: string | null,
  at: number,
): OrderRecord {
  const order = orderNamed(ledger, venue, symbol, orderId, clientOrderId);
  if (!order || !isOpen(order)) throw venueErrors.unknownOrderToCancel();
  releaseLock(ledger, order);
  order.status = 'CANCELED';
  order.updateTime = at;
  return order;
}

export function openOrders(ledger: Ledger, venue: Venue, symbol: string | null): OrderRecord[] {
  return ledger.state.orders.filter(
    (o) => o.venue === venue && isOpen(o) && (symbol === null || o.symbol === symbol),
  );
}
