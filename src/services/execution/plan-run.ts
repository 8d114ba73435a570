// Carrying a plan's steps out in the plan's order: a transfer, a pair (both legs of one trade on one
// account, worked together) or a lone order each in turn. A step that fails stops the plan: every step
// after it is left out, and what went wrong and what to do is gathered for the execution.
import type { OrderStep, PlanStep, RebalancePlan } from '../../shared/plan';
import type { ExecutionProgress } from './execution-progress';
import { runOrderStep } from './order-step';
import { runPairStep } from './pair-step';
import type { StepEnv, StepResult } from './step-env';
import { messageOf } from './step-words';
import { runTransferStep } from './transfer-step';

export interface PlanOutcome {
  problems: string[];
  nextSteps: string[];
}

/** The other order of the step's pair on the same account, when it has one. */
export function partnerOf(plan: Pick<RebalancePlan, 'steps'>, step: OrderStep): OrderStep | null {
  if (step.pair === null) return null;
  const other = plan.steps.find(
    (s): s is OrderStep =>
      s.kind === 'order' &&
      s.step !== step.step &&
      s.pair === step.pair &&
      s.account === step.account,
  );
  return other ?? null;
}

async function runStep(env: StepEnv, step: PlanStep, handled: Set<number>): Promise<StepResult> {
  if (step.kind === 'transfer') return runTransferStep(env, step);
  const partner = partnerOf(env.plan, step);
  if (!partner) return runOrderStep(env, step);
  handled.add(partner.step);
  return runPairStep(env, [step, partner]);
}

export async function runPlanSteps(
  plan: RebalancePlan,
  progress: ExecutionProgress,
  envFor: (account: string) => Promise<StepEnv>,
): Promise<PlanOutcome> {
  const outcome: PlanOutcome = { problems: [], nextSteps: [] };
  const handled = new Set<number>();
  for (const step of plan.steps) {
    if (handled.has(step.step)) continue;
    handled.add(step.step);
    let result: StepResult;
    try {
      result = await runStep(await envFor(step.account), step, handled);
    } catch (error) {
      // A fault of the executor itself, or an account it cannot reach: stop rather than guess.
      const problem = messageOf(error);
      if (
        progress.stepOf(step.step).state === 'pending' ||
        progress.stepOf(step.step).state === 'working'
      ) {
        progress.update(step.step, { state: 'failed', message: problem });
      }
      result = {
        carryOn: false,
        problem: `Step ${step.step} stopped: ${problem}`,
        nextSteps: [`Check the open orders and balances on ${step.account}.`, 'Make a new plan.'],
      };
    }
    if (result.problem) outcome.problems.push(result.problem);
    for (const next of result.nextSteps) {
      if (!outcome.nextSteps.includes(next)) outcome.nextSteps.push(next);
    }
    if (!result.carryOn) {
      progress.skipRest('Left out: the plan stopped at an earlier step.');
      break;
    }
  }
  return outcome;
}
