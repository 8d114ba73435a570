// History and depth: settled funding and candles for backfill, and order books, each price per unit
// of the asset whatever multiple of it the venue's contract is priced in.
import { finiteOrNull, positiveOrNull } from '../../core';
import { GatewayError } from './errors';
import type { GatewayCore } from './gateway-core';
import type {
  AssetFundingPoint,
  Candle,
  FundingPoint,
  OrderBookSnapshot,
  Timeframe,
} from './types';

export interface PriceHistoryOptions {
  since?: number;
  until?: number;
  limit?: number;
  instrument?: 'spot' | 'perp';
}

export interface FundingHistoryOptions {
  since?: number;
  until?: number;
  limit?: number;
}

export async function fetchFundingHistory(
  core: GatewayCore,
  asset: string,
  history: FundingHistoryOptions = {},
): Promise<FundingPoint[]> {
  const [found] = await core.listings.instruments([asset]);
  const perp = found?.perp;
  if (!perp) throw new GatewayError('bad-symbol', `${core.Venue} lists no perpetual for ${asset}.`);
  const exchange = await core.exchange();
  const params = history.until !== undefined ? { until: history.until } : {};
  const rows = await core.read(() =>
    exchange.fetchFundingRateHistory(perp.symbol, history.since, history.limit, params),
  );
  return rows.flatMap((r) => {
    const at = positiveOrNull(r.timestamp);
    const rate = finiteOrNull(r.fundingRate);
    return at !== null && rate !== null ? [{ at, rate }] : [];
  });
}

/**
 * The venue's latest settlements of every perpetual in one request (binance's /fapi/v1/fundingRate
 * without a symbol: the newest `limit` rows of all symbols together), each named by its asset.
 */
export async function fetchRecentFundingOfAll(
  core: GatewayCore,
  limit: number,
): Promise<AssetFundingPoint[]> {
  const listed = await core.listings.listing();
  const exchange = await core.exchange();
  const rows = await core.read(() => exchange.fetchFundingRateHistory(undefined, undefined, limit));
  return rows.flatMap((r) => {
    const at = positiveOrNull(r.timestamp);
    const rate = finiteOrNull(r.fundingRate);
    const base = r.symbol === undefined ? undefined : exchange.markets?.[r.symbol]?.base;
    if (at === null || rate === null || typeof base !== 'string') return [];
    const asset = listed.multiples.get(base)?.asset ?? base;
    return [{ asset, at, rate }];
  });
}

export async function fetchPriceHistory(
  core: GatewayCore,
  asset: string,
  timeframe: Timeframe,
  history: PriceHistoryOptions = {},
): Promise<Candle[]> {
  const [found] = await core.listings.instruments([asset]);
  const instrument = history.instrument === 'perp' ? found?.perp : found?.spot;
  if (!instrument) {
    throw new GatewayError(
      'bad-symbol',
      `${core.Venue} lists no ${history.instrument ?? 'spot'} market for ${asset}.`,
    );
  }
  const exchange = await core.exchange();
  const params = history.until !== undefined ? { until: history.until } : {};
  const rows = await core.read(() =>
    exchange.fetchOHLCV(instrument.symbol, timeframe, history.since, history.limit, params),
  );
  // A perpetual on a multiple (1000PEPE) is priced per multiple: per unit of the asset here.
  const m = instrument.kind === 'perp' ? instrument.multiplier : 1;
  return rows.flatMap((row) => {
    const [at, open, high, low, close, volume] = row.map((v) => finiteOrNull(v));
    return at != null && open != null && high != null && low != null && close != null
      ? [
          {
            at,
            open: open / m,
            high: high / m,
            low: low / m,
            close: close / m,
            volume: (volume ?? 0) * m,
          },
        ]
      : [];
  });
}

export async function fetchOrderBook(
  core: GatewayCore,
  symbol: string,
  limit?: number,
): Promise<OrderBookSnapshot> {
  await core.listings.ready();
  const exchange = await core.exchange();
  const book = await core.read(() => exchange.fetchOrderBook(symbol, limit));
  const m = core.listings.multiplierOf(symbol);
  const side = (levels: unknown[][]) =>
    levels.flatMap((l) => {
      const price = positiveOrNull(l[0]);
      const amount = positiveOrNull(l[1]);
      return price !== null && amount !== null ? [[price / m, amount] as [number, number]] : [];
    });
  return {
    symbol,
    bids: side(book.bids),
    asks: side(book.asks),
    venueTime: positiveOrNull(book.timestamp),
  };
}
