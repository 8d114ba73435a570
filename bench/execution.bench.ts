// Carrying out a basis trade against the in-process simulator through the real gateway: the time from
// the executePlan call to both legs filled (each order journaled and flushed before it is sent, the
// books read again to pick the thinner leg). What one journal append costs is journal.bench's.
// PREMIA_BENCH_DIR chooses the folder the journal is kept in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultSettings } from '../src/core/defaults';
import { orderStep, rebalancePlan } from '../src/shared/plan-testing';
import type { OrderStep, RebalancePlan } from '../src/shared/plan';
import { createExecutionService } from '../src/services/execution/execution-service';
import { openJournal } from '../src/services/execution/journal';
import { createExchangeGateway } from '../src/services/gateway/exchange-gateway';
import { silentLogger } from '../src/services/logger';
import { startSimulator } from '../src/sim';

const RUNS = 20;
const AMOUNT = 0.01;

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export default async function executionBench(): Promise<Record<string, number>> {
  const sim = await startSimulator({
    seed: 3,
    speed: 0,
    marketTime: Date.UTC(2025, 0, 15, 12),
    balances: { spot: { USDT: 10_000_000 }, futuresUsdt: 10_000_000 },
  });
  const dataDir = await mkdtemp(
    join(process.env.PREMIA_BENCH_DIR ?? tmpdir(), 'premia-bench-exec-'),
  );
  const journal = await openJournal({ dataDir, now: Date.now });
  const { gateway } = createExchangeGateway({
    exchange: 'binance',
    redirectTo: sim.url,
    credentials: sim.credentials,
    rateLimitMs: 5,
  });
  const plans = new Map<string, RebalancePlan>();
  const service = createExecutionService({
    journal,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    logger: silentLogger,
    settings: defaultSettings,
    getPlan: async (id) => plans.get(id)!,
    recheckPlan: async () => [],
    gateway: async () => gateway,
    accounts: () => [{ id: 'acc-1', exchange: 'binance', label: 'Bench' }],
    emit: () => {},
    exposuresChanged: () => {},
  });
  try {
    await gateway.ready();
    const leg = async (change: Partial<OrderStep> & Pick<OrderStep, 'symbol' | 'side'>) => {
      const book = await gateway.fetchOrderBook(change.symbol, 5);
      const best = change.side === 'buy' ? book.asks[0]![0] : book.bids[0]![0];
      return orderStep({
        account: 'acc-1',
        pair: 'p1',
        amount: AMOUNT,
        price: best,
        limitPrice: Math.round(best * (change.side === 'buy' ? 1.01 : 0.99)),
        ...change,
      });
    };
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const id = `bench${i}`;
      const plan = rebalancePlan({
        id,
        at: Date.now(),
        expiresAt: Date.now() + 120_000,
        steps: [
          await leg({ step: 0, symbol: 'BTC/USDT', side: 'buy', market: 'spot', contracts: null }),
          await leg({
            step: 1,
            symbol: 'BTC/USDT:USDT',
            side: 'sell',
            market: 'perp',
            contracts: AMOUNT,
            purpose: 'open-short',
            marginMode: 'isolated',
            leverage: 2,
          }),
        ],
      });
      plans.set(id, plan);
      const started = performance.now();
      const execution = await service.executePlan(id);
      times.push(performance.now() - started);
      if (execution.state !== 'done') throw new Error(`bench plan ${id}: ${execution.problem}`);
    }
    times.sort((a, b) => a - b);
    return {
      basisTradeRuns: RUNS,
      basisTradeBothLegsFilledMedianMs: round(percentile(times, 0.5)),
      basisTradeBothLegsFilledP95Ms: round(percentile(times, 0.95)),
      basisTradeBothLegsFilledMaxMs: round(times.at(-1)!),
    };
  } finally {
    await service.close();
    await journal.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
