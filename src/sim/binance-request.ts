// What binance's REST routes share: the context a handler runs in, reading and checking request
// parameters, placing, finding and cancelling orders, candles, and request weights.
import type {
  Account,
  OrderRecord,
  OrderRequest,
  OrderType,
  Side,
  TimeInForce,
  Venue,
} from './account';
import * as f from './binance-format';
import type { Json } from './binance-format';
import type { FaultInjector } from './faults';
import type { KeyRecord, SimKeyPermissions } from './key-ring';
import type { Instrument, Market } from './market';
import type { OrderLog, OrderLogRequest } from './order-log';
import type { ApiFamily, RequestPool } from './rate-limiter';
import { AnswerLost } from './faults';
import { venueErrors, VenueError } from './venue-error';
import { MINUTE_MS, HOUR_MS, DAY_MS } from '../shared/time';

export interface RouteContext {
  market: Market;
  /** The account of the key that signed the request (the main account for a public request). */
  account: Account;
  /** The key that signed the request; null for a public one. */
  key: KeyRecord | null;
  /** The id of `account` (`main` for the start-up key's). */
  accountId: string;
  /** Where every order request that reaches an account is noted. */
  orderLog: OrderLog;
  /** Market time, after the account was settled up to it. */
  now: number;
  wallNow: number;
  params: URLSearchParams;
  faults: FaultInjector;
  /** Marks the persisted state dirty. */
  changed(): void;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  family: ApiFamily;
  /** A request count this endpoint shares with others, besides its weight. */
  pool?: RequestPool;
  signed: boolean;
  /** What the signing key must be allowed to do, beyond reading. */
  permission?: Exclude<keyof SimKeyPermissions, 'ipRestricted' | 'withdrawals'>;
  weight(params: URLSearchParams): number;
  handle(ctx: RouteContext): Json;
}

// ---- parameters ---------------------------------------------------------------------------------

export function str(p: URLSearchParams, name: string): string | null {
  const v = p.get(name);
  return v === null || v === '' ? null : v;
}

export function required(p: URLSearchParams, name: string): string {
  const v = str(p, name);
  if (v === null) throw venueErrors.mandatory(name);
  return v;
}

export function num(p: URLSearchParams, name: string): number | null {
  const v = str(p, name);
  if (v === null) return null;
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v)) {
    throw new VenueError(
      400,
      -1100,
      `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`,
    );
  }
  return Number(v);
}

export function int(p: URLSearchParams, name: string): number | null {
  const v = num(p, name);
  if (v !== null && !Number.isInteger(v)) throw venueErrors.invalidValue(name);
  return v;
}

export function limitOf(p: URLSearchParams, fallback: number, max: number): number {
  const v = int(p, 'limit');
  if (v === null) return fallback;
  if (v <= 0) throw venueErrors.invalidValue('limit');
  return Math.min(v, max);
}

export function symbolsParam(p: URLSearchParams): string[] | null {
  const raw = str(p, 'symbols');
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw venueErrors.invalidValue('symbols');
  }
  if (!Array.isArray(parsed) || parsed.some((s) => typeof s !== 'string'))
    throw venueErrors.invalidValue('symbols');
  return parsed as string[];
}

export function instrumentOf(
  ctx: RouteContext,
  venue: 'spot' | 'futures',
  symbol?: string,
): Instrument {
  const id = symbol ?? required(ctx.params, 'symbol');
  const instrument = ctx.market.instrument(id, ctx.now, venue);
  if (!instrument) throw venueErrors.invalidSymbol();
  return instrument;
}

/** The instruments a ticker-style request names: `symbol`, `symbols`, or all of the venue's. */
export function selected(
  ctx: RouteContext,
  venue: 'spot' | 'futures',
): { list: Instrument[]; single: boolean } {
  const symbol = str(ctx.params, 'symbol');
  if (symbol !== null) return { list: [instrumentOf(ctx, venue, symbol)], single: true };
  const symbols = venue === 'spot' ? symbolsParam(ctx.params) : null;
  if (symbols !== null)
    return { list: symbols.map((s) => instrumentOf(ctx, venue, s)), single: false };
  return { list: ctx.market.instruments(ctx.now, venue), single: false };
}

export function answer(list: Json[], single: boolean): Json {
  return single ? list[0]! : list;
}

export const INTERVALS: Record<string, number> = {
  '1m': MINUTE_MS,
  '3m': 3 * MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '2h': 2 * HOUR_MS,
  '4h': 4 * HOUR_MS,
  '6h': 6 * HOUR_MS,
  '8h': 8 * HOUR_MS,
  '12h': 12 * HOUR_MS,
  '1d': DAY_MS,
  '3d': 3 * DAY_MS,
  '1w': 7 * DAY_MS,
};

export function klines(ctx: RouteContext, venue: 'spot' | 'futures'): Json {
  const instrument = instrumentOf(ctx, venue);
  const interval = INTERVALS[required(ctx.params, 'interval')];
  if (interval === undefined) throw venueErrors.invalidInterval();
  const limit = limitOf(ctx.params, 500, venue === 'spot' ? 1000 : 1500);
  const start = int(ctx.params, 'startTime');
  const end = int(ctx.params, 'endTime');
  if (start !== null && end !== null && start > end) throw venueErrors.startAfterEnd();
  // From a start time (or the first candle, when later) a page holds at most `limit` opens:
  // nothing past them is computed.
  const first =
    start === null ? null : Math.max(start, ctx.market.historyStart(instrument, interval));
  const to = Math.min(
    end ?? ctx.now,
    ctx.now,
    first === null ? Infinity : first + limit * interval - 1,
  );
  const from = start ?? Math.floor(to / interval) * interval - (limit - 1) * interval;
  let candles = ctx.market.candles(instrument, interval, from, to, ctx.now);
  candles = start !== null ? candles.slice(0, limit) : candles.slice(-limit);
  return candles.map((c) => f.kline(c, interval, instrument, venue === 'futures'));
}

// ---- orders -------------------------------------------------------------------------------------

export function orderRequest(p: URLSearchParams): OrderRequest {
  const side = required(p, 'side');
  if (side !== 'BUY' && side !== 'SELL') throw venueErrors.invalidSide();
  const type = required(p, 'type');
  if (type !== 'LIMIT' && type !== 'MARKET' && type !== 'LIMIT_MAKER')
    throw venueErrors.invalidOrderType();
  const tif = str(p, 'timeInForce');
  if (tif !== null && !['GTC', 'IOC', 'FOK', 'GTX'].includes(tif))
    throw venueErrors.invalidTimeInForce();
  return {
    symbol: required(p, 'symbol'),
    side: side as Side,
    type: type as OrderType,
    timeInForce: tif as TimeInForce | null,
    quantity: num(p, 'quantity'),
    quoteOrderQty: num(p, 'quoteOrderQty'),
    price: num(p, 'price'),
    clientOrderId: str(p, 'newClientOrderId'),
    reduceOnly: str(p, 'reduceOnly') === 'true',
  };
}

export function placeOrder(ctx: RouteContext, venue: Venue): OrderRecord {
  const logged: OrderLogRequest = {
    account: ctx.accountId,
    venue,
    params: ctx.params,
    at: ctx.now,
    wallTime: ctx.wallNow,
  };
  // A throttled order never reaches the order desk, so it is not in the order log.
  if (ctx.faults.throttlesOrder()) {
    throw venueErrors.tooManyRequests(ctx.faults.faults.retryAfterSeconds);
  }
  try {
    const request = orderRequest(ctx.params);
    if (ctx.faults.rejectsOrder() || ctx.faults.rejectsOrderOn(venue, request.symbol)) {
      throw venueErrors.rejectedOrder();
    }
    const order =
      venue === 'spot'
        ? ctx.account.placeSpotOrder(request, ctx.now)
        : ctx.account.placeFuturesOrder(request, ctx.now);
    ctx.orderLog.accepted(logged, order);
    ctx.changed();
    if (ctx.faults.losesAnswer()) throw new AnswerLost();
    return order;
  } catch (error) {
    if (error instanceof VenueError) ctx.orderLog.refused(logged, error);
    throw error;
  }
}

export function orderIds(p: URLSearchParams): {
  orderId: number | null;
  clientOrderId: string | null;
} {
  const orderId = int(p, 'orderId');
  const clientOrderId = str(p, 'origClientOrderId');
  if (orderId === null && clientOrderId === null) throw venueErrors.mandatory('orderId');
  return { orderId, clientOrderId };
}

export function lookup(ctx: RouteContext, venue: Venue): OrderRecord {
  const instrument = instrumentOf(ctx, venue);
  const { orderId, clientOrderId } = orderIds(ctx.params);
  return ctx.account.findOrder(venue, instrument.symbol, orderId, clientOrderId);
}

export function cancel(ctx: RouteContext, venue: Venue): OrderRecord {
  const symbol = required(ctx.params, 'symbol');
  const { orderId, clientOrderId } = orderIds(ctx.params);
  const order = ctx.account.cancelOrder(venue, symbol, orderId, clientOrderId, ctx.now);
  ctx.orderLog.observe();
  ctx.changed();
  return order;
}

export function ordersOf(ctx: RouteContext, venue: Venue, openOnly: boolean): OrderRecord[] {
  const symbol = str(ctx.params, 'symbol');
  if (symbol !== null) instrumentOf(ctx, venue, symbol);
  if (openOnly) return ctx.account.openOrders(venue, symbol);
  if (symbol === null) throw venueErrors.mandatory('symbol');
  const limit = limitOf(ctx.params, 500, 1000);
  return ctx.account.state.orders
    .filter((o) => o.venue === venue && o.symbol === symbol)
    .slice(-limit);
}

// ---- weights ------------------------------------------------------------------------------------

export const w = (n: number) => () => n;
export const bySymbol = (one: number, all: number) => (p: URLSearchParams) =>
  p.has('symbol') ? one : all;

export function spotTickerWeight(p: URLSearchParams): number {
  if (p.has('symbol')) return 2;
  const symbols = p.get('symbols');
  if (symbols === null) return 80;
  const count = symbols.split(',').length;
  return count <= 20 ? 2 : count <= 100 ? 40 : 80;
}

export function depthWeight(futures: boolean) {
  return (p: URLSearchParams) => {
    const limit = Number(p.get('limit') ?? 100);
    if (futures) return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
  };
}

export function klineWeight(futures: boolean) {
  return (p: URLSearchParams) => {
    if (!futures) return 2;
    const limit = Number(p.get('limit') ?? 500);
    return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
  };
}
