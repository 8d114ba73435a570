// Binance USDⓈ-M futures' REST routes (/fapi): market data, funding history, the account, its
// orders, leverage, margin type, income and position risk.
import * as f from './binance-format';
import type { Json } from './binance-format';
import { venueErrors } from './venue-error';
import { HOUR_MS, DAY_MS } from '../shared/time';
import type { Route, RouteContext } from './binance-request';
import { MODE_ROUTES } from './binance-mode-routes';
import { FUTURES_MAKER_FEE, FUTURES_TAKER_FEE } from './account-state';
import {
  answer,
  bySymbol,
  cancel,
  depthWeight,
  instrumentOf,
  int,
  klines,
  klineWeight,
  limitOf,
  lookup,
  num,
  ordersOf,
  placeOrder,
  required,
  selected,
  str,
  w,
} from './binance-request';

/** A futures trading endpoint: refused to a key without futures trading. */
const trading = (route: Route): Route => ({ ...route, permission: 'futuresTrading' });

const fapi = (
  method: Route['method'],
  path: string,
  weight: Route['weight'],
  signed: boolean,
  handle: Route['handle'],
): Route => ({ method, path: `/fapi/${path}`, family: 'futures', signed, weight, handle });

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
    const pick = { limit, newest: start === null };
    for (const row of ctx.market.fundingHistory(perp.asset, from, to, pick)) {
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

export const FUTURES_ROUTES: Route[] = [
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
  trading(
    fapi('POST', 'v1/order', w(1), true, (ctx) =>
      f.futuresOrder(placeOrder(ctx, 'futures'), false),
    ),
  ),
  fapi('GET', 'v1/order', w(1), true, (ctx) => f.futuresOrder(lookup(ctx, 'futures'), true)),
  trading(
    fapi('DELETE', 'v1/order', w(1), true, (ctx) => f.futuresOrder(cancel(ctx, 'futures'), false)),
  ),
  fapi('GET', 'v1/openOrders', bySymbol(1, 40), true, (ctx) =>
    ordersOf(ctx, 'futures', true).map((o) => f.futuresOrder(o, true)),
  ),
  fapi('GET', 'v1/allOrders', w(5), true, (ctx) =>
    ordersOf(ctx, 'futures', false).map((o) => f.futuresOrder(o, true)),
  ),
  fapi('GET', 'v1/userTrades', w(5), true, (ctx) =>
    f.futuresTrades(ordersOf(ctx, 'futures', false)),
  ),
  trading(
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
  ),
  trading(
    fapi('POST', 'v1/marginType', w(1), true, (ctx) => {
      const instrument = instrumentOf(ctx, 'futures');
      const type = required(ctx.params, 'marginType');
      if (type !== 'ISOLATED' && type !== 'CROSSED') throw venueErrors.invalidValue('marginType');
      ctx.account.setMarginType(instrument.symbol, type, ctx.now);
      ctx.changed();
      return { code: 200, msg: 'success' };
    }),
  ),
  fapi('GET', 'v1/leverageBracket', w(1), true, (ctx) => {
    const symbol = str(ctx.params, 'symbol');
    const symbols = symbol
      ? [instrumentOf(ctx, 'futures', symbol).symbol]
      : ctx.market.instruments(ctx.now, 'futures').map((i) => i.symbol);
    return f.leverageBrackets(symbols);
  }),
  fapi('GET', 'v1/commissionRate', w(20), true, (ctx) => ({
    symbol: instrumentOf(ctx, 'futures').symbol,
    makerCommissionRate: f.fmt(FUTURES_MAKER_FEE, 8),
    takerCommissionRate: f.fmt(FUTURES_TAKER_FEE, 8),
  })),
  ...MODE_ROUTES,
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
];
