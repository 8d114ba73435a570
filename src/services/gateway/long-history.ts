// Long downloads: everything a venue has of an asset's daily spot closes or of its perpetual's
// funding settlements, page by page (each page handed over as it arrives, so the caller stores it
// before the next is asked for), from any time on, so a download that stopped resumes where its last
// stored page ended. Pages are read as every read is (retried with backoff); a rate limit that asks
// for a long wait is waited out here, and funding pages keep within the venue's shared funding count.
import { DAY_MS } from '../../shared/time';
import { fetchFundingHistory, fetchPriceHistory } from './candles-books';
import type { GatewayCore } from './gateway-core';
import type { DailyClose, FundingPoint, LongHistoryOptions, LongHistoryPage } from './types';

/** Rows per request: binance serves up to 1000 daily klines and 1000 funding rates at once. */
export const LONG_HISTORY_PAGE = 1000;
const POOL_WINDOW_MS = 5 * 60_000;

export interface LongHistory {
  dailyCloses(
    asset: string,
    options?: LongHistoryOptions,
  ): AsyncGenerator<LongHistoryPage<DailyClose>>;
  fundingSettlements(
    asset: string,
    options?: LongHistoryOptions,
  ): AsyncGenerator<LongHistoryPage<FundingPoint>>;
}

/** Waits `ms`, or less when the signal aborts (then throws its reason). */
async function waitOut(core: GatewayCore, ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (!signal) return core.sleep(ms);
  let stop: () => void = () => undefined;
  const aborted = new Promise<void>((resolve) => {
    stop = resolve;
    signal.addEventListener('abort', stop, { once: true });
  });
  try {
    await Promise.race([core.sleep(ms), aborted]);
  } finally {
    signal.removeEventListener('abort', stop);
  }
  signal.throwIfAborted();
}

/** One page, asked again after a rate limit's Retry-After however long it is. */
async function page<T>(
  core: GatewayCore,
  fetch: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  for (;;) {
    signal?.throwIfAborted();
    try {
      return await fetch();
    } catch (error) {
      signal?.throwIfAborted();
      const known = core.classify(error);
      if (known.kind !== 'rate-limited' || known.retryAfterMs === null) throw known;
      await waitOut(core, known.retryAfterMs, signal);
    }
  }
}

export function createLongHistory(core: GatewayCore, fundingPagesPer5Min: number): LongHistory {
  /** When each recent funding page was asked for, oldest first (this gateway's share of the pool). */
  const fundingPages: number[] = [];

  async function fundingTurn(signal?: AbortSignal): Promise<void> {
    const budget = Math.max(1, fundingPagesPer5Min);
    for (;;) {
      const now = core.now();
      while (fundingPages.length > 0 && fundingPages[0]! <= now - POOL_WINDOW_MS) {
        fundingPages.shift();
      }
      if (fundingPages.length < budget) {
        fundingPages.push(now);
        return;
      }
      await waitOut(core, fundingPages[0]! + POOL_WINDOW_MS - now, signal);
    }
  }

  function window(options: LongHistoryOptions, earliest: number): { from: number; until: number } {
    const until = Math.floor(options.until ?? core.now());
    const from = Math.max(0, Math.floor(options.since ?? earliest));
    if (!Number.isFinite(from) || !Number.isFinite(until)) {
      throw new RangeError('a history download runs between times in milliseconds');
    }
    return { from, until };
  }

  return {
    async *dailyCloses(asset, options = {}) {
      const { from, until } = window(options, core.adapter.historyStarts.dailyCloses);
      let cursor = from;
      while (cursor <= until) {
        const since = cursor;
        const candles = await page(
          core,
          () =>
            fetchPriceHistory(core, asset, '1d', {
              since,
              until,
              limit: LONG_HISTORY_PAGE,
              instrument: 'spot',
            }),
          options.signal,
        );
        const fresh = candles.filter((c) => c.at >= since).sort((a, b) => a.at - b.at);
        // Only days that are over: the day still trading is fetched again once it has closed.
        const closed = fresh.filter((c) => c.at + DAY_MS - 1 <= until);
        const points = closed.map((c) => ({ day: c.at, close: c.close }));
        const last = points[points.length - 1];
        const next = last ? last.day + DAY_MS : since;
        yield { points, next };
        if (!last || closed.length < fresh.length || candles.length < LONG_HISTORY_PAGE) return;
        cursor = next;
      }
    },

    async *fundingSettlements(asset, options = {}) {
      const { from, until } = window(options, core.adapter.historyStarts.funding);
      let cursor = from;
      while (cursor <= until) {
        const since = cursor;
        await fundingTurn(options.signal);
        const rows = await page(
          core,
          () => fetchFundingHistory(core, asset, { since, until, limit: LONG_HISTORY_PAGE }),
          options.signal,
        );
        const points = rows
          .filter((r) => r.at >= since && r.at <= until)
          .sort((a, b) => a.at - b.at);
        const last = points[points.length - 1];
        const next = last ? last.at + 1 : since;
        yield { points, next };
        if (!last || rows.length < LONG_HISTORY_PAGE) return;
        cursor = next;
      }
    },
  };
}
