// The market the request benches run against: the simulator at a fixed seed and moment, listing 100
// assets, and the gateway pointed at it.
import type { OpenedGateway } from '../src/services/gateway';
import { createExchangeGateway } from '../src/services/gateway/exchange-gateway';
import type { Simulator } from '../src/sim';
import { startSimulator } from '../src/sim';

const LISTED_ASSETS = 100;

export interface BenchMarket {
  sim: Simulator;
  /** Every listed asset, in the simulator's order. */
  assets: string[];
  startMs: number;
  /** How long listing the assets beyond the default ones took. */
  listingMs: number;
}

/**
 * The venue's weight limits are raised out of reach: the benches count requests, and a naive client
 * would otherwise spend its time waiting out a ban.
 */
export async function startBenchMarket(): Promise<BenchMarket> {
  const started = performance.now();
  const sim = await startSimulator({ seed: 1, speed: 0, marketTime: Date.UTC(2025, 0, 15, 12) });
  const startMs = performance.now() - started;
  const listingStarted = performance.now();
  sim.control.addAssets(LISTED_ASSETS - sim.control.state().assets.length);
  const listingMs = performance.now() - listingStarted;
  sim.control.setWeightLimits({ spot: 10_000_000, futures: 10_000_000 });
  const assets = sim.control.state().assets.map((a) => a.asset);
  return { sim, assets, startMs, listingMs };
}

/**
 * The gateway as the poller uses it, with its request count beside it. The limiter is on; its spacing
 * is shortened because only requests are counted, not time.
 */
export function benchGateway(simUrl: string): OpenedGateway {
  return createExchangeGateway({ exchange: 'binance', redirectTo: simUrl, rateLimitMs: 5 });
}
