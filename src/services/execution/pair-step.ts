// A two-leg trade (a plan pair: a spot leg and a futures leg of one asset). Both books are read again
// and the thinner leg (the one whose book offers less of its planned amount inside its protected
// limit) is worked first; the other leg then follows for the amount actually filled, in tries bounded
// by the settings' attempts and time. When the second leg cannot be completed, the part of the first
// leg's fill left unhedged is undone, and until it is, it stands as an unhedged exposure.
import type { OrderStep } from '../../shared/plan';
import {
  depthWithin,
  meetsMinimum,
  toBase,
  toMarketAmount,
  type MarketUnits,
} from './execution-gateway';
import type { Exposure } from './exposures';
import { unwindLeg, workLeg, type LegWork } from './leg-work';
import { changeOf } from './order-follow';
import { prepareShort, reportLeg, unitsOf } from './order-step';
import { ORDER_TRIES, RETRY_GAP_MS, type StepEnv, type StepResult } from './step-env';
import { describeOrder, formatAmount, heldWords, legWords, messageOf } from './step-words';

export interface Leg {
  step: OrderStep;
  units: MarketUnits;
}

/** The legs in the order they are worked: the thinner first, the plan's order on a tie. */
export async function thinnerFirst(env: StepEnv, legs: [Leg, Leg]): Promise<[Leg, Leg]> {
  const books = await Promise.all(legs.map((l) => env.gateway.fetchOrderBook(l.units.symbol)));
  const share = legs.map((l, i) => {
    const s = l.step;
    return depthWithin(l.units, books[i]!, s.side, s.limitPrice, s.amount) / s.amount;
  });
  return share[1]! < share[0]! ? [legs[1], legs[0]] : legs;
}

const legOrder = (env: StepEnv, s: OrderStep) => ({
  planId: env.plan.id,
  step: s.step,
  pair: s.pair,
  account: s.account,
  asset: s.asset,
  side: s.side,
  reduceOnly: s.reduceOnly,
});

const noWork = (problem: string): LegWork => ({
  filled: 0,
  averagePrice: null,
  feeInAsset: 0,
  entries: [],
  nextAttempt: 0,
  problem,
  unknown: false,
});

export async function runPairStep(
  env: StepEnv,
  steps: [OrderStep, OrderStep],
): Promise<StepResult> {
  const pair = steps[0].pair ?? `step-${steps[0].step}`;
  for (const s of steps) env.progress.update(s.step, { state: 'working' });
  let first: Leg;
  let second: Leg;
  try {
    const legs: [Leg, Leg] = [
      { step: steps[0], units: await unitsOf(env, steps[0]) },
      { step: steps[1], units: await unitsOf(env, steps[1]) },
    ];
    for (const s of steps) await prepareShort(env.gateway, s);
    [first, second] = await thinnerFirst(env, legs);
  } catch (error) {
    const problem = messageOf(error);
    for (const s of steps)
      env.progress.update(s.step, { state: 'failed', message: `Not sent: ${problem}` });
    return {
      carryOn: false,
      problem: `The ${steps[0].asset} pair was not sent: ${problem}`,
      nextSteps: ['Make a new plan: nothing of this pair or the steps after it was executed.'],
    };
  }

  const firstWork = await workLeg(
    env,
    legOrder(env, first.step),
    first.units,
    first.step.amount,
    first.step.limitPrice,
    {
      firstAttempt: 0,
      tries: ORDER_TRIES,
      gapMs: RETRY_GAP_MS,
      deadline: null,
      chase: false,
      retryRefused: false,
    },
  );
  const firstResult = reportLeg(env, first.step, firstWork, first.step.amount);
  if (firstWork.unknown || firstWork.filled === 0) {
    env.progress.update(second.step.step, {
      state: 'skipped',
      message: `Left out: ${legWords(first.step)} ${firstWork.unknown ? 'has an order whose outcome is not known' : 'filled nothing'}.`,
    });
    return { ...firstResult, carryOn: false };
  }

  return hedgeFirstLeg(env, { pair, first, second, firstWork });
}

/** A pair whose first leg is over: its fills, and (after a restart) what was done after it. */
export interface FirstLegDone {
  pair: string;
  first: Leg;
  second: Leg;
  /** The first leg's own orders: what they filled, at what price, with which fee. */
  firstWork: LegWork;
  /** Set when the pair is taken up again after Premia stopped while it ran. */
  resume?: PairResume;
}

export interface PairResume {
  /** What the second leg's orders filled already. */
  hedged: number;
  /** The second leg's next attempt number, and how many tries are left to it. */
  nextAttempt: number;
  tries: number;
  /** No try of the second leg starts after this time (the first leg's fill + the settings' bound). */
  deadline: number;
  /** What undoing orders filled already, and the next undoing attempt number. */
  unwound: number;
  nextUnwind: number;
}

/**
 * The second leg hedges what the first filled (never above its own plan, on its own grid), in tries
 * bounded by the settings' attempts and time; what stays unhedged is undone, and stands as an
 * unhedged exposure until it is. A start-up reconciliation resumes a pair here too.
 */
export async function hedgeFirstLeg(env: StepEnv, done: FirstLegDone): Promise<StepResult> {
  const { pair, first, second, firstWork, resume } = done;
  const filled = firstWork.filled;
  const { secondLegTimeoutSeconds, secondLegAttempts } = env.settings().execution;
  const timeoutMs = secondLegTimeoutSeconds * 1_000;
  const hedge = toBase(
    second.units,
    toMarketAmount(second.units, Math.min(filled, second.step.amount)),
  );
  const before = resume?.hedged ?? 0;
  const missing = hedge - before;
  const secondWork = meetsMinimum(
    second.units,
    toMarketAmount(second.units, missing),
    second.step.limitPrice,
  )
    ? await workLeg(
        env,
        legOrder(env, second.step),
        second.units,
        missing,
        second.step.limitPrice,
        {
          firstAttempt: resume?.nextAttempt ?? 0,
          tries: resume?.tries ?? secondLegAttempts,
          gapMs: Math.floor(timeoutMs / secondLegAttempts),
          deadline: resume?.deadline ?? env.now() + timeoutMs,
          chase: true,
          retryRefused: true,
        },
      )
    : noWork(
        before > 0
          ? `the ${formatAmount(missing)} ${first.step.asset} left is below ${second.units.symbol}'s smallest order`
          : `${formatAmount(filled)} ${first.step.asset} is below ${second.units.symbol}'s smallest order`,
      );
  const hedged = before + secondWork.filled;
  const secondMessage = (text: string | null) =>
    env.progress.update(second.step.step, {
      state: hedged >= second.step.amount * (1 - 1e-9) ? 'done' : hedged > 0 ? 'partial' : 'failed',
      filled: hedged,
      averagePrice: secondWork.averagePrice,
      message: text,
    });

  if (!secondWork.unknown && hedged > 0 && hedged >= hedge * (1 - 1e-9)) {
    const dust = filled - hedged;
    const partial = filled < first.step.amount * (1 - 1e-9);
    const notes = [
      partial
        ? `Hedged the ${formatAmount(filled)} ${first.step.asset} ${legWords(first.step).replace(/^the /, '')} filled, of ${formatAmount(first.step.amount)} planned.`
        : null,
      dust > 1e-12
        ? `${formatAmount(dust)} ${first.step.asset} is left unhedged: below ${second.units.symbol}'s order step.`
        : null,
    ].filter((n): n is string => n !== null);
    secondMessage(notes.length ? notes.join(' ') : null);
    if (!partial) return { carryOn: true, problem: null, nextSteps: [] };
    return {
      carryOn: true,
      problem: `The ${first.step.asset} pair filled ${formatAmount(filled)} of ${formatAmount(first.step.amount)} ${first.step.asset}, hedged exactly.`,
      nextSteps: ['Make a new plan for what is left.'],
    };
  }

  // The second leg fell short: what the first filled beyond it is unhedged until it is undone.
  const why = `${legWords(second.step)} could not be completed (${secondWork.problem ?? 'no fill within its limit'})`;
  const exposure = {
    planId: env.plan.id,
    pair,
    asset: first.step.asset,
    accountId: first.step.account,
    accountLabel: env.accountLabel,
    held: heldWords(first.step),
    why,
  };
  const unhedged = filled - hedged;
  env.exposures.raise({ ...exposure, amount: unhedged });
  secondMessage(`Could not be completed: ${secondWork.problem ?? 'no fill within its limit'}`);
  if (secondWork.unknown) {
    return {
      carryOn: false,
      problem: `The ${first.step.asset} pair stopped: ${secondWork.problem ?? 'an order of its second leg has an unknown outcome'}`,
      nextSteps: [
        `Check ${legWords(second.step)} on ${env.accountLabel}: whether its last order filled is not known, so ${formatAmount(unhedged)} ${first.step.asset} may be unhedged.`,
      ],
    };
  }
  return undoFirstLeg(env, first, firstWork, hedged, exposure, {
    before: resume?.unwound ?? 0,
    nextAttempt: resume?.nextUnwind ?? 0,
  });
}

/**
 * Undoes what a pair's first leg filled beyond its hedge without trying the second leg again (a
 * reconciliation past the second leg's time or price), the exposure standing until it is undone.
 */
export async function undoUnhedged(
  env: StepEnv,
  done: Omit<FirstLegDone, 'second'> & { hedged: number; why: string },
): Promise<StepResult> {
  const { first, firstWork, hedged } = done;
  const exposure = {
    planId: env.plan.id,
    pair: done.pair,
    asset: first.step.asset,
    accountId: first.step.account,
    accountLabel: env.accountLabel,
    held: heldWords(first.step),
    why: done.why,
  };
  const before = done.resume?.unwound ?? 0;
  env.exposures.raise({ ...exposure, amount: Math.max(firstWork.filled - hedged - before, 0) });
  return undoFirstLeg(env, first, firstWork, hedged, exposure, {
    before,
    nextAttempt: done.resume?.nextUnwind ?? 0,
  });
}

async function undoFirstLeg(
  env: StepEnv,
  first: Leg,
  firstWork: LegWork,
  hedged: number,
  exposure: Omit<Exposure, 'amount'>,
  unwound: { before: number; nextAttempt: number },
): Promise<StepResult> {
  const leg = first.step;
  // A purchase's fee may have been taken from the coin bought: only what is held can be sold back.
  const held =
    firstWork.filled - hedged - (leg.side === 'buy' ? firstWork.feeInAsset : 0) - unwound.before;
  const undo = await unwindLeg(env, leg, first.units, held, unwound.nextAttempt);
  const left = held - undo.filled;
  const price = firstWork.averagePrice ?? leg.price;
  const gone =
    !undo.unknown &&
    (left <= 1e-12 || !meetsMinimum(first.units, toMarketAmount(first.units, left), price));
  const problemStart = `The ${leg.asset} pair could not be completed: ${exposure.why}.`;
  if (gone) {
    env.exposures.clear(env.plan.id, exposure.pair);
    if (hedged === 0) {
      for (const e of firstWork.entries.filter((x) => x.filled > 0)) {
        await env.journal
          .append(
            changeOf(e, {
              status: 'unwound',
              live: false,
              reason: 'Undone: the other leg of its pair could not be completed.',
            }),
          )
          .catch((error: unknown) =>
            env.logger.error(
              `journal: ${e.clientOrderId} unwound not recorded: ${messageOf(error)}`,
            ),
          );
      }
    }
    env.progress.update(leg.step, {
      state: hedged === 0 ? 'unwound' : 'partial',
      message: `Undone: ${describeOrder({ ...leg, side: leg.side === 'buy' ? 'sell' : 'buy' }, undo.filled)}${left > 1e-12 ? ` (${formatAmount(left)} ${leg.asset} too small to trade is left)` : ''}.`,
    });
    return {
      carryOn: false,
      problem: `${problemStart} ${hedged > 0 ? `${formatAmount(hedged)} ${leg.asset} stays hedged; the rest of the fill was undone.` : 'The first leg was undone.'}`,
      nextSteps: ['Make a new plan: the steps after this pair were not executed.'],
    };
  }
  env.exposures.raise({ ...exposure, amount: Math.max(left, 0) });
  env.progress.update(leg.step, {
    message: `Could not be undone: ${undo.problem ?? 'no fill within the limit'}. ${formatAmount(left)} ${leg.asset} is unhedged.`,
  });
  return {
    carryOn: false,
    problem: `${problemStart} Undoing the first leg failed too: ${formatAmount(left)} ${leg.asset} is unhedged.`,
    nextSteps: [
      `Check the ${leg.asset} ${leg.market === 'spot' ? 'spot balance' : 'position'} on ${env.accountLabel}: ${formatAmount(left)} ${leg.asset} ${exposure.held} is not hedged. Hedge or close it by hand.`,
    ],
  };
}
