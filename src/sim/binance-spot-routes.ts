// Binance spot's REST routes (/api/v3): market data, the account and its orders; and the wallet's
// (/sapi): system status, the account's spot commission rates and transfers between the spot and
// futures wallets.
import * as f from './binance-format';
import { venueErrors } from './venue-error';
import { SPOT_FEE } from './account-state';
import type { Route } from './binance-request';
import {
  answer,
  bySymbol,
  cancel,
  depthWeight,
  instrumentOf,
  klines,
  klineWeight,
  limitOf,
  lookup,
  num,
  orderRequest,
  ordersOf,
  placeOrder,
  required,
  selected,
  spotTickerWeight,
  str,
  w,
} from './binance-request';

/** A spot trading endpoint: refused to a key without spot trading. */
const trading = (route: Route): Route => ({ ...route, permission: 'spotTrading' });

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

export const SPOT_ROUTES: Route[] = [
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
  trading(
    spot('POST', 'order', w(1), true, (ctx) => {
      const order = placeOrder(ctx, 'spot');
      const type = order.type;
      const fallback = type === 'MARKET' || type === 'LIMIT' ? 'FULL' : 'ACK';
      return f.spotOrderAck(order, str(ctx.params, 'newOrderRespType') ?? fallback);
    }),
  ),
  trading(
    spot('POST', 'order/test', w(1), true, (ctx) => {
      const request = orderRequest(ctx.params);
      instrumentOf(ctx, 'spot', request.symbol);
      return {};
    }),
  ),
  spot('GET', 'order', w(4), true, (ctx) => f.spotOrder(lookup(ctx, 'spot'))),
  trading(
    spot('DELETE', 'order', w(1), true, (ctx) => {
      const order = cancel(ctx, 'spot');
      return f.spotCancel(order, str(ctx.params, 'newClientOrderId') ?? `cancel_${order.orderId}`);
    }),
  ),
  spot('GET', 'openOrders', bySymbol(6, 80), true, (ctx) =>
    ordersOf(ctx, 'spot', true).map(f.spotOrder),
  ),
  spot('GET', 'allOrders', w(20), true, (ctx) => ordersOf(ctx, 'spot', false).map(f.spotOrder)),
  spot('GET', 'myTrades', w(20), true, (ctx) => f.spotTrades(ordersOf(ctx, 'spot', false))),
];

export const WALLET_ROUTES: Route[] = [
  // wallet
  {
    method: 'GET',
    path: '/sapi/v1/asset/tradeFee',
    family: 'sapi',
    signed: true,
    weight: w(1),
    handle: (ctx) => {
      const one = str(ctx.params, 'symbol');
      const list = one ? [instrumentOf(ctx, 'spot', one)] : ctx.market.instruments(ctx.now, 'spot');
      return list.map((i) => ({
        symbol: i.symbol,
        makerCommission: f.fmt(SPOT_FEE, 8),
        takerCommission: f.fmt(SPOT_FEE, 8),
      }));
    },
  },
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
    permission: 'universalTransfer',
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
