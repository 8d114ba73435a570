// Requests per refresh cycle of the poller in steady state, against the simulator, for 1 to 100
// tracked assets: through the gateway's bulk requests, and through a naive feed. These are the
// figures of record for requests per cycle. Both run the same poller and build the same kind of
// snapshot; requests are counted at the fetch hook.
import type { Exchange } from 'ccxt';
import { defaultSettings } from '../src/core';
import type { Settings } from '../src/shared/settings';
import { binanceAdapter } from '../src/services/gateway/binance';
import { loadCcxt } from '../src/services/gateway/ccxt-loader';
import { createFetchHook } from '../src/services/gateway/fetch-redirect';
import type { AssetMarketData, ExchangeGateway, MarketDataCycle } from '../src/services/gateway';
import type { MarketFeed, Poller, PollerTimers } from '../src/services/market';
import { createPoller } from '../src/services/market';
import { benchGateway, startBenchMarket } from './sim-market';

const COUNTS = [1, 10, 50, 100] as const;
const STEADY_CYCLES = 3;
const NAIVE_STEADY_CYCLES = 2;

function settingsFor(tracked: string[]): Settings {
  const s = defaultSettings();
  return { ...s, assets: { tracked, mix: {} } };
}

/** Timers fired by the bench, so cycles run back to back without waiting out the interval. */
function manualTimers() {
  let pending: (() => void) | null = null;
  const timers: PollerTimers = {
    setTimeout(callback) {
      pending = callback;
      return callback;
    },
    clearTimeout(handle) {
      if (pending === handle) pending = null;
    },
  };
  return {
    timers,
    fire() {
      const due = pending;
      pending = null;
      due?.();
    },
  };
}

/**
 * Runs a warm-up cycle (markets, discovery), then `cycles` steady ones: requests and milliseconds
 * per steady cycle.
 */
async function steadyCycles(
  feed: MarketFeed,
  tracked: string[],
  cycles: number,
  count: () => number,
): Promise<{ requests: number; ms: number }> {
  const clock = manualTimers();
  const poller: Poller = createPoller({
    feed,
    source: 'demo',
    settings: () => settingsFor(tracked),
    timers: clock.timers,
  });
  const run = async () => {
    const next = poller.nextCycle();
    clock.fire();
    const outcome = await next;
    if (!outcome.ok) throw new Error(`a cycle failed: ${outcome.failure.message}`);
    if (outcome.snapshot.assets.some((a) => a.stale || a.premium === null)) {
      throw new Error('a cycle left an asset without a premium');
    }
  };
  poller.start();
  await run();
  const before = count();
  const started = performance.now();
  for (let i = 0; i < cycles; i++) await run();
  const ms = Math.round((performance.now() - started) / cycles);
  const requests = (count() - before) / cycles;
  await poller.stop();
  return { requests, ms };
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The naive way: one ccxt call per symbol per kind of data, as a client that knows only ccxt's
 * per-symbol calls would ask — the spot ticker, the perpetual's ticker, the perpetual's funding rate,
 * and each dated future's ticker. Prices come from the tickers (the perpetual's mark from its funding
 * rate, which carries one), funding from the funding rate.
 */
function naiveFeed(exchange: Exchange, gateway: ExchangeGateway): MarketFeed {
  return {
    discover: (assets) => gateway.discover(assets),
    reloadMarkets: () => gateway.reloadMarkets(),
    async fetchMarketData(assets): Promise<MarketDataCycle> {
      const found = await gateway.discover(assets);
      const out: AssetMarketData[] = [];
      for (const a of found) {
        const spotTicker = a.spot ? await exchange.fetchTicker(a.spot.symbol) : null;
        const perpTicker = a.perp ? await exchange.fetchTicker(a.perp.symbol) : null;
        const rate = a.perp ? await exchange.fetchFundingRate(a.perp.symbol) : null;
        const futures = [];
        for (const f of a.futures) {
          const ticker = await exchange.fetchTicker(f.symbol);
          const price = finite(ticker.markPrice) ?? finite(ticker.last);
          if (price !== null) {
            futures.push({
              symbol: f.symbol,
              expiry: f.expiry,
              price,
              index: null,
              venueTime: finite(ticker.timestamp),
            });
          }
        }
        const bid = finite(spotTicker?.bid);
        const ask = finite(spotTicker?.ask);
        const mid =
          bid !== null && ask !== null ? (bid + ask) / 2 : (bid ?? ask ?? finite(spotTicker?.last));
        const mark = finite(rate?.markPrice) ?? finite(perpTicker?.last);
        out.push({
          asset: a.asset,
          spot: a.spot && mid !== null ? { symbol: a.spot.symbol, bid, ask, price: mid } : null,
          perp:
            a.perp && rate && mark !== null
              ? {
                  symbol: a.perp.symbol,
                  mark,
                  index: finite(rate.indexPrice),
                  fundingRate: finite(rate.fundingRate),
                  fundingIntervalHours: a.perp.fundingIntervalHours,
                  intervalFromVenue: a.perp.intervalFromVenue,
                  nextFundingAt: finite(rate.fundingTimestamp),
                  venueTime: finite(rate.timestamp),
                }
              : null,
          futures,
        });
      }
      return { exchange: 'binance', receivedAt: Date.now(), requests: 0, assets: out };
    },
  };
}

export default async function pollBench(): Promise<Record<string, unknown>> {
  const { sim, assets } = await startBenchMarket();
  try {
    const requestsPerCycle: Record<number, number> = {};
    const cycleMs: Record<number, number> = {};
    for (const n of COUNTS) {
      const { gateway, diagnostics } = benchGateway(sim.url);
      const steady = await steadyCycles(gateway, assets.slice(0, n), STEADY_CYCLES, () =>
        diagnostics.requestCount(),
      );
      requestsPerCycle[n] = steady.requests;
      cycleMs[n] = steady.ms;
    }

    const { ccxt } = await loadCcxt();
    let naiveCount = 0;
    const exchange: Exchange = binanceAdapter.create(ccxt, {
      enableRateLimit: true,
      rateLimit: 5,
      fetchImplementation: createFetchHook({
        venueHosts: binanceAdapter.hosts,
        redirectTo: sim.url,
        badResponse: (message) => new ccxt.BadResponse(message),
        regionRefused: (message) => new ccxt.RestrictedLocation(message),
        onRequest: () => naiveCount++,
      }),
    });
    await exchange.loadMarkets();
    const discovery = benchGateway(sim.url).gateway;
    const naiveRequestsPerCycle: Record<number, number> = {};
    const naiveCycleMs: Record<number, number> = {};
    for (const n of COUNTS) {
      const steady = await steadyCycles(
        naiveFeed(exchange, discovery),
        assets.slice(0, n),
        NAIVE_STEADY_CYCLES,
        () => naiveCount,
      );
      naiveRequestsPerCycle[n] = steady.requests;
      naiveCycleMs[n] = steady.ms;
    }
    return { requestsPerCycle, naiveRequestsPerCycle, cycleMs, naiveCycleMs };
  } finally {
    await sim.close();
  }
}
