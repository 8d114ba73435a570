// Binance's exchange info, field for field: the rate limits it announces and each spot and futures
// symbol with its filters.
import { QUOTE } from './asset-catalog';
import type { Json } from './binance-json';
import { fmt, priceDp, qtyDp } from './binance-json';
import { PERPETUAL_DELIVERY_DATE } from './calendar';
import { type Instrument } from './market';
import { DAY_MS } from '../shared/time';

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
