// How the Rebalance page words an execution: whether a plan may be executed now and, if not, why; each
// step's state as it runs; and the result once it has ended.
import { formatPrice } from '../../../core/format';
import type {
  Execution,
  ExecutionState,
  ExecutionStep,
  ExecutionStepState,
} from '../../../shared/execution';
import type { RebalancePlan } from '../../../shared/plan';
import { formatQuantity } from '../portfolio/value-text';
import { expiryText } from './plan-view';
import { stepRows, type StepRow } from './plan-rows';

export interface ExecuteReadiness {
  ready: boolean;
  /** Why the plan may not be executed, one sentence each: the failed checks, or its expiry. */
  reasons: string[];
}

/** A plan may be executed only while every check passes and it has not expired. */
export function executeReadiness(
  plan: Pick<RebalancePlan, 'checks' | 'expiresAt' | 'ready' | 'steps'>,
  now: number,
): ExecuteReadiness {
  const reasons: string[] = [];
  if (expiryText(plan.expiresAt, now).expired) {
    reasons.push('The plan has expired: make a new one.');
  }
  for (const check of plan.checks) if (!check.ok) reasons.push(check.message);
  if (reasons.length === 0 && !plan.ready) reasons.push('The plan is not ready.');
  if (reasons.length === 0 && plan.steps.length === 0) {
    reasons.push('The plan has no steps: there is nothing to execute.');
  }
  return { ready: reasons.length === 0, reasons };
}

export const STEP_STATE_LABELS: Record<ExecutionStepState, string> = {
  pending: 'Pending',
  working: 'Working',
  done: 'Done',
  partial: 'Partly filled',
  failed: 'Failed',
  skipped: 'Skipped',
  unwound: 'Unwound',
};

export const STEP_STATE_COLORS: Record<ExecutionStepState, string> = {
  pending: 'gray',
  working: 'blue',
  done: 'teal',
  partial: 'yellow',
  failed: 'red',
  skipped: 'gray',
  unwound: 'orange',
};

/** A mark beside the state's word, so the state never rests on colour alone. */
const STEP_STATE_MARKS: Record<ExecutionStepState, string> = {
  pending: '○',
  working: '…',
  done: '✓',
  partial: '◐',
  failed: '✕',
  skipped: '–',
  unwound: '↺',
};

export interface ExecutionStepRow {
  key: string;
  /** 1, 2, 3 … in execution order. */
  number: number;
  /** The step as the plan words it: 'Buy 0.05 BTC (spot)'; its kind alone when the plan is not at hand. */
  what: string;
  state: ExecutionStepState;
  label: string;
  color: string;
  mark: string;
  /** 'Filled 0.04 of 0.05 at 64,010.50', or null before anything filled. */
  progress: string | null;
  message: string | null;
}

function progressText(step: ExecutionStep): string | null {
  if (step.filled <= 0 && step.averagePrice === null) return null;
  const done = step.kind === 'transfer' ? 'Moved' : 'Filled';
  const at = step.averagePrice === null ? '' : ` at ${formatPrice(step.averagePrice)}`;
  return `${done} ${formatQuantity(step.filled)} of ${formatQuantity(step.planned)}${at}`;
}

/** Every step of the execution in order, worded with the plan's own sentences when it is known. */
export function executionStepRows(
  execution: Pick<Execution, 'steps'>,
  plan: Pick<RebalancePlan, 'steps'> | null,
  accountLabel: (id: string) => string = (id) => id,
): ExecutionStepRow[] {
  const planned = new Map<number, StepRow>();
  if (plan !== null) for (const row of stepRows(plan, accountLabel)) planned.set(row.number, row);
  return [...execution.steps]
    .sort((a, b) => a.step - b.step)
    .map((step) => {
      const number = step.step + 1;
      return {
        key: `run-${step.step}`,
        number,
        what: planned.get(number)?.what ?? (step.kind === 'transfer' ? 'Transfer' : 'Order'),
        state: step.state,
        label: STEP_STATE_LABELS[step.state],
        color: STEP_STATE_COLORS[step.state],
        mark: STEP_STATE_MARKS[step.state],
        progress: progressText(step),
        message: step.message,
      };
    });
}

export interface ExecutionResult {
  state: ExecutionState;
  finished: boolean;
  title: string;
  color: string;
  /** Why it was refused or stopped; null when it ran through. */
  problem: string | null;
  nextSteps: string[];
  /** '3 of 4 steps done' while running and after. */
  summary: string;
}

const RESULT_TITLES: Record<ExecutionState, string> = {
  running: 'Executing the plan…',
  done: 'Done: every step was carried out',
  failed: 'Failed: the plan stopped with something left undone',
  refused: 'Refused: nothing was sent',
};

const RESULT_COLORS: Record<ExecutionState, string> = {
  running: 'blue',
  done: 'teal',
  failed: 'red',
  refused: 'orange',
};

export function executionResult(execution: Execution): ExecutionResult {
  const done = execution.steps.filter((s) => s.state === 'done').length;
  const total = execution.steps.length;
  return {
    state: execution.state,
    finished: execution.state !== 'running',
    title: RESULT_TITLES[execution.state],
    color: RESULT_COLORS[execution.state],
    problem: execution.problem,
    nextSteps: execution.nextSteps,
    summary:
      total === 0 ? 'No steps' : `${done} of ${total} ${total === 1 ? 'step' : 'steps'} done`,
  };
}

/**
 * The view to keep of one execution when another arrives: an answer read before the last event may
 * come after it, and an ended execution never goes back to running.
 */
export function laterExecution(held: Execution | null, next: Execution): Execution {
  if (held === null || held.planId !== next.planId) return next;
  // An ended execution never goes back to running.
  if (held.state !== 'running' && next.state === 'running') return held;
  return next;
}
