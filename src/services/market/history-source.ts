// The backfill's view of the exchange: one page of settled funding or of hourly prices per call,
// through the gateway (and so through its rate limiter and retries), each page held while a cycle
// fetches its quotes.
import type { ExchangeGateway } from '../gateway';
import { GatewayError } from '../gateway';
import type { HistorySource, SeriesPoint } from '../history';

/** Rows per page: binance serves up to 1000 funding rates and 1000 spot klines per request. */
export const HISTORY_PAGE_LIMIT = 1000;

/** An instrument the venue does not list has no history: an empty page, so the backfill completes. */
async function unlistedAsEmpty(fetch: () => Promise<SeriesPoint[]>): Promise<SeriesPoint[]> {
  try {
    return await fetch();
  } catch (error) {
    if (error instanceof GatewayError && error.kind === 'bad-symbol') return [];
    throw error;
  }
}

export function gatewayHistorySource(
  gateway: Pick<ExchangeGateway, 'fetchFundingHistory' | 'fetchPriceHistory'>,
): HistorySource {
  return {
    fetchFundingHistory: (asset, since, until) =>
      unlistedAsEmpty(async () =>
        (await gateway.fetchFundingHistory(asset, { since, until, limit: HISTORY_PAGE_LIMIT })).map(
          (p) => ({ t: p.at, v: p.rate }),
        ),
      ),
    // Hourly candles, each stored as its open at its open time: the price at that instant. An asset
    // with no spot pair takes its perpetual's price instead.
    fetchPriceHistory: async (asset, since, until) => {
      const page = (instrument: 'spot' | 'perp') => async () =>
        (
          await gateway.fetchPriceHistory(asset, '1h', {
            since,
            until,
            limit: HISTORY_PAGE_LIMIT,
            instrument,
          })
        ).map((c) => ({ t: c.at, v: c.open }));
      try {
        return await page('spot')();
      } catch (error) {
        if (error instanceof GatewayError && error.kind === 'bad-symbol') {
          return unlistedAsEmpty(page('perp'));
        }
        throw error;
      }
    },
  };
}

/**
 * The history source with each page request held while a cycle's quotes are being fetched: backfill
 * shares the venue's rate limit with the poller, and must never make the quotes wait.
 */
export function heldWhileQuoting(
  source: HistorySource,
  quoting: () => Promise<unknown> | null,
): HistorySource {
  const clear = async (): Promise<void> => {
    for (let pending = quoting(); pending; pending = quoting())
      await pending.catch(() => undefined);
  };
  return {
    fetchFundingHistory: async (asset, since, until) => {
      await clear();
      return source.fetchFundingHistory(asset, since, until);
    },
    fetchPriceHistory: async (asset, since, until) => {
      await clear();
      return source.fetchPriceHistory(asset, since, until);
    },
  };
}
