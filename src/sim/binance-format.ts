// Binance's JSON shapes, field for field as its REST API returns them (numbers as fixed-decimal
// strings, times as integers), for the market data and account records of the simulator.
import type { AccountState, FuturesRisk, OrderRecord, PositionRisk } from './account';
import { LEVERAGE_BRACKETS } from './account';
import { decimalsOf, QUOTE } from './asset-catalog';
import { DAY_MS, PERPETUAL_DELIVERY_DATE } from './calendar';
import { interestRate } from './funding';
import { roundTo, type Candle, type Instrument, type Market } from './market';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A fixed-decimal string as binance writes numbers; never "-0.00". */
export function fmt(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

const priceDp = (i: Instrument) => decimalsOf(i.tick);
const qtyDp = (i: Instrument) => decimalsOf(i.step);

export const SPOT_RATE_LIMITS: Json = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
  { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
];

export const FUTURES_RATE_LIMITS: Json = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
  { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
];

export function spotSymbolInfo(i: Instrument): Json {
  return {
    symbol: i.symbol,
    status: 'TRADING',
    baseAsset: i.asset,
    baseAssetPrecision: 8,
    quoteAsset: QUOTE,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: [
      'LIMIT',
      'LIMIT_MAKER',
      'MARKET',
      'STOP_LOSS',
      'STOP_LOSS_LIMIT',
      'TAKE_PROFIT',
      'TAKE_PROFIT_LIMIT',
    ],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    amendAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      {
        filterType: 'PRICE_FILTER',
        minPrice: fmt(i.tick, 8),
        maxPrice: fmt(i.spec.basePrice * 1000, 8),
        tickSize: fmt(i.tick, 8),
      },
      {
        filterType: 'LOT_SIZE',
        minQty: fmt(i.minQty, 8),
        maxQty: fmt(9_000_000 / i.spec.basePrice, 8),
        stepSize: fmt(i.step, 8),
      },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      {
        filterType: 'MARKET_LOT_SIZE',
        minQty: fmt(0, 8),
        maxQty: fmt(2_000_000 / i.spec.basePrice, 8),
        stepSize: fmt(0, 8),
      },
      {
        filterType: 'TRAILING_DELTA',
        minTrailingAboveDelta: 10,
        maxTrailingAboveDelta: 2000,
        minTrailingBelowDelta: 10,
        maxTrailingBelowDelta: 2000,
      },
      {
        filterType: 'PERCENT_PRICE_BY_SIDE',
        bidMultiplierUp: '5',
        bidMultiplierDown: '0.2',
        askMultiplierUp: '5',
        askMultiplierDown: '0.2',
        avgPriceMins: 5,
      },
      {
        filterType: 'NOTIONAL',
        minNotional: fmt(i.minNotional, 8),
        applyMinToMarket: true,
        maxNotional: fmt(9_000_000, 8),
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT'],
  };
}

export function futuresSymbolInfo(i: Instrument, onboardDate: number): Json {
  const p = priceDp(i);
  const q = qtyDp(i);
  return {
    symbol: i.symbol,
    pair: `${i.base}${QUOTE}`,
    contractType: i.contractType ?? 'PERPETUAL',
    deliveryDate: i.expiry ?? PERPETUAL_DELIVERY_DATE,
    onboardDate: i.expiry === null ? onboardDate : i.expiry - 180 * DAY_MS,
    status: i.listing === 'pending' ? 'PENDING_TRADING' : 'TRADING',
    maintMarginPercent: '2.5000',
    requiredMarginPercent: '5.0000',
    baseAsset: i.base,
    quoteAsset: QUOTE,
    marginAsset: QUOTE,
    pricePrecision: p,
    quantityPrecision: q,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: 'COIN',
    underlyingSubType: [],
    settlePlan: 0,
    triggerProtect: '0.0500',
    liquidationFee: '0.012500',
    marketTakeBound: '0.05',
    maxMoveOrderLimit: 10000,
    filters: [
      {
        filterType: 'PRICE_FILTER',
        minPrice: fmt(i.tick, p),
        maxPrice: fmt(i.spec.basePrice * 1000, p),
        tickSize: fmt(i.tick, p),
      },
      {
        filterType: 'LOT_SIZE',
        minQty: fmt(i.minQty, q),
        maxQty: fmt(9_000_000 / i.spec.basePrice, q),
        stepSize: fmt(i.step, q),
      },
      {
        filterType: 'MARKET_LOT_SIZE',
        minQty: fmt(i.minQty, q),
        maxQty: fmt(2_000_000 / i.spec.basePrice, q),
        stepSize: fmt(i.step, q),
      },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
      { filterType: 'MIN_NOTIONAL', notional: String(i.minNotional) },
      {
        filterType: 'PERCENT_PRICE',
        multiplierUp: '1.0500',
        multiplierDown: '0.9500',
        multiplierDecimal: '4',
      },
    ],
    orderTypes: [
      'LIMIT',
      'MARKET',
      'STOP',
      'STOP_MARKET',
      'TAKE_PROFIT',
      'TAKE_PROFIT_MARKET',
      'TRAILING_STOP_MARKET',
    ],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
    permissionSets: ['GRID', 'COPY'],
  };
}

export function spotTicker24h(market: Market, i: Instrument, now: number): Json {
  const c = market.rangeCandle(i, now - DAY_MS, now);
  const book = market.book(i, now, 1);
  const last = market.lastPrice(i, now);
  const p = 8;
  const stats = tickerStats(c, last, i);
  return {
    symbol: i.symbol,
    ...dayChange(c, last, stats.open, p),
    prevClosePrice: fmt(stats.open, p),
    lastPrice: fmt(last, p),
    lastQty: fmt(i.step * 10, 8),
    bidPrice: fmt(book.bids[0]!.price, p),
    bidQty: fmt(book.bids[0]!.qty, 8),
    askPrice: fmt(book.asks[0]!.price, p),
    askQty: fmt(book.asks[0]!.qty, 8),
    openPrice: fmt(stats.open, p),
    highPrice: fmt(stats.high, p),
    lowPrice: fmt(stats.low, p),
    volume: fmt(c.volume, 8),
    quoteVolume: fmt(c.quoteVolume, 8),
    openTime: now - DAY_MS,
    closeTime: now,
    firstId: stats.firstId,
    lastId: stats.firstId + c.trades - 1,
    count: c.trades,
  };
}

export function futuresTicker24h(market: Market, i: Instrument, now: number): Json {
  const c = market.rangeCandle(i, now - DAY_MS, now);
  const last = market.lastPrice(i, now);
  const p = priceDp(i);
  const stats = tickerStats(c, last, i);
  return {
    symbol: i.symbol,
    ...dayChange(c, last, stats.open, p),
    lastPrice: fmt(last, p),
    lastQty: fmt(i.step, qtyDp(i)),
    openPrice: fmt(stats.open, p),
    highPrice: fmt(stats.high, p),
    lowPrice: fmt(stats.low, p),
    volume: fmt(c.volume, qtyDp(i)),
    quoteVolume: fmt(c.quoteVolume, 2),
    openTime: now - DAY_MS,
    closeTime: now,
    firstId: stats.firstId,
    lastId: stats.firstId + c.trades - 1,
    count: c.trades,
  };
}

/** The day's change and average price, with which both 24 h tickers open. */
function dayChange(c: Candle, last: number, open: number, p: number): { [key: string]: Json } {
  return {
    priceChange: fmt(last - open, p),
    priceChangePercent: fmt(((last - open) / open) * 100, 3),
    weightedAvgPrice: fmt(c.quoteVolume / c.volume, p),
  };
}

function tickerStats(
  c: Candle,
  last: number,
  i: Instrument,
): { open: number; high: number; low: number; firstId: number } {
  return {
    open: roundTo(c.open, i.tick),
    high: roundTo(Math.max(c.high, last), i.tick),
    low: roundTo(Math.min(c.low, last), i.tick),
    firstId: (Math.floor(c.openTime / 1000) % 1_000_000_000) + (i.kind === 'spot' ? 0 : 7),
  };
}

export function bookTicker(market: Market, i: Instrument, now: number, futures: boolean): Json {
  const book = market.book(i, now, 1);
  const p = futures ? priceDp(i) : 8;
  const q = futures ? qtyDp(i) : 8;
  const base: { [key: string]: Json } = {
    symbol: i.symbol,
    bidPrice: fmt(book.bids[0]!.price, p),
    bidQty: fmt(book.bids[0]!.qty, q),
    askPrice: fmt(book.asks[0]!.price, p),
    askQty: fmt(book.asks[0]!.qty, q),
  };
  if (futures) {
    base.time = now;
    base.lastUpdateId = market.updateId(i.symbol, now);
  }
  return base;
}

export function priceTicker(market: Market, i: Instrument, now: number, futures: boolean): Json {
  const price = fmt(market.lastPrice(i, now), futures ? priceDp(i) : 8);
  return futures ? { symbol: i.symbol, price, time: now } : { symbol: i.symbol, price };
}

export function premiumIndex(market: Market, i: Instrument, now: number): Json {
  const index = market.indexPrice(i, now);
  const mark = market.price(i, now);
  if (i.kind === 'perp') {
    const hours = market.fundingIntervalHours(i.asset, now);
    return {
      symbol: i.symbol,
      markPrice: fmt(mark, 8),
      indexPrice: fmt(index, 8),
      estimatedSettlePrice: fmt(index, 8),
      lastFundingRate: fmt(market.predictedFundingRate(i.asset, now), 8),
      interestRate: fmt(interestRate(hours), 8),
      nextFundingTime: market.nextFundingTime(i.asset, now),
      time: now,
    };
  }
  return {
    symbol: i.symbol,
    markPrice: fmt(mark, 8),
    indexPrice: fmt(index, 8),
    estimatedSettlePrice: fmt(index, 8),
    lastFundingRate: '',
    interestRate: '',
    nextFundingTime: 0,
    time: now,
  };
}

export function fundingInfo(i: Instrument, hours: number): Json {
  return {
    symbol: i.symbol,
    adjustedFundingRateCap: fmt(i.spec.fundingCap, 8),
    adjustedFundingRateFloor: fmt(-i.spec.fundingCap, 8),
    fundingIntervalHours: hours,
    disclaimer: false,
  };
}

export function depth(
  market: Market,
  i: Instrument,
  now: number,
  limit: number,
  futures: boolean,
): Json {
  const book = market.book(i, now, limit);
  const p = futures ? priceDp(i) : 8;
  const q = futures ? qtyDp(i) : 8;
  const side = (levels: { price: number; qty: number }[]) =>
    levels.map((l) => [fmt(l.price, p), fmt(l.qty, q)]);
  const body: { [key: string]: Json } = { lastUpdateId: market.updateId(i.symbol, now) };
  if (futures) {
    body.E = now;
    body.T = now;
  }
  body.bids = side(book.bids);
  body.asks = side(book.asks);
  return body;
}

export function kline(c: Candle, intervalMs: number, i: Instrument, futures: boolean): Json {
  const p = futures ? priceDp(i) : 8;
  const q = futures ? qtyDp(i) : 8;
  const price = (v: number) => fmt(roundTo(v, i.tick), p);
  const takerShare = 0.5;
  return [
    c.openTime,
    price(c.open),
    price(c.high),
    price(c.low),
    price(c.close),
    fmt(c.volume, q),
    c.openTime + intervalMs - 1,
    fmt(c.quoteVolume, futures ? 4 : 8),
    c.trades,
    fmt(c.volume * takerShare, q),
    fmt(c.quoteVolume * takerShare, futures ? 4 : 8),
    '0',
  ];
}

// ---- orders -------------------------------------------------------------------------------------

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

// ---- accounts -----------------------------------------------------------------------------------

export function spotAccount(state: AccountState, now: number, omitZero: boolean): Json {
  const balances = Object.entries(state.spot)
    .filter(([asset, b]) => !omitZero || b.free > 0 || b.locked > 0 || asset === QUOTE)
    .map(([asset, b]) => ({ asset, free: fmt(b.free, 8), locked: fmt(b.locked, 8) }));
  return {
    makerCommission: 10,
    takerCommission: 10,
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: {
      maker: '0.00100000',
      taker: '0.00100000',
      buyer: '0.00000000',
      seller: '0.00000000',
    },
    canTrade: true,
    canWithdraw: false,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: now,
    accountType: 'SPOT',
    balances,
    permissions: ['SPOT'],
    uid: 354937868,
  };
}

function money(x: number): string {
  return fmt(x, 8);
}

export function futuresAccount(risk: FuturesRisk, now: number, version: 2 | 3): Json {
  const asset: { [key: string]: Json } = {
    asset: QUOTE,
    walletBalance: money(risk.wallet),
    unrealizedProfit: money(risk.unrealizedPnl),
    marginBalance: money(risk.marginBalance),
    maintMargin: money(risk.maintMargin),
    initialMargin: money(risk.positionInitialMargin + risk.openOrderInitialMargin),
    positionInitialMargin: money(risk.positionInitialMargin),
    openOrderInitialMargin: money(risk.openOrderInitialMargin),
    crossWalletBalance: money(risk.wallet),
    crossUnPnl: money(risk.crossUnrealizedPnl),
    availableBalance: money(risk.available),
    maxWithdrawAmount: money(risk.maxWithdraw),
    updateTime: now,
  };
  if (version === 2) asset.marginAvailable = true;
  const totals = {
    totalInitialMargin: money(risk.positionInitialMargin + risk.openOrderInitialMargin),
    totalMaintMargin: money(risk.maintMargin),
    totalWalletBalance: money(risk.wallet),
    totalUnrealizedProfit: money(risk.unrealizedPnl),
    totalMarginBalance: money(risk.marginBalance),
    totalPositionInitialMargin: money(risk.positionInitialMargin),
    totalOpenOrderInitialMargin: money(risk.openOrderInitialMargin),
    totalCrossWalletBalance: money(risk.wallet),
    totalCrossUnPnl: money(risk.crossUnrealizedPnl),
    availableBalance: money(risk.available),
    maxWithdrawAmount: money(risk.maxWithdraw),
  };
  const positions = risk.positions.map((p): Json =>
    version === 3
      ? {
          symbol: p.position.symbol,
          positionSide: 'BOTH',
          positionAmt: fmt(p.position.amount, decimalsOf(p.instrument.step)),
          unrealizedProfit: money(p.unrealizedPnl),
          isolatedMargin: money(p.isolated ? p.position.isolatedWallet + p.unrealizedPnl : 0),
          notional: money(p.notional),
          isolatedWallet: money(p.position.isolatedWallet),
          initialMargin: money(p.initialMargin),
          maintMargin: money(p.maintMargin),
          updateTime: p.position.updateTime,
        }
      : {
          symbol: p.position.symbol,
          initialMargin: money(p.initialMargin),
          maintMargin: money(p.maintMargin),
          unrealizedProfit: money(p.unrealizedPnl),
          positionInitialMargin: money(p.initialMargin),
          openOrderInitialMargin: '0',
          leverage: String(p.leverage),
          isolated: p.isolated,
          entryPrice: fmt(p.position.entryPrice, 8),
          breakEvenPrice: fmt(p.breakEvenPrice, 8),
          maxNotional: String(
            LEVERAGE_BRACKETS.filter((b) => b.initialLeverage >= p.leverage).at(-1)!.notionalCap,
          ),
          bidNotional: '0',
          askNotional: '0',
          positionSide: 'BOTH',
          positionAmt: fmt(p.position.amount, decimalsOf(p.instrument.step)),
          updateTime: p.position.updateTime,
        },
  );
  const head: { [key: string]: Json } =
    version === 2
      ? {
          feeTier: 0,
          feeBurn: false,
          canTrade: true,
          canDeposit: true,
          canWithdraw: false,
          updateTime: 0,
          multiAssetsMargin: false,
          tradeGroupId: -1,
        }
      : {};
  return { ...head, ...totals, assets: [asset], positions };
}

export function futuresBalance(risk: FuturesRisk, now: number): Json {
  return [
    {
      accountAlias: 'SgsR',
      asset: QUOTE,
      balance: money(risk.wallet),
      crossWalletBalance: money(risk.wallet),
      crossUnPnl: money(risk.crossUnrealizedPnl),
      availableBalance: money(risk.available),
      maxWithdrawAmount: money(risk.maxWithdraw),
      marginAvailable: true,
      updateTime: now,
    },
  ];
}

export function positionRiskV2(
  p: PositionRisk | null,
  i: Instrument,
  leverage: number,
  isolated: boolean,
): Json {
  const q = decimalsOf(i.step);
  const maxNotional = LEVERAGE_BRACKETS.filter((b) => b.initialLeverage >= leverage).at(
    -1,
  )!.notionalCap;
  return {
    symbol: i.symbol,
    positionAmt: fmt(p?.position.amount ?? 0, q),
    entryPrice: fmt(p?.position.entryPrice ?? 0, 8),
    breakEvenPrice: fmt(p?.breakEvenPrice ?? 0, 8),
    markPrice: fmt(p?.mark ?? 0, 8),
    unRealizedProfit: money(p?.unrealizedPnl ?? 0),
    liquidationPrice: fmt(p?.liquidationPrice ?? 0, 8),
    leverage: String(leverage),
    maxNotionalValue: String(maxNotional),
    marginType: isolated ? 'isolated' : 'cross',
    isolatedMargin: money(p && isolated ? p.position.isolatedWallet + p.unrealizedPnl : 0),
    isAutoAddMargin: 'false',
    positionSide: 'BOTH',
    notional: money(p?.notional ?? 0),
    isolatedWallet: money(p?.position.isolatedWallet ?? 0),
    updateTime: p?.position.updateTime ?? 0,
  };
}

export function positionRiskV3(p: PositionRisk): Json {
  return {
    symbol: p.position.symbol,
    positionSide: 'BOTH',
    positionAmt: fmt(p.position.amount, decimalsOf(p.instrument.step)),
    entryPrice: fmt(p.position.entryPrice, 8),
    breakEvenPrice: fmt(p.breakEvenPrice, 8),
    markPrice: fmt(p.mark, 8),
    unRealizedProfit: money(p.unrealizedPnl),
    liquidationPrice: fmt(p.liquidationPrice, 8),
    isolatedMargin: money(p.isolated ? p.position.isolatedWallet + p.unrealizedPnl : 0),
    notional: money(p.notional),
    marginAsset: QUOTE,
    isolatedWallet: money(p.position.isolatedWallet),
    initialMargin: money(p.initialMargin),
    maintMargin: money(p.maintMargin),
    positionInitialMargin: money(p.initialMargin),
    openOrderInitialMargin: '0',
    adl: 1,
    bidNotional: '0',
    askNotional: '0',
    updateTime: p.position.updateTime,
  };
}

export function leverageBrackets(symbols: string[]): Json {
  return symbols.map((symbol) => ({
    symbol,
    notionalCoef: 1,
    brackets: LEVERAGE_BRACKETS.map((b) => ({
      bracket: b.bracket,
      initialLeverage: b.initialLeverage,
      notionalCap: b.notionalCap,
      notionalFloor: b.notionalFloor,
      maintMarginRatio: b.maintMarginRatio,
      cum: b.cum,
    })),
  }));
}

export function incomeRecords(state: AccountState): Json {
  return state.income.map((r) => ({
    symbol: r.symbol,
    incomeType: r.incomeType,
    income: money(r.income),
    asset: r.asset,
    info: r.incomeType,
    time: r.time,
    tranId: r.tranId,
    tradeId: '',
  }));
}
