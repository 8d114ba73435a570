// For the CLI's tests: an execution and journal entries as the app would answer them, for the sample
// plan of `rebalancePlan()` (a margin transfer, a spot buy and a perpetual short).
import type { Execution, ExecutionStep, JournalEntry } from '../shared/execution';

export const executionStep = (change: Partial<ExecutionStep> = {}): ExecutionStep => ({
  step: 0,
  kind: 'transfer',
  pair: null,
  state: 'done',
  planned: 1_250,
  filled: 1_250,
  averagePrice: null,
  message: null,
  ...change,
});

/** The sample plan carried out whole. */
export const execution = (change: Partial<Execution> = {}): Execution => ({
  planId: 'k3x9q2m7a1b4c8d0',
  state: 'done',
  startedAt: 1_060_000,
  finishedAt: 1_064_000,
  checks: [{ code: 'stale-quotes', ok: true, message: 'Quotes are 2 seconds old.' }],
  steps: [
    executionStep(),
    executionStep({
      step: 1,
      kind: 'order',
      pair: 'p1',
      planned: 0.05,
      filled: 0.05,
      averagePrice: 50_012,
    }),
    executionStep({
      step: 2,
      kind: 'order',
      pair: 'p1',
      planned: 0.05,
      filled: 0.05,
      averagePrice: 50_028,
    }),
  ],
  problem: null,
  nextSteps: [],
  ...change,
});

/** The sample plan's spot buy, filled. */
export const journalEntry = (change: Partial<JournalEntry> = {}): JournalEntry => ({
  clientOrderId: 'pmk3x9q2m7a1b4c8d0-1-1',
  orderId: '81234',
  planId: 'k3x9q2m7a1b4c8d0',
  step: 1,
  kind: 'order',
  pair: 'p1',
  account: 'acc-1',
  exchange: 'binance',
  asset: 'BTC',
  symbol: 'BTC/USDT',
  side: 'buy',
  from: null,
  to: null,
  amount: 0.05,
  filled: 0.05,
  price: 50_012,
  fee: 0.00005,
  feeCurrency: 'BTC',
  status: 'filled',
  reason: null,
  updatedAt: 1_062_000,
  ...change,
});
