// A plan's order that stands alone (a spot purchase or sale, a short closed, a hedge of spot already
// held): the contract's margin mode and leverage set first when it opens a short, then the order
// itself, tried again only when the venue did not take it.
import type { OrderStep } from '../../shared/plan';
import { marketUnits, type ExecutionGateway, type MarketUnits } from './execution-gateway';
import { workLeg, type LegWork } from './leg-work';
import { ORDER_TRIES, RETRY_GAP_MS, stepDone, type StepEnv, type StepResult } from './step-env';
import { describeOrder, formatAmount, messageOf } from './step-words';

/** Whether the order opens (or adds to) a short, whose margin mode and leverage are set first. */
export const opensShort = (step: OrderStep): boolean =>
  step.market !== 'spot' && step.side === 'sell' && !step.reduceOnly;

/** Sets the contract's margin mode and leverage the plan asks for ("already so" is success). */
export async function prepareShort(gateway: ExecutionGateway, step: OrderStep): Promise<void> {
  if (!opensShort(step)) return;
  if (step.marginMode !== null) await gateway.setMarginMode(step.symbol, step.marginMode);
  if (step.leverage !== null) await gateway.setLeverage(step.symbol, step.leverage);
}

/** The units of the step's market, with the failure in words for the step. */
export async function unitsOf(env: StepEnv, step: OrderStep): Promise<MarketUnits> {
  return marketUnits(env.gateway, step.asset, step.symbol);
}

/** What the step's tries came to, on the step and in the result. */
export function reportLeg(
  env: StepEnv,
  step: OrderStep,
  work: LegWork,
  target: number,
): StepResult {
  const state =
    work.filled >= target * (1 - 1e-9) ? 'done' : work.filled > 0 ? 'partial' : 'failed';
  const what = describeOrder(step, target);
  const message =
    state === 'done'
      ? null
      : state === 'partial'
        ? `Filled ${formatAmount(work.filled)} of ${formatAmount(target)} ${step.asset}: ${work.problem ?? 'the book had no more within the limit price'}`
        : `Nothing filled: ${work.problem ?? 'the book offered nothing within the limit price'}`;
  env.progress.update(step.step, {
    state,
    filled: work.filled,
    averagePrice: work.averagePrice,
    message,
  });
  if (work.unknown) {
    const last = work.entries.at(-1);
    return {
      carryOn: false,
      problem: `Step ${step.step} (${what}): ${work.problem ?? 'its outcome is not known'}`,
      nextSteps: [
        `Check order ${last?.clientOrderId ?? `of step ${step.step}`} on ${env.accountLabel}: whether it filled is not known yet.`,
        'Make a new plan once it is settled.',
      ],
    };
  }
  if (state === 'done') return stepDone;
  if (state === 'partial') {
    return {
      carryOn: true,
      problem: `Step ${step.step} (${what}) filled ${formatAmount(work.filled)} ${step.asset} only.`,
      nextSteps: ['Make a new plan for what is left.'],
    };
  }
  return {
    carryOn: false,
    problem: `Step ${step.step} (${what}) filled nothing: ${work.problem ?? 'the book offered nothing within the limit price'}`,
    nextSteps: ['Make a new plan: the steps after this one were not executed.'],
  };
}

export async function runOrderStep(env: StepEnv, step: OrderStep): Promise<StepResult> {
  env.progress.update(step.step, { state: 'working' });
  let units: MarketUnits;
  try {
    units = await unitsOf(env, step);
    await prepareShort(env.gateway, step);
  } catch (error) {
    const problem = messageOf(error);
    env.progress.update(step.step, { state: 'failed', message: `Not sent: ${problem}` });
    return {
      carryOn: false,
      problem: `Step ${step.step} (${describeOrder(step, step.amount)}) was not sent: ${problem}`,
      nextSteps: ['Make a new plan: nothing of this step or the ones after it was executed.'],
    };
  }
  const work = await workLeg(
    env,
    {
      planId: env.plan.id,
      step: step.step,
      pair: step.pair,
      account: step.account,
      asset: step.asset,
      side: step.side,
      reduceOnly: step.reduceOnly,
    },
    units,
    step.amount,
    step.limitPrice,
    {
      firstAttempt: 0,
      tries: ORDER_TRIES,
      gapMs: RETRY_GAP_MS,
      deadline: null,
      chase: false,
      retryRefused: false,
    },
  );
  return reportLeg(env, step, work, step.amount);
}
