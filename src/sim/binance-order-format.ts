// Binance's order answers, field for field: spot orders (full, result and ack), cancels, futures
// orders and the trades of both.
import type { OrderRecord } from './account';
import { decimalsOf } from './asset-catalog';
import type { Json } from './binance-json';
import { fmt } from './binance-json';

function orderDp(o: OrderRecord): { p: number; q: number } {
  return { p: decimalsOf(o.tick), q: decimalsOf(o.step) };
}

/** The order's terms and progress, in the order binance lists them in a spot order. */
function spotOrderTerms(o: OrderRecord): { [key: string]: Json } {
  return {
    price: fmt(o.price, 8),
    origQty: fmt(o.origQty, 8),
    executedQty: fmt(o.executedQty, 8),
    cummulativeQuoteQty: fmt(o.cumQuote, 8),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
  };
}

export function spotOrder(o: OrderRecord): Json {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    ...spotOrderTerms(o),
    stopPrice: fmt(0, 8),
    icebergQty: fmt(0, 8),
    time: o.time,
    updateTime: o.updateTime,
    isWorking: true,
    workingTime: o.time,
    origQuoteOrderQty: fmt(o.origQuoteOrderQty, 8),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

export function spotOrderAck(o: OrderRecord, respType: string): Json {
  const ack = {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    transactTime: o.time,
  };
  if (respType === 'ACK') return ack;
  const result: { [key: string]: Json } = {
    ...ack,
    price: fmt(o.price, 8),
    origQty: fmt(o.origQty, 8),
    executedQty: fmt(o.executedQty, 8),
    origQuoteOrderQty: fmt(o.origQuoteOrderQty, 8),
    cummulativeQuoteQty: fmt(o.cumQuote, 8),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    workingTime: o.time,
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
  if (respType === 'RESULT') return result;
  result.fills = o.fills.map((f) => ({
    price: fmt(f.price, 8),
    qty: fmt(f.qty, 8),
    commission: fmt(f.commission, 8),
    commissionAsset: f.commissionAsset,
    tradeId: f.tradeId,
  }));
  return result;
}

export function spotCancel(o: OrderRecord, cancelId: string): Json {
  return {
    symbol: o.symbol,
    origClientOrderId: o.clientOrderId,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: cancelId,
    transactTime: o.updateTime,
    ...spotOrderTerms(o),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

export function futuresOrder(o: OrderRecord, withTime: boolean): Json {
  const { p, q } = orderDp(o);
  const avg = o.executedQty > 0 ? o.cumQuote / o.executedQty : 0;
  const body: { [key: string]: Json } = {
    orderId: o.orderId,
    symbol: o.symbol,
    status: o.status,
    clientOrderId: o.clientOrderId,
    price: fmt(o.price, p),
    avgPrice: fmt(avg, Math.max(p, 5)),
    origQty: fmt(o.origQty, q),
    executedQty: fmt(o.executedQty, q),
    cumQty: fmt(o.executedQty, q),
    cumQuote: fmt(o.cumQuote, 5),
    timeInForce: o.timeInForce,
    type: o.type,
    reduceOnly: o.reduceOnly,
    closePosition: false,
    side: o.side,
    positionSide: 'BOTH',
    stopPrice: '0',
    workingType: 'CONTRACT_PRICE',
    priceProtect: false,
    origType: o.type,
    priceMatch: 'NONE',
    selfTradePreventionMode: 'EXPIRE_MAKER',
    goodTillDate: 0,
  };
  if (withTime) body.time = o.time;
  body.updateTime = o.updateTime;
  return body;
}

export function spotTrades(orders: OrderRecord[]): Json {
  return orders.flatMap((o) =>
    o.fills.map((f) => ({
      symbol: o.symbol,
      id: f.tradeId,
      orderId: o.orderId,
      orderListId: -1,
      price: fmt(f.price, 8),
      qty: fmt(f.qty, 8),
      quoteQty: fmt(f.qty * f.price, 8),
      commission: fmt(f.commission, 8),
      commissionAsset: f.commissionAsset,
      time: f.time,
      isBuyer: o.side === 'BUY',
      isMaker: f.maker,
      isBestMatch: true,
    })),
  );
}

export function futuresTrades(orders: OrderRecord[]): Json {
  return orders.flatMap((o) => {
    const { p, q } = orderDp(o);
    return o.fills.map((f) => ({
      buyer: o.side === 'BUY',
      commission: fmt(f.commission, 8),
      commissionAsset: f.commissionAsset,
      id: f.tradeId,
      maker: f.maker,
      orderId: o.orderId,
      price: fmt(f.price, p),
      qty: fmt(f.qty, q),
      quoteQty: fmt(f.qty * f.price, 8),
      realizedPnl: '0',
      side: o.side,
      positionSide: 'BOTH',
      symbol: o.symbol,
      time: f.time,
    }));
  });
}
