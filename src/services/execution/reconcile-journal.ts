// What the journal alone says about a plan after Premia stopped while it ran: each step's own orders
// and the orders undoing it, the pairs one leg of which filled more than the other, and the plan's
// execution rebuilt step by step from what its orders did.
import { parseClientOrderId } from '../../core/client-order-id';
import type { Execution, ExecutionStep } from '../../shared/execution';
import type { OrderStep, PlanStep } from '../../shared/plan';
import { marketOfSymbol } from './execution-gateway';
import { isFinal, type JournalEntry } from './journal-record';
import type { PlanOfSteps } from './step-env';

export const RECONCILED_PROBLEM =
  'Premia stopped while this plan ran; it was reconciled when it started again.';

const isUnwind = (e: JournalEntry): boolean =>
  parseClientOrderId(e.clientOrderId)?.role === 'unwind';

/** A step's own orders (its tries), and the orders that undid its fill. */
export interface StepOrders {
  own: JournalEntry[];
  unwinds: JournalEntry[];
}

export function ordersOfStep(entries: readonly JournalEntry[], step: number): StepOrders {
  const mine = entries.filter((e) => e.kind === 'order' && e.step === step);
  return { own: mine.filter((e) => !isUnwind(e)), unwinds: mine.filter(isUnwind) };
}

export const filledOf = (entries: readonly JournalEntry[]): number =>
  entries.reduce((sum, e) => sum + e.filled, 0);

export function averageOf(entries: readonly JournalEntry[]): number | null {
  const filled = filledOf(entries);
  if (filled <= 0) return null;
  return entries.reduce((sum, e) => sum + e.filled * (e.price ?? 0), 0) / filled;
}

/** The next attempt number after `entries` (0 when there are none). */
export const nextAttemptOf = (entries: readonly JournalEntry[]): number =>
  entries.reduce((n, e) => Math.max(n, e.attempt + 1), 0);

/**
 * An order step as far as the journal knows it, for a plan no longer kept: its limit price is not
 * known (so it is never traded at one), and a futures buy is taken as closing a short, since Premia
 * only ever opens shorts.
 */
export function stepFromJournal(own: readonly JournalEntry[]): OrderStep {
  const e = own[0]!;
  const market = marketOfSymbol(e.symbol ?? '');
  const price = averageOf(own) ?? 0;
  return {
    kind: 'order',
    step: e.step,
    account: e.account,
    asset: e.asset,
    pair: e.pair,
    market,
    symbol: e.symbol ?? '',
    side: e.side ?? 'buy',
    amount: Math.max(...own.map((o) => o.amount)),
    contracts: null,
    price,
    limitPrice: Number.NaN,
    timeInForce: 'IOC',
    notional: 0,
    reduceOnly: market !== 'spot' && e.side === 'buy',
    purpose: e.side === 'buy' ? 'buy-spot' : 'sell-spot',
    fee: 0,
    feeRate: 0,
    feeSource: 'venue-default',
    slippage: 0,
    marginMode: null,
    leverage: null,
  };
}

/** The plan's steps as the journal knows them, when the plan itself is no longer kept. */
export function planFromJournal(planId: string, entries: readonly JournalEntry[]): PlanOfSteps {
  const steps = [...new Set(entries.map((e) => e.step))].sort((a, b) => a - b);
  return {
    id: planId,
    steps: steps.map((step): PlanStep => {
      const { own } = ordersOfStep(entries, step);
      if (own.length > 0) return stepFromJournal(own);
      const t = entries.find((e) => e.step === step)!;
      return {
        kind: 'transfer',
        step,
        account: t.account,
        asset: t.asset,
        pair: t.pair,
        amount: t.amount,
        from: t.from ?? 'spot',
        to: t.to ?? 'futures',
        reason: 'Journaled before Premia stopped.',
      };
    }),
  };
}

function stepView(step: PlanStep, entries: readonly JournalEntry[]): ExecutionStep {
  const base = { step: step.step, kind: step.kind, pair: step.pair, planned: step.amount };
  if (step.kind === 'transfer') {
    const t = entries.find((e) => e.kind === 'transfer' && e.step === step.step);
    if (!t) return { ...base, state: 'skipped', filled: 0, averagePrice: null, message: null };
    return {
      ...base,
      state: t.status === 'filled' ? 'done' : 'failed',
      filled: t.filled,
      averagePrice: null,
      message: t.reason,
    };
  }
  const { own } = ordersOfStep(entries, step.step);
  const filled = filledOf(own);
  const last = own.at(-1);
  const state: ExecutionStep['state'] =
    own.length === 0
      ? 'skipped'
      : own.some((e) => e.status === 'unwound')
        ? 'unwound'
        : filled >= step.amount * (1 - 1e-9)
          ? 'done'
          : filled > 0
            ? 'partial'
            : 'failed';
  return {
    ...base,
    state,
    filled,
    averagePrice: averageOf(own),
    message: own.length === 0 ? 'Not sent before Premia stopped.' : (last?.reason ?? null),
  };
}

/** The plan's execution as its journal entries tell it, after a reconciliation. */
export function executionFromJournal(
  plan: PlanOfSteps,
  entries: readonly JournalEntry[],
  finishedAt: number,
  details: { problems: string[]; nextSteps: string[] },
): Execution {
  const mine = entries.filter((e) => e.planId === plan.id);
  const open = mine.filter((e) => !isFinal(e));
  const nextSteps = [...details.nextSteps];
  for (const e of open) {
    nextSteps.push(
      `Check order ${e.clientOrderId} on the venue: it could not be looked up yet, and is looked up again when Premia next reconciles.`,
    );
  }
  if (nextSteps.length === 0) nextSteps.push('Make a new plan.');
  return {
    planId: plan.id,
    state: 'failed',
    startedAt: mine.reduce((t, e) => Math.min(t, e.firstAt), finishedAt),
    finishedAt,
    checks: [],
    steps: plan.steps.map((s) => stepView(s, mine)),
    problem: [RECONCILED_PROBLEM, ...details.problems].join(' '),
    nextSteps: [...new Set(nextSteps)],
  };
}
