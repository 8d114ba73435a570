// The REST endpoints of binance spot (/api/v3), USDⓈ-M futures (/fapi) and the wallet transfer
// (/sapi), with binance's parameters, request weights, signing requirements and answers.
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
import type { Instrument, Market } from './market';
import type { ApiFamily, RequestPool } from './rate-limiter';
import { venueErrors, VenueError } from './venue-error';
import { MINUTE_MS, HOUR_MS, DAY_MS } from '../shared/time';

export interface RouteContext {
  market: Market;
  account: Account;
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
  weight(params: URLSearchParams): number;
  handle(ctx: RouteContext): Json;
}

// ---- parameters ---------------------------------------------------------------------------------

function str(p: URLSearchParams, name: string): string | null {
  const v = p.get(name);
  return v === null || v === '' ? null : v;
}

function required(p: URLSearchParams, name: string): string {
  const v = str(p, name);
  if (v === null) throw venueErrors.mandatory(name);
  return v;
}

function num(p: URLSearchParams, name: string): number | null {
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

function int(p: URLSearchParams, name: string): number | null {
  const v = num(p, name);
  if (v !== null && !Number.isInteger(v)) throw venueErrors.invalidValue(name);
  return v;
}

function limitOf(p: URLSearchParams, fallback: number, max: number): number {
  const v = int(p, 'limit');
  if (v === null) return fallback;
  if (v <= 0) throw venueErrors.invalidValue('limit');
  return Math.min(v, max);
}

function symbolsParam(p: URLSearchParams): string[] | null {
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

function instrumentOf(ctx: RouteContext, venue: 'spot' | 'futures', symbol?: string): Instrument {
  const id = symbol ?? required(ctx.params, 'symbol');
  const instrument = ctx.market.instrument(id, ctx.now, venue);
  if (!instrument) throw venueErrors.invalidSymbol();
  return instrument;
}

/** The instruments a ticker-style request names: `symbol`, `symbols`, or all of the venue's. */
function selected(
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

function answer(list: Json[], single: boolean): Json {
  return single ? list[0]! : list;
}

const INTERVALS: Record<string, number> = {
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

function klines(ctx: RouteContext, venue: 'spot' | 'futures'): Json {
  const instrument = instrumentOf(ctx, venue);
  const interval = INTERVALS[required(ctx.params, 'interval')];
  if (interval === undefined) throw venueErrors.invalidInterval();
  const limit = limitOf(ctx.params, 500, venue === 'spot' ? 1000 : 1500);
  const start = int(ctx.params, 'startTime');
  const end = int(ctx.params, 'endTime');
  if (start !== null && end !== null && start > end) throw venueErrors.startAfterEnd();
  const to = Math.min(end ?? ctx.now, ctx.now);
  const from = start ?? Math.floor(to / interval) * interval - (limit - 1) * interval;
  let candles = ctx.market.candles(instrument, interval, from, to, ctx.now);
  candles = start !== null ? candles.slice(0, limit) : candles.slice(-limit);
  return candles.map((c) => f.kline(c, interval, instrument, venue === 'futures'));
}

function fundingHistory(ctx: RouteContext): Json {
  const p = ctx.params;
  const limit = limitOf(p, 100, 1000);
  const start = int(p, 'startTime');
  const end = int(p, 'endTime');
  if (start !== null && end !== null && start > end) throw venueErrors.startAfterEnd();
  const symbol = str(p, 'symbol');
  const perps = symbol
    ? [instrumentOf(ctx, 'futures', symbol)]
    : ctx.market.instruments(ctx.now, 'futures').filter((i) => i.kind === 'perp');
  const to = Math.min(end ?? ctx.now, ctx.now);
  const rows: { symbol: string; at: number; rate: number; mark: number }[] = [];
  for (const perp of perps) {
    if (perp.kind !== 'perp') continue;
    const hours = ctx.market.fundingIntervalHours(perp.asset, ctx.now);
    const from = start ?? to - (limit + 1) * hours * HOUR_MS;
    for (const row of ctx.market.fundingHistory(perp.asset, from, to)) {
      rows.push({
        symbol: perp.symbol,
        at: row.at,
        rate: row.rate,
        mark: ctx.market.price(perp, row.at),
      });
    }
  }
  rows.sort((a, b) => a.at - b.at);
  const picked = start !== null ? rows.slice(0, limit) : rows.slice(-limit);
  return picked.map((r) => ({
    symbol: r.symbol,
    fundingTime: r.at,
    fundingRate: f.fmt(r.rate, 8),
    markPrice: f.fmt(r.mark, 8),
  }));
}

// ---- orders -------------------------------------------------------------------------------------

function orderRequest(p: URLSearchParams): OrderRequest {
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

function placeOrder(ctx: RouteContext, venue: Venue): OrderRecord {
  const request = orderRequest(ctx.params);
  if (ctx.faults.rejectsOrder()) throw venueErrors.rejectedOrder();
  const order =
    venue === 'spot'
      ? ctx.account.placeSpotOrder(request, ctx.now)
      : ctx.account.placeFuturesOrder(request, ctx.now);
  ctx.changed();
  return order;
}

function orderIds(p: URLSearchParams): { orderId: number | null; clientOrderId: string | null } {
  const orderId = int(p, 'orderId');
  const clientOrderId = str(p, 'origClientOrderId');
  if (orderId === null && clientOrderId === null) throw venueErrors.mandatory('orderId');
  return { orderId, clientOrderId };
}

function lookup(ctx: RouteContext, venue: Venue): OrderRecord {
  const instrument = instrumentOf(ctx, venue);
  const { orderId, clientOrderId } = orderIds(ctx.params);
  return ctx.account.findOrder(venue, instrument.symbol, orderId, clientOrderId);
}

function cancel(ctx: RouteContext, venue: Venue): OrderRecord {
  const symbol = required(ctx.params, 'symbol');
  const { orderId, clientOrderId } = orderIds(ctx.params);
  const order = ctx.account.cancelOrder(venue, symbol, orderId, clientOrderId, ctx.now);
  ctx.changed();
  return order;
}

function ordersOf(ctx: RouteContext, venue: Venue, openOnly: boolean): OrderRecord[] {
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

const w = (n: number) => () => n;
const bySymbol = (one: number, all: number) => (p: URLSearchParams) =>
  p.has('symbol') ? one : all;

function spotTickerWeight(p: URLSearchParams): number {
  if (p.has('symbol')) return 2;
  const symbols = p.get('symbols');
  if (symbols === null) return 80;
  const count = symbols.split(',').length;
  return count <= 20 ? 2 : count <= 100 ? 40 : 80;
}

function depthWeight(futures: boolean) {
  return (p: URLSearchParams) => {
    const limit = Number(p.get('limit') ?? 100);
    if (futures) return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
  };
}

function klineWeight(futures: boolean) {
  return (p: URLSearchParams) => {
    if (!futures) return 2;
    const limit = Number(p.get('limit') ?? 500);
    return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
  };
}

// ---- the table ----------------------------------------------------------------------------------

const spot = (
  method: Route['method'],
  path: string,
  weight: Route['weight'],
  signed: boolean,
  handle: Route['handle'],
): Route => ({
  method,
  path: `/api/v3/${path}`,
  family: 'spot',
  signed,
  weight,
  handle,
});

const fapi = (
  method: Route['method'],
  path: string,
  weight: Route['weight'],
  signed: boolean,
  handle: Route['handle'],
): Route => ({ method, path: `/fapi/${path}`, family: 'futures', signed, weight, handle });

function positionRisks(ctx: RouteContext, version: 2 | 3): Json {
  const symbol = str(ctx.params, 'symbol');
  if (symbol !== null) instrumentOf(ctx, 'futures', symbol);
  const risk = ctx.account.futuresRisk(ctx.now);
  if (version === 3) {
    return risk.positions
      .filter((p) => symbol === null || p.position.symbol === symbol)
      .map(f.positionRiskV3);
  }
  const instruments = ctx.market
    .instruments(ctx.now, 'futures')
    .filter((i) => symbol === null || i.symbol === symbol);
  for (const p of risk.positions) {
    if (!instruments.some((i) => i.symbol === p.position.symbol)) instruments.push(p.instrument);
  }
  return instruments.map((i) =>
    f.positionRiskV2(
      risk.positions.find((p) => p.position.symbol === i.symbol) ?? null,
      i,
      ctx.account.leverageOf(i.symbol),
      ctx.account.state.marginType[i.symbol] === 'ISOLATED',
    ),
  );
}

export const ROUTES: Route[] = [
  // spot market data
  spot('GET', 'ping', w(1), false, () => ({})),
  spot('GET', 'time', w(1), false, (ctx) => ({ serverTime: ctx.wallNow })),
  spot('GET', 'exchangeInfo', w(20), false, (ctx) => ({
    timezone: 'UTC',
    serverTime: ctx.wallNow,
    rateLimits: f.SPOT_RATE_LIMITS,
    exchangeFilters: [],
    symbols: selected(ctx, 'spot').list.map(f.spotSymbolInfo),
  })),
  spot('GET', 'depth', depthWeight(false), false, (ctx) =>
    f.depth(ctx.market, instrumentOf(ctx, 'spot'), ctx.now, limitOf(ctx.params, 100, 5000), false),
  ),
  spot('GET', 'klines', klineWeight(false), false, (ctx) => klines(ctx, 'spot')),
  spot('GET', 'ticker/24hr', spotTickerWeight, false, (ctx) => {
    const { list, single } = selected(ctx, 'spot');
    return answer(
      list.map((i) => f.spotTicker24h(ctx.market, i, ctx.now)),
      single,
    );
  }),
  spot('GET', 'ticker/bookTicker', bySymbol(2, 4), false, (ctx) => {
    const { list, single } = selected(ctx, 'spot');
    return answer(
      list.map((i) => f.bookTicker(ctx.market, i, ctx.now, false)),
      single,
    );
  }),
  spot('GET', 'ticker/price', bySymbol(2, 4), false, (ctx) => {
    const { list, single } = selected(ctx, 'spot');
    return answer(
      list.map((i) => f.priceTicker(ctx.market, i, ctx.now, false)),
      single,
    );
  }),
  // spot account
  spot('GET', 'account', w(20), true, (ctx) =>
    f.spotAccount(ctx.account.state, ctx.now, str(ctx.params, 'omitZeroBalances') === 'true'),
  ),
  spot('POST', 'order', w(1), true, (ctx) => {
    const order = placeOrder(ctx, 'spot');
    const type = order.type;
    const fallback = type === 'MARKET' || type === 'LIMIT' ? 'FULL' : 'ACK';
    return f.spotOrderAck(order, str(ctx.params, 'newOrderRespType') ?? fallback);
  }),
  spot('POST', 'order/test', w(1), true, (ctx) => {
    const request = orderRequest(ctx.params);
    instrumentOf(ctx, 'spot', request.symbol);
    return {};
  }),
  spot('GET', 'order', w(4), true, (ctx) => f.spotOrder(lookup(ctx, 'spot'))),
  spot('DELETE', 'order', w(1), true, (ctx) => {
    const order = cancel(ctx, 'spot');
    return f.spotCancel(order, str(ctx.params, 'newClientOrderId') ?? `cancel_${order.orderId}`);
  }),
  spot('GET', 'openOrders', bySymbol(6, 80), true, (ctx) =>
    ordersOf(ctx, 'spot', true).map(f.spotOrder),
  ),
  spot('GET', 'allOrders', w(20), true, (ctx) => ordersOf(ctx, 'spot', false).map(f.spotOrder)),
  spot('GET', 'myTrades', w(20), true, (ctx) => f.spotTrades(ordersOf(ctx, 'spot', false))),

  // futures market data
  fapi('GET', 'v1/ping', w(1), false, () => ({})),
  fapi('GET', 'v1/time', w(1), false, (ctx) => ({ serverTime: ctx.wallNow })),
  fapi('GET', 'v1/exchangeInfo', w(1), false, (ctx) => {
    // A contract only announced in the quotes is not in the listing yet.
    const listed = ctx.market
      .instruments(ctx.now, 'futures')
      .filter((i) => i.listing !== 'quoted-only');
    return {
      timezone: 'UTC',
      serverTime: ctx.wallNow,
      futuresType: 'U_MARGINED',
      rateLimits: f.FUTURES_RATE_LIMITS,
      exchangeFilters: [],
      assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
      symbols: listed.map((i) => f.futuresSymbolInfo(i, ctx.market.path(i.asset).start)),
    };
  }),
  fapi('GET', 'v1/depth', depthWeight(true), false, (ctx) =>
    f.depth(
      ctx.market,
      instrumentOf(ctx, 'futures'),
      ctx.now,
      limitOf(ctx.params, 500, 1000),
      true,
    ),
  ),
  fapi('GET', 'v1/klines', klineWeight(true), false, (ctx) => klines(ctx, 'futures')),
  fapi('GET', 'v1/ticker/24hr', bySymbol(1, 40), false, (ctx) => {
    const { list, single } = selected(ctx, 'futures');
    return answer(
      list.map((i) => f.futuresTicker24h(ctx.market, i, ctx.now)),
      single,
    );
  }),
  fapi('GET', 'v1/ticker/bookTicker', bySymbol(2, 5), false, (ctx) => {
    const { list, single } = selected(ctx, 'futures');
    return answer(
      list.map((i) => f.bookTicker(ctx.market, i, ctx.now, true)),
      single,
    );
  }),
  fapi('GET', 'v1/ticker/price', bySymbol(1, 2), false, (ctx) => {
    const { list, single } = selected(ctx, 'futures');
    return answer(
      list.map((i) => f.priceTicker(ctx.market, i, ctx.now, true)),
      single,
    );
  }),
  fapi('GET', 'v2/ticker/price', bySymbol(1, 2), false, (ctx) => {
    const { list, single } = selected(ctx, 'futures');
    return answer(
      list.map((i) => f.priceTicker(ctx.market, i, ctx.now, true)),
      single,
    );
  }),
  fapi('GET', 'v1/premiumIndex', bySymbol(1, 10), false, (ctx) => {
    const { list, single } = selected(ctx, 'futures');
    return answer(
      list.map((i) => f.premiumIndex(ctx.market, i, ctx.now)),
      single,
    );
  }),
  { ...fapi('GET', 'v1/fundingRate', w(1), false, fundingHistory), pool: 'funding' },
  {
    ...fapi('GET', 'v1/fundingInfo', w(1), false, (ctx) =>
      ctx.market
        .instruments(ctx.now, 'futures')
        .filter((i) => i.kind === 'perp' && ctx.market.fundingIntervalHours(i.asset, ctx.now) !== 8)
        .map((i) => f.fundingInfo(i, ctx.market.fundingIntervalHours(i.asset, ctx.now))),
    ),
    pool: 'funding',
  },

  // futures account
  fapi('POST', 'v1/order', w(1), true, (ctx) => f.futuresOrder(placeOrder(ctx, 'futures'), false)),
  fapi('GET', 'v1/order', w(1), true, (ctx) => f.futuresOrder(lookup(ctx, 'futures'), true)),
  fapi('DELETE', 'v1/order', w(1), true, (ctx) => f.futuresOrder(cancel(ctx, 'futures'), false)),
  fapi('GET', 'v1/openOrders', bySymbol(1, 40), true, (ctx) =>
    ordersOf(ctx, 'futures', true).map((o) => f.futuresOrder(o, true)),
  ),
  fapi('GET', 'v1/allOrders', w(5), true, (ctx) =>
    ordersOf(ctx, 'futures', false).map((o) => f.futuresOrder(o, true)),
  ),
  fapi('GET', 'v1/userTrades', w(5), true, (ctx) =>
    f.futuresTrades(ordersOf(ctx, 'futures', false)),
  ),
  fapi('POST', 'v1/leverage', w(1), true, (ctx) => {
    const instrument = instrumentOf(ctx, 'futures');
    const leverage = num(ctx.params, 'leverage');
    if (leverage === null) throw venueErrors.mandatory('leverage');
    const result = ctx.account.setLeverage(instrument.symbol, leverage, ctx.now);
    ctx.changed();
    return {
      leverage: result.leverage,
      maxNotionalValue: String(result.maxNotionalValue),
      symbol: instrument.symbol,
    };
  }),
  fapi('POST', 'v1/marginType', w(1), true, (ctx) => {
    const instrument = instrumentOf(ctx, 'futures');
    const type = required(ctx.params, 'marginType');
    if (type !== 'ISOLATED' && type !== 'CROSSED') throw venueErrors.invalidValue('marginType');
    ctx.account.setMarginType(instrument.symbol, type, ctx.now);
    ctx.changed();
    return { code: 200, msg: 'success' };
  }),
  fapi('GET', 'v1/leverageBracket', w(1), true, (ctx) => {
    const symbol = str(ctx.params, 'symbol');
    const symbols = symbol
      ? [instrumentOf(ctx, 'futures', symbol).symbol]
      : ctx.market.instruments(ctx.now, 'futures').map((i) => i.symbol);
    return f.leverageBrackets(symbols);
  }),
  fapi('GET', 'v1/positionSide/dual', w(30), true, () => ({ dualSidePosition: false })),
  fapi('GET', 'v1/income', w(30), true, (ctx) => {
    const p = ctx.params;
    const symbol = str(p, 'symbol');
    const type = str(p, 'incomeType');
    const start = int(p, 'startTime') ?? ctx.now - 7 * DAY_MS;
    const end = int(p, 'endTime') ?? ctx.now;
    const limit = limitOf(p, 100, 1000);
    const all = f.incomeRecords(ctx.account.state) as {
      symbol: string;
      incomeType: string;
      time: number;
    }[];
    return all
      .filter(
        (r) => (symbol === null || r.symbol === symbol) && (type === null || r.incomeType === type),
      )
      .filter((r) => r.time >= start && r.time <= end)
      .slice(0, limit) as unknown as Json;
  }),
  fapi('GET', 'v2/account', w(5), true, (ctx) =>
    f.futuresAccount(ctx.account.futuresRisk(ctx.now), ctx.now, 2),
  ),
  fapi('GET', 'v3/account', w(5), true, (ctx) =>
    f.futuresAccount(ctx.account.futuresRisk(ctx.now), ctx.now, 3),
  ),
  fapi('GET', 'v2/balance', w(5), true, (ctx) =>
    f.futuresBalance(ctx.account.futuresRisk(ctx.now), ctx.now),
  ),
  fapi('GET', 'v3/balance', w(5), true, (ctx) =>
    f.futuresBalance(ctx.account.futuresRisk(ctx.now), ctx.now),
  ),
  fapi('GET', 'v2/positionRisk', w(5), true, (ctx) => positionRisks(ctx, 2)),
  fapi('GET', 'v3/positionRisk', w(5), true, (ctx) => positionRisks(ctx, 3)),

  // wallet
  {
    method: 'GET',
    path: '/sapi/v1/system/status',
    family: 'sapi',
    signed: false,
    weight: w(1),
    handle: () => ({ status: 0, msg: 'normal' }),
  },
  {
    method: 'POST',
    path: '/sapi/v1/asset/transfer',
    family: 'sapi',
    signed: true,
    weight: w(1),
    handle: (ctx) => {
      const type = required(ctx.params, 'type');
      if (type !== 'MAIN_UMFUTURE' && type !== 'UMFUTURE_MAIN')
        throw venueErrors.invalidValue('type');
      const amount = num(ctx.params, 'amount');
      if (amount === null || amount <= 0) throw venueErrors.invalidValue('amount');
      const tranId = ctx.account.transfer(type, required(ctx.params, 'asset'), amount, ctx.now);
      ctx.changed();
      return { tranId };
    },
  },
];

const BY_KEY = new Map(ROUTES.map((r) => [`${r.method} ${r.path}`, r]));

export function findRoute(method: string, path: string): Route | undefined {
  return BY_KEY.get(`${method} ${path}`);
}
