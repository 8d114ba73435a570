// Working one order leg toward a base amount in tries: each try an immediate-or-cancel order for what
// is still unfilled (never more, so a step never fills above its plan), each under a new attempt's
// client id and sent only once the try before it is over on the venue. Also undoing a leg's fill with
// orders of the opposite side, priced from a fresh book.
import type { OrderSide, OrderStep } from '../../shared/plan';
import {
  meetsMinimum,
  protectedLimit,
  toMarketAmount,
  type MarketUnits,
} from './execution-gateway';
import type { JournalEntry } from './journal-record';
import { sendOrder, type OrderSpec } from './order-send';
import { ORDER_TRIES, type StepEnv } from './step-env';
import { messageOf } from './step-words';

export interface LegWork {
  /** Base amount filled over every try. */
  filled: number;
  averagePrice: number | null;
  /** Fees charged in the asset itself (a spot purchase's fee is taken from what it bought). */
  feeInAsset: number;
  /** Every try's journal entry. */
  entries: JournalEntry[];
  /** The attempt number the next try would take. */
  nextAttempt: number;
  /** Why it stopped short of the target, in words; null when it reached it. */
  problem: string | null;
  /** Set when an order's fate is unknown: nothing more may be sent on this leg. */
  unknown: boolean;
}

export interface LegTries {
  firstAttempt: number;
  tries: number;
  /** Wait between tries (a venue's Retry-After is honoured when longer). */
  gapMs: number;
  /** No try starts after this time (the clock's). */
  deadline: number | null;
  /** Try again after an answer that filled less than asked (a second leg chasing its first). */
  chase: boolean;
  /** Try again after a refusal (the venue's mind may change within the second leg's time). */
  retryRefused: boolean;
}

type LegOrder = Pick<OrderSpec, 'planId' | 'step' | 'pair' | 'account' | 'asset' | 'side'> & {
  reduceOnly: boolean;
  role?: 'unwind';
};

/** Works `leg` toward `target` base units at `limitPrice` (per unit of the asset). */
export async function workLeg(
  env: StepEnv,
  leg: LegOrder,
  units: MarketUnits,
  target: number,
  limitPrice: number | (() => Promise<number | null>),
  tries: LegTries,
): Promise<LegWork> {
  const work: LegWork = {
    filled: 0,
    averagePrice: null,
    feeInAsset: 0,
    entries: [],
    nextAttempt: tries.firstAttempt,
    problem: null,
    unknown: false,
  };
  let value = 0;
  let retryAfterMs: number | null = null;
  for (let n = 0; n < tries.tries; n++) {
    if (n > 0) {
      const wait = Math.ceil(Math.max(tries.gapMs, retryAfterMs ?? 0));
      if (tries.deadline !== null && env.now() + wait > tries.deadline) break;
      await env.sleep(wait);
    }
    retryAfterMs = null;
    const marketAmount = toMarketAmount(units, target - work.filled);
    let price: number | null;
    try {
      price = typeof limitPrice === 'number' ? limitPrice : await limitPrice();
    } catch (error) {
      work.problem = messageOf(error);
      continue;
    }
    if (price === null) {
      work.problem = `${units.symbol} has no order book to price an order from.`;
      continue;
    }
    if (!meetsMinimum(units, marketAmount, price)) {
      if (work.filled === 0) {
        work.problem = `The order is below ${units.symbol}'s smallest order on the venue.`;
      }
      break;
    }
    const outcome = await sendOrder(
      { journal: env.journal, gateway: env.gateway, follow: env.follow },
      { ...leg, attempt: work.nextAttempt, units, marketAmount, limitPrice: price },
    );
    work.nextAttempt += 1;
    if (outcome.entry) {
      work.entries.push(outcome.entry);
      const e = outcome.entry;
      if (e.filled > 0) {
        work.filled += e.filled;
        value += e.filled * (e.price ?? price);
        if (e.fee !== null && e.feeCurrency === leg.asset) work.feeInAsset += e.fee;
      }
    }
    work.averagePrice = work.filled > 0 ? value / work.filled : null;
    if (outcome.kind === 'unknown' || (outcome.kind === 'answered' && outcome.entry.live)) {
      work.problem =
        outcome.kind === 'unknown'
          ? outcome.problem
          : `Order ${outcome.entry.clientOrderId} is still open on the venue: cancel it.`;
      work.unknown = true;
      return work;
    }
    if (work.filled >= target * (1 - 1e-9)) {
      work.problem = null;
      return work;
    }
    if (outcome.kind === 'not-taken') {
      work.problem = outcome.problem;
      retryAfterMs = outcome.retryAfterMs;
      continue;
    }
    if (outcome.kind === 'refused') {
      work.problem = outcome.problem;
      if (!tries.retryRefused || outcome.entry === null) return work;
      continue;
    }
    work.problem = outcome.entry.reason;
    if (!tries.chase) return work;
  }
  return work;
}

const opposite = (side: OrderSide): OrderSide => (side === 'buy' ? 'sell' : 'buy');

/**
 * Undoes up to `amount` base units of a leg's fill: the opposite side, reduce-only where the leg
 * opened a futures position, at a limit from a fresh book worsened by the slippage limit.
 */
export async function unwindLeg(
  env: StepEnv,
  leg: OrderStep,
  units: MarketUnits,
  amount: number,
  firstAttempt = 0,
): Promise<LegWork> {
  const side = opposite(leg.side);
  const slippage = env.settings().rebalance.slippageLimit;
  return workLeg(
    env,
    {
      planId: env.plan.id,
      step: leg.step,
      pair: leg.pair,
      account: leg.account,
      asset: leg.asset,
      side,
      reduceOnly: leg.market !== 'spot' && !leg.reduceOnly,
      role: 'unwind',
    },
    units,
    amount,
    async () =>
      protectedLimit(units, await env.gateway.fetchOrderBook(units.symbol), side, slippage),
    {
      firstAttempt,
      tries: ORDER_TRIES,
      gapMs: 1_000,
      deadline: null,
      chase: true,
      retryRefused: true,
    },
  );
}
