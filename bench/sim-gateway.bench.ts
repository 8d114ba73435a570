// What the gateway costs beside its cycles (requests per cycle are poll.bench's): the requests its
// market discovery takes, ccxt's import time, the process memory before and after ccxt is loaded and
// once a cycle of every listed asset has run, and how long the simulator takes to start and list them.
import { loadCcxt } from '../src/services/gateway/ccxt-loader';
import { benchGateway, startBenchMarket } from './sim-market';

const MB = 1024 * 1024;

function memory() {
  const m = process.memoryUsage();
  return { rssMb: Math.round(m.rss / MB), heapUsedMb: Math.round(m.heapUsed / MB) };
}

export default async function simGatewayBench(): Promise<Record<string, unknown>> {
  const beforeCcxt = memory();
  const { importMs } = await loadCcxt();
  const afterCcxt = memory();

  const { sim, assets, startMs, listingMs } = await startBenchMarket();
  try {
    const { gateway, diagnostics } = benchGateway(sim.url);
    const discoveryBefore = diagnostics.requestCount();
    await gateway.ready();
    const discoveryRequests = diagnostics.requestCount() - discoveryBefore;
    await gateway.fetchMarketData(assets);

    return {
      discoveryRequests,
      ccxtImportMs: Math.round(importMs),
      memoryBeforeCcxt: beforeCcxt,
      memoryAfterCcxt: afterCcxt,
      memoryAfterCycle: memory(),
      simulatorStartMs: Math.round(startMs),
      simulatorListing92AssetsMs: Math.round(listingMs),
    };
  } finally {
    await sim.close();
  }
}
