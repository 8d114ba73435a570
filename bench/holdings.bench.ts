// What a holdings sync costs as an account holds more: for accounts holding 1, 10 and 50 assets (each
// in spot and as a short perpetual), the milliseconds a sync takes (median of several) and the HTTP
// requests it makes, which must not grow with the number of assets.
import { createExchangeGateway } from '../src/services/gateway/exchange-gateway';
import { startBenchMarket } from './sim-market';

const SIZES = [1, 10, 50] as const;
const SYNCS = 7;
/** What each asset is bought and shorted for, in USDT: above every minimum order value. */
const ORDER_USDT = 250;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function roundUp(value: number, step: number | null): number {
  if (!step) return value;
  return Number((Math.ceil(value / step) * step).toFixed(10));
}

async function measure(held: number): Promise<{ syncMs: number; requestsPerSync: number }> {
  const { sim, assets } = await startBenchMarket();
  try {
    // The account buys and shorts each asset it is to hold, through the gateway like a user's plan.
    const key = sim.control.mintKey({ account: 'main' });
    const { gateway: trader } = createExchangeGateway({
      exchange: 'binance',
      redirectTo: sim.url,
      credentials: key,
      rateLimitMs: 1,
    });
    const chosen = assets.slice(0, held);
    const instruments = await trader.discover(chosen);
    const market = await trader.fetchMarketData(chosen);
    for (const [i, found] of instruments.entries()) {
      const price = market.assets[i]!.spot!.price;
      const spot = found.spot!;
      const perp = found.perp!;
      await trader.placeOrder({
        symbol: spot.symbol,
        side: 'buy',
        type: 'market',
        amount: roundUp(ORDER_USDT / price, spot.limits.amountStep),
        clientOrderId: `bench-spot-${found.asset}`,
      });
      await trader.placeOrder({
        symbol: perp.symbol,
        side: 'sell',
        type: 'market',
        amount: roundUp(ORDER_USDT / price / perp.contractSize, perp.limits.amountStep),
        clientOrderId: `bench-perp-${found.asset}`,
      });
    }

    const { gateway: reader, diagnostics: counted } = createExchangeGateway({
      exchange: 'binance',
      redirectTo: sim.url,
      credentials: key,
      rateLimitMs: 5,
    });
    await reader.ready();
    const first = await reader.fetchHoldings();
    if (first.futures.positions.length !== held)
      throw new Error(`the account holds ${first.futures.positions.length} positions, not ${held}`);
    const times: number[] = [];
    const requests: number[] = [];
    for (let i = 0; i < SYNCS; i++) {
      const before = counted.requestCount();
      const started = performance.now();
      await reader.fetchHoldings();
      times.push(performance.now() - started);
      requests.push(counted.requestCount() - before);
    }
    return { syncMs: Math.round(median(times) * 10) / 10, requestsPerSync: Math.max(...requests) };
  } finally {
    await sim.close();
  }
}

export default async function holdingsBench(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const counts: number[] = [];
  for (const held of SIZES) {
    const figures = await measure(held);
    out[`assets${held}`] = figures;
    counts.push(figures.requestsPerSync);
  }
  out.requestsConstant = counts.every((c) => c === counts[0]);
  return out;
}
