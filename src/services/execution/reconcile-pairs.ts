// A pair Premia left with one leg filled beyond the other (it stopped between the legs, or an earlier
// undoing failed): hedged for the missing amount while still inside the second leg's time (the first
// leg's fill + the settings' bound, on the injected clock) and its price (a fresh book offering the
// amount within the step's limit), else the first leg undone, through the executor's pair logic.
import type { OrderStep } from '../../shared/plan';
import {
  depthWithin,
  meetsMinimum,
  toBase,
  toMarketAmount,
  type MarketUnits,
} from './execution-gateway';
import { unhedgedCauseKey, type ExposureBook } from './exposures';
import type { JournalEntry } from './journal-record';
import { isFinal } from './journal-record';
import type { LegWork } from './leg-work';
import { hedgeFirstLeg, undoUnhedged, type PairResume } from './pair-step';
import {
  averageOf,
  filledOf,
  nextAttemptOf,
  ordersOfStep,
  type StepOrders,
} from './reconcile-journal';
import type { PlanOfSteps, StepEnv } from './step-env';
import { formatAmount, heldWords, legWords, messageOf } from './step-words';

export interface PairOutcome {
  planId: string;
  pair: string;
  account: string;
  asset: string;
  /** What the first leg held unhedged when the reconciliation found it. */
  amount: number;
  /**
   * completed: the second leg hedged the rest; unwound: the first leg's excess undone; exposed: an
   * unhedged amount stands (its alarm raised); pending: an order of the pair could not be looked up.
   */
  outcome: 'completed' | 'unwound' | 'exposed' | 'pending';
  problem: string | null;
  nextSteps: string[];
}

interface PairInput {
  key: { planId: string; account: string; pair: string };
  plan: PlanOfSteps;
  entries: JournalEntry[];
  env: () => Promise<StepEnv>;
  exposures: ExposureBook;
  accountLabel: string;
  unitsOf: (asset: string, symbol: string) => Promise<MarketUnits>;
}

const TINY = 1e-12;

export async function reconcilePair(input: PairInput): Promise<PairOutcome | null> {
  const { key, plan, entries } = input;
  const steps = plan.steps.filter(
    (s): s is OrderStep => s.kind === 'order' && s.pair === key.pair && s.account === key.account,
  );
  const legs = steps
    .map((step) => ({ step, orders: ordersOfStep(entries, step.step) }))
    .filter((l) => l.orders.own.length > 0)
    .sort((a, b) => firstAtOf(a.orders) - firstAtOf(b.orders));
  const first = legs[0];
  if (!first) return null;
  if (first.orders.own.some((e) => e.status === 'unwound')) return null;
  const secondStep = steps.find((s) => s.step !== first.step.step) ?? null;
  const secondOrders: StepOrders = secondStep
    ? ordersOfStep(entries, secondStep.step)
    : { own: [], unwinds: [] };

  const F = filledOf(first.orders.own);
  const S = filledOf(secondOrders.own);
  const U = filledOf(first.orders.unwinds);
  const leg = first.step;
  const fee = leg.side === 'buy' ? feeInAssetOf(first.orders.own, leg) : 0;
  const held = F - S - U - fee;
  if (held <= TINY) return null;
  const outcome = (
    kind: PairOutcome['outcome'],
    problem: string | null,
    nextSteps: string[],
  ): PairOutcome => ({
    planId: key.planId,
    pair: key.pair,
    account: key.account,
    asset: leg.asset,
    amount: held,
    outcome: kind,
    problem,
    nextSteps,
  });

  const pairOrders = [...first.orders.own, ...first.orders.unwinds, ...secondOrders.own];
  let env: StepEnv | null = null;
  let why = 'an order of the pair could not be looked up';
  try {
    if (!pairOrders.some((e) => !isFinal(e))) env = await input.env();
  } catch (error) {
    why = `the account could not be reached (${messageOf(error)})`;
  }
  const exposure = {
    planId: key.planId,
    pair: key.pair,
    asset: leg.asset,
    accountId: key.account,
    accountLabel: input.accountLabel,
    amount: held,
    held: heldWords(leg),
  };
  const checkByHand = [
    `Check the ${leg.asset} ${leg.market === 'spot' ? 'spot balance' : 'position'} on ${input.accountLabel}: ${formatAmount(held)} ${leg.asset} may be unhedged. Hedge or close it by hand, then acknowledge its alert.`,
  ];
  // An undoing that failed was told to the user, who may have dealt with the position by hand since:
  // the journal cannot tell, so nothing more is sent on Premia's own and the alarm stands.
  if (first.orders.unwinds.some((e) => e.status === 'failed')) {
    input.exposures.raise({
      ...exposure,
      why: 'undoing its first leg failed earlier, and Premia does not try again on its own',
    });
    return outcome(
      'exposed',
      `The ${leg.asset} pair is one-legged: undoing its first leg failed earlier.`,
      checkByHand,
    );
  }
  if (env === null) {
    input.exposures.raise({ ...exposure, why: `Premia stopped between its legs, and ${why}` });
    return outcome('pending', `The ${leg.asset} pair may be one-legged: ${why}.`, checkByHand);
  }

  try {
    const firstUnits = await input.unitsOf(leg.asset, leg.symbol);
    const price = averageOf(first.orders.own) ?? leg.price;
    const canUndo = meetsMinimum(firstUnits, toMarketAmount(firstUnits, held), price);
    const secondUnits = secondStep
      ? await input.unitsOf(secondStep.asset, secondStep.symbol)
      : null;
    const hedge =
      secondStep && secondUnits
        ? toBase(secondUnits, toMarketAmount(secondUnits, Math.min(F, secondStep.amount)))
        : 0;
    const missing = hedge - S;
    const canHedge =
      secondStep !== null &&
      secondUnits !== null &&
      Number.isFinite(secondStep.limitPrice) &&
      meetsMinimum(secondUnits, toMarketAmount(secondUnits, missing), secondStep.limitPrice);
    if (!canUndo && !canHedge) return null;

    const { secondLegTimeoutSeconds, secondLegAttempts } = env.settings().execution;
    const filledAt = first.orders.own
      .filter((e) => e.filled > 0)
      .reduce((t, e) => Math.max(t, e.firstAt), 0);
    const deadline = filledAt + secondLegTimeoutSeconds * 1_000;
    const resume: PairResume = {
      hedged: S,
      nextAttempt: nextAttemptOf(secondOrders.own),
      tries: Math.max(1, secondLegAttempts - secondOrders.own.length),
      deadline,
      unwound: U,
      nextUnwind: nextAttemptOf(first.orders.unwinds),
    };
    const firstWork: LegWork = {
      filled: F,
      averagePrice: averageOf(first.orders.own),
      feeInAsset: fee,
      entries: first.orders.own,
      nextAttempt: nextAttemptOf(first.orders.own),
      problem: null,
      unknown: false,
    };
    const firstLeg = { step: leg, units: firstUnits };
    const secondWords = secondStep ? legWords(secondStep) : 'its other leg';

    let undoWhy: string | null = null;
    if (U > 0) undoWhy = 'undoing its first leg had begun';
    else if (!secondStep || !Number.isFinite(secondStep.limitPrice))
      undoWhy = `the plan is no longer kept, so ${secondWords}'s limit price is not known`;
    else if (!canHedge) undoWhy = `what is missing is below ${secondStep.symbol}'s smallest order`;
    else if (env.now() > deadline)
      undoWhy = `its time (${secondLegTimeoutSeconds} s after the first leg filled) had passed`;
    else {
      const book = await env.gateway.fetchOrderBook(secondStep.symbol);
      const depth = depthWithin(
        secondUnits!,
        book,
        secondStep.side,
        secondStep.limitPrice,
        missing,
      );
      if (depth < missing * (1 - 1e-9)) {
        undoWhy = `the book no longer offers the ${formatAmount(missing)} ${secondStep.asset} missing within its limit price`;
      }
    }

    const result =
      undoWhy === null
        ? await hedgeFirstLeg(env, {
            pair: key.pair,
            first: firstLeg,
            second: { step: secondStep!, units: secondUnits! },
            firstWork,
            resume,
          })
        : await undoUnhedged(env, {
            pair: key.pair,
            first: firstLeg,
            firstWork,
            hedged: S,
            why: `Premia stopped before ${secondWords} was completed, and ${undoWhy}`,
            resume,
          });
    const standing = env.exposures
      .list()
      .some((c) => c.cause === unhedgedCauseKey(key.planId, key.pair));
    const kind = standing
      ? 'exposed'
      : undoWhy === null && result.carryOn
        ? 'completed'
        : 'unwound';
    return outcome(kind, result.problem, result.nextSteps);
  } catch (error) {
    const problem = messageOf(error);
    input.exposures.raise({
      ...exposure,
      why: `Premia stopped before its other leg was completed, and it could not be finished: ${problem}`,
    });
    return outcome(
      'exposed',
      `The ${leg.asset} pair could not be finished: ${problem}`,
      checkByHand,
    );
  }
}

/**
 * Binance's standard spot taker rate: an order looked up (rather than answered) comes back without
 * its fee, and a purchase's fee may have been taken from the coin bought.
 */
const UNKNOWN_FEE_RATE = 0.001;

/**
 * The fees a purchase paid in the coin it bought. An order whose fee is not known is taken to have
 * paid it so (at the plan's rate, else the venue's standard one): undoing it then sells a little
 * less than was bought, never coin the user held before.
 */
function feeInAssetOf(own: readonly JournalEntry[], leg: OrderStep): number {
  const rate = leg.feeRate > 0 ? leg.feeRate : UNKNOWN_FEE_RATE;
  return own.reduce((sum, e) => {
    if (e.filled <= 0) return sum;
    if (e.fee === null) return sum + e.filled * rate;
    return sum + (e.feeCurrency === leg.asset ? e.fee : 0);
  }, 0);
}

function firstAtOf(orders: StepOrders): number {
  return orders.own.reduce((t, e) => Math.min(t, e.firstAt), Number.POSITIVE_INFINITY);
}
