// The "app" of the crash test in execution.crash.test.ts, a process the test kills at random points:
// it opens the journal and the saved plans in a data folder, a gateway to the simulator (real ccxt
// over HTTP), and the execution service; reconciles what an earlier (killed) run left and prints the
// outcome and the journal as it then stands; waits for `go` on stdin; then executes a basis trade
// (spot buy + perpetual short) planned on the simulator's live books, printing one line per journal
// append once it is on the disk (stdout to a pipe is written synchronously).
import { createInterface } from 'node:readline';
import { defaultSettings } from '../../core/defaults';
import { ceilToStep, floorToStep } from '../../core/planner-sizing';
import type { OrderStep } from '../../shared/plan';
import { orderStep, rebalancePlan } from '../../shared/plan-testing';
import { createExchangeGateway } from '../gateway/exchange-gateway';
import { silentLogger } from '../logger';
import { openPlanStore } from '../plans/plan-store';
import { createExecutionService } from './execution-service';
import { openJournal, type Journal } from './journal';

const CRASH_ACCOUNT = 'acc-crash';
/** How long after its send an order may still reach the simulator (its latency stays well below). */
const CRASH_IN_FLIGHT_MS = 500;

const [dataDir, url, round, amountText, timeoutText] = process.argv.slice(2);
const apiKey = process.env.PREMIA_CRASH_API_KEY;
const secret = process.env.PREMIA_CRASH_API_SECRET;
if (!dataDir || !url || !round || !amountText || !timeoutText || !apiKey || !secret) {
  throw new Error(
    'usage: execution.crash-child.ts <data folder> <simulator url> <round> <amount> <second leg seconds>',
  );
}
/** Each leg's planned amount of BTC. */
const CRASH_AMOUNT = Number(amountText);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const opened = await openJournal({ dataDir, now: Date.now });
const journal: Journal = {
  ...opened,
  notice: opened.notice,
  async append(change) {
    const result = await opened.append(change);
    say(`append ${change.clientOrderId} ${change.status}`);
    return result;
  },
  entries: () => opened.entries(),
  nonFinal: () => opened.nonFinal(),
  byPlan: (id) => opened.byPlan(id),
  close: () => opened.close(),
};
const plans = await openPlanStore({ dataDir, now: Date.now, tell: () => {} });
const { gateway } = createExchangeGateway({
  exchange: 'binance',
  redirectTo: url,
  credentials: { apiKey, secret },
  timeoutMs: 3_000,
  rateLimitMs: 1,
  retry: { retries: 2, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 2_000 },
});
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const service = createExecutionService({
  journal,
  now: Date.now,
  sleep,
  logger: silentLogger,
  // Some runs give the second leg a time shorter than a restart, so their pairs are undone.
  settings: () => {
    const settings = defaultSettings();
    return {
      ...settings,
      execution: { ...settings.execution, secondLegTimeoutSeconds: Number(timeoutText) },
    };
  },
  getPlan: async (id) => {
    const plan = plans.get(id);
    if (!plan) throw new Error(`no plan ${id}`);
    return plan;
  },
  recheckPlan: async () => [{ code: 'stale-quotes', ok: true, message: 'Fresh.' }],
  gateway: async () => gateway,
  accounts: () => [{ id: CRASH_ACCOUNT, exchange: 'binance', label: 'Crash account' }],
  emit: () => {},
  exposuresChanged: () => {},
  follow: { lookups: 3, lookupDelayMs: 200 },
  inFlightMs: CRASH_IN_FLIGHT_MS,
});

const report = await service.reconcile();
say(
  `reconciled ${JSON.stringify({ report, entries: journal.entries(), exposures: service.exposures() })}`,
);

const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();

async function leg(symbol: string, side: 'buy' | 'sell', pair: string): Promise<OrderStep> {
  const [found] = await gateway.discover(['BTC']);
  const instrument = [found!.spot, found!.perp].find((i) => i?.symbol === symbol)!;
  const book = await gateway.fetchOrderBook(symbol, 20);
  const best = side === 'buy' ? book.asks[0]![0] : book.bids[0]![0];
  const tick = instrument.limits.priceStep;
  const market = instrument.kind;
  return orderStep({
    account: CRASH_ACCOUNT,
    asset: 'BTC',
    market,
    symbol,
    side,
    amount: CRASH_AMOUNT,
    contracts: market === 'spot' ? null : CRASH_AMOUNT,
    price: best,
    limitPrice: side === 'buy' ? floorToStep(best * 1.01, tick) : ceilToStep(best * 0.99, tick),
    notional: best * CRASH_AMOUNT,
    purpose: side === 'buy' ? 'buy-spot' : 'open-short',
    marginMode: market === 'spot' ? null : 'cross',
    leverage: market === 'spot' ? null : 2,
    pair,
  });
}

const at = Date.now();
const plan = rebalancePlan({
  id: `c${round}`,
  at,
  expiresAt: at + 120_000,
  steps: [
    { ...(await leg('BTC/USDT', 'buy', 'p1')), step: 0 },
    { ...(await leg('BTC/USDT:USDT', 'sell', 'p1')), step: 1 },
  ],
});
await plans.save(plan);
say(`plan ${plan.id}`);
const execution = await service.executePlan(plan.id);
say(`done ${execution.state}`);
await service.close();
await journal.close();
await plans.close();
process.exit(0);
