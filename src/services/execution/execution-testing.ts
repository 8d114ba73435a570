// For the execution service's integration tests: the real simulator, the real gateway (ccxt over
// HTTP) on one account, a journal in a fresh folder, a clock that moves only when the executor or the
// gateway sleeps, plans built step by step from the simulator's own books, and the simulator's order
// log read per plan.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { defaultSettings } from '../../core/defaults';
import { ceilToStep, floorToStep } from '../../core/planner-sizing';
import type { PremiaEvent } from '../../shared/api';
import type { AlertCause } from '../../shared/alerts';
import type { Execution } from '../../shared/execution';
import { PremiaError } from '../../shared/errors';
import type {
  OrderStep,
  PlanCheck,
  PlanStep,
  RebalancePlan,
  TransferStep,
} from '../../shared/plan';
import { orderStep, rebalancePlan, transferStep } from '../../shared/plan-testing';
import type { ExchangeCredentials } from '../gateway';
import { MARKET_TIME, recordingGateway } from '../gateway/gateway-testing';
import { silentLogger } from '../logger';
import { openJournal, type Journal } from './journal';
import { createExecutionService, type ExecutionServiceOptions } from './execution-service';

export const ACCOUNT = 'acc-1';
export const LABEL = 'Sim account';

/** How each test file starts its simulator: a frozen market, an account rich enough for every trade. */
export const EXECUTION_SIM_OPTIONS = {
  seed: 23,
  marketTime: MARKET_TIME,
  speed: 0,
  balances: { spot: { USDT: 5_000_000, BTC: 20, ETH: 200 }, futuresUsdt: 2_000_000 },
};

/** What these helpers read of the simulator's order log. */
export interface LoggedOrder {
  venue: 'spot' | 'futures';
  symbol: string | null;
  side: string | null;
  reduceOnly: boolean;
  clientOrderId: string | null;
  outcome: 'accepted' | 'refused';
  status: string | null;
  filled: number;
  seq: number;
}

/** What these helpers need of the simulator the test file started. */
export interface Simulator {
  url: string;
  credentials: ExchangeCredentials;
  control: { orders(): LoggedOrder[] };
}

let planCount = 0;
/** A plan id no other test of the run uses. */
export const freshPlanId = (): string =>
  `t${(++planCount).toString(36)}${Math.random().toString(36).slice(2, 10)}`;

const journals: { journal: Journal; dir: string }[] = [];
afterEach(async () => {
  for (const { journal, dir } of journals.splice(0)) {
    await journal.close();
    await rm(dir, { recursive: true, force: true });
  }
});

export interface Harness {
  service: ReturnType<typeof createExecutionService>;
  journal: Journal;
  gateway: ReturnType<typeof recordingGateway>['g'];
  events: Execution[];
  exposureCalls: AlertCause[][];
  sleeps: number[];
  now: () => number;
  /** Plans the service can find, by id. */
  plans: Map<string, RebalancePlan>;
  /** Moves the harness's clock on, as time passing while Premia was stopped. */
  advance(ms: number): void;
}

export interface HarnessOptions {
  checks?: (plan: RebalancePlan) => Promise<PlanCheck[]>;
  /** Hears each executor or gateway sleep (1 for the first), e.g. to change the venue's faults. */
  onSleep?: (ms: number, count: number) => void;
  onEvent?: (execution: Execution) => void;
  journal?: Journal;
  plans?: Map<string, RebalancePlan>;
  /** How long an order sent just before a stop may still reach the venue. */
  inFlightMs?: number;
}

export async function harness(sim: Simulator, extra: HarnessOptions = {}): Promise<Harness> {
  let t = Date.now();
  const sleeps: number[] = [];
  const now = () => t;
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    t += ms;
    extra.onSleep?.(ms, sleeps.length);
  };
  const { g } = recordingGateway(sim.url, { credentials: sim.credentials, now, sleep });
  let journal = extra.journal;
  if (!journal) {
    const dir = await mkdtemp(join(tmpdir(), 'premia-exec-'));
    journal = await openJournal({ dataDir: dir, now });
    journals.push({ journal, dir });
  }
  const events: Execution[] = [];
  const exposureCalls: AlertCause[][] = [];
  const plans = extra.plans ?? new Map<string, RebalancePlan>();
  const options: ExecutionServiceOptions = {
    journal,
    now,
    sleep,
    logger: silentLogger,
    settings: defaultSettings,
    getPlan: async (id) => {
      const plan = plans.get(id);
      if (!plan) throw new PremiaError('not-found', `No plan ${id}.`);
      return plan;
    },
    recheckPlan:
      extra.checks ?? (async () => [{ code: 'stale-quotes', ok: true, message: 'Fresh.' }]),
    gateway: async () => g,
    accounts: () => [{ id: ACCOUNT, exchange: 'binance', label: LABEL }],
    emit: (event: PremiaEvent) => {
      if (event.type !== 'execution') return;
      events.push(event.execution);
      extra.onEvent?.(event.execution);
    },
    exposuresChanged: (causes) => exposureCalls.push(causes),
    follow: { lookups: 3, lookupDelayMs: 500 },
    ...(extra.inFlightMs === undefined ? {} : { inFlightMs: extra.inFlightMs }),
  };
  return {
    service: createExecutionService(options),
    journal,
    gateway: g,
    events,
    exposureCalls,
    sleeps,
    now,
    plans,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A plan of `steps` (numbered in order) for the harness, saved where the service finds it. */
export function savePlan(h: Harness, steps: PlanStep[]): RebalancePlan {
  const plan = rebalancePlan({
    id: freshPlanId(),
    at: h.now(),
    expiresAt: h.now() + 120_000,
    steps: steps.map((s, i) => ({ ...s, step: i })),
  });
  h.plans.set(plan.id, plan);
  return plan;
}

/** An order step on the simulator's real book, limit `slack` beyond the best price (on the tick). */
export async function bookOrder(
  h: Harness,
  change: Partial<OrderStep> & Pick<OrderStep, 'symbol' | 'side' | 'amount'>,
  slack = 0.01,
): Promise<OrderStep> {
  const asset = change.asset ?? change.symbol.split('/')[0]!;
  const [found] = await h.gateway.discover([asset]);
  const all = [found!.spot, found!.perp, ...found!.futures];
  const instrument = all.find((i) => i?.symbol === change.symbol)!;
  const book = await h.gateway.fetchOrderBook(change.symbol, 20);
  const best = change.side === 'buy' ? book.asks[0]![0] : book.bids[0]![0];
  const tick = instrument.limits.priceStep;
  const limitPrice =
    change.side === 'buy'
      ? floorToStep(best * (1 + slack), tick)
      : ceilToStep(best * (1 - slack), tick);
  const market = instrument.kind;
  return orderStep({
    account: ACCOUNT,
    asset,
    market,
    contracts: market === 'spot' ? null : change.amount,
    price: best,
    limitPrice,
    notional: best * change.amount,
    purpose: change.side === 'buy' ? 'buy-spot' : 'sell-spot',
    marginMode: null,
    leverage: null,
    pair: null,
    ...change,
  });
}

export const transfer = (change: Partial<TransferStep> = {}): TransferStep =>
  transferStep({ account: ACCOUNT, ...change });

/** The simulator's log of the orders a plan sent, oldest first. */
export function ordersOf(sim: Simulator, planId: string): LoggedOrder[] {
  return sim.control.orders().filter((o) => o.clientOrderId?.startsWith(`pm${planId}-`));
}

/**
 * What the venue saw of a plan keeps execution's rules: no order of it still open (so never two live
 * at once for one step), no client id sent twice, and no step's own orders filling above its plan.
 */
export function expectSoundOrders(sim: Simulator, plan: RebalancePlan): void {
  const orders = ordersOf(sim, plan.id);
  expect(orders.filter((o) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED')).toEqual([]);
  const ids = orders.filter((o) => o.outcome === 'accepted').map((o) => o.clientOrderId);
  expect(new Set(ids).size).toBe(ids.length);
  for (const step of plan.steps) {
    if (step.kind !== 'order') continue;
    const own = orders.filter((o) =>
      new RegExp(`^pm${plan.id}-${step.step}-\\d+$`).test(o.clientOrderId!),
    );
    const size = step.contracts !== null ? step.amount / step.contracts : 1;
    const filled = own.reduce((sum, o) => sum + o.filled * size, 0);
    expect(filled).toBeLessThanOrEqual(step.amount * (1 + 1e-9));
  }
}
