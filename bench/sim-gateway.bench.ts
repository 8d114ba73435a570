// Requests per market-data cycle through the gateway (bulk endpoints) against the naive way (one ccxt
// call per symbol per kind of data), both executed against the simulator and counted at the fetch
// hook; plus ccxt's import time and the process memory once it is loaded.
import type { Exchange } from 'ccxt';
import { binanceAdapter } from '../src/services/gateway/binance';
import { loadCcxt } from '../src/services/gateway/ccxt-loader';
import { createExchangeGateway } from '../src/services/gateway/exchange-gateway';
import { createFetchHook } from '../src/services/gateway/fetch-redirect';
import { startSimulator } from '../src/sim';

const COUNTS = [1, 10, 50, 100] as const;
const MB = 1024 * 1024;

function memory() {
  const m = process.memoryUsage();
  return { rssMb: Math.round(m.rss / MB), heapUsedMb: Math.round(m.heapUsed / MB) };
}

export default async function simGatewayBench(): Promise<Record<string, unknown>> {
  const beforeCcxt = memory();
  const { ccxt, importMs } = await loadCcxt();
  const afterCcxt = memory();

  const simStarted = performance.now();
  const sim = await startSimulator({ seed: 1, speed: 0, marketTime: Date.UTC(2025, 0, 15, 12) });
  const simStartMs = performance.now() - simStarted;
  const listingStarted = performance.now();
  sim.control.addAssets(100 - sim.control.state().assets.length);
  const listMs = performance.now() - listingStarted;
  const assets = sim.control.state().assets.map((a) => a.asset);

  try {
    // The gateway, as the poller uses it. The limiter is on; its spacing is shortened because only
    // requests are counted here, not time.
    const gateway = createExchangeGateway({
      exchange: 'binance',
      redirectTo: sim.url,
      rateLimitMs: 5,
    });
    const discoveryBefore = gateway.requestCount();
    await gateway.ready();
    const discoveryRequests = gateway.requestCount() - discoveryBefore;
    const requestsPerCycle: Record<number, number> = {};
    const cycleMs: Record<number, number> = {};
    for (const n of COUNTS) {
      await gateway.fetchMarketData(assets.slice(0, n));
      const started = performance.now();
      const cycle = await gateway.fetchMarketData(assets.slice(0, n));
      cycleMs[n] = Math.round(performance.now() - started);
      requestsPerCycle[n] = cycle.requests;
    }

    // The naive way: the same ccxt class and fetch hook, one call per symbol per kind of data.
    let naiveCount = 0;
    const exchange: Exchange = binanceAdapter.create(ccxt, {
      enableRateLimit: true,
      rateLimit: 5,
      fetchImplementation: createFetchHook({
        venueHosts: binanceAdapter.hosts,
        redirectTo: sim.url,
        badResponse: (m) => new ccxt.BadResponse(m),
        onRequest: () => naiveCount++,
      }),
    });
    await exchange.loadMarkets();
    const found = await gateway.discover(assets);
    const naiveRequestsPerCycle: Record<number, number> = {};
    for (const n of COUNTS) {
      const before = naiveCount;
      for (const a of found.slice(0, n)) {
        if (a.spot) await exchange.fetchTicker(a.spot.symbol);
        if (a.perp) {
          await exchange.fetchTicker(a.perp.symbol);
          await exchange.fetchFundingRate(a.perp.symbol);
        }
        for (const f of a.futures) await exchange.fetchTicker(f.symbol);
      }
      naiveRequestsPerCycle[n] = naiveCount - before;
    }

    return {
      requestsPerCycle,
      naiveRequestsPerCycle,
      discoveryRequests,
      gatewayCycleMs: cycleMs,
      ccxtImportMs: Math.round(importMs),
      memoryBeforeCcxt: beforeCcxt,
      memoryAfterCcxt: afterCcxt,
      memoryAfterCycles: memory(),
      simulatorStartMs: Math.round(simStartMs),
      simulatorListing92AssetsMs: Math.round(listMs),
    };
  } finally {
    await sim.close();
  }
}
