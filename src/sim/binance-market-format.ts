// Binance's market data answers, field for field: tickers, book, premium index, funding info and
// klines.
import type { Json } from './binance-json';
import { fmt, priceDp, qtyDp } from './binance-json';
import { interestRate } from './funding';
import { roundTo, type Candle, type Instrument, type Market } from './market';
import { DAY_MS } from '../shared/time';

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
