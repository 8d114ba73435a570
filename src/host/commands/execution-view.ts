// An execution as `premia execute` and `premia flatten` print it: the Execution object of fixed shape
// for --json, or for people each step with its state, what filled of what was planned and at what
// price, then the problem and what to do next; and one line per step as it moves on.
import { formatPrice } from '../../core';
import type { Execution, ExecutionStep } from '../../shared/execution';
import type { PlanStep, RebalancePlan } from '../../shared/plan';
import { textTable } from '../text-table';
import { formatUtcTime } from '../utc-time';
import { formatAmount } from './plan-view';

/** The execution key for key, so nothing the API may add later slips into the promised shape. */
export function executionJson(execution: Execution): Execution {
  return {
    planId: execution.planId,
    state: execution.state,
    startedAt: execution.startedAt,
    finishedAt: execution.finishedAt,
    checks: execution.checks.map((c) => ({ code: c.code, ok: c.ok, message: c.message })),
    steps: execution.steps.map((s) => ({
      step: s.step,
      kind: s.kind,
      pair: s.pair,
      state: s.state,
      planned: s.planned,
      filled: s.filled,
      averagePrice: s.averagePrice,
      message: s.message,
    })),
    problem: execution.problem,
    nextSteps: [...execution.nextSteps],
  };
}

/** What a plan step does, in a few words: `buy spot BTC/USDT`, `transfer USDT spot → futures`. */
function stepWhat(step: PlanStep | undefined): string {
  if (step === undefined) return '';
  if (step.kind === 'transfer') return `transfer ${step.asset} ${step.from} → ${step.to}`;
  return `${step.side} ${step.market} ${step.symbol}${step.reduceOnly ? ' (reduce only)' : ''}`;
}

const filledOfPlanned = (s: ExecutionStep): string =>
  `${formatAmount(s.filled)} of ${formatAmount(s.planned)}`;

const price = (s: ExecutionStep): string =>
  s.averagePrice === null ? '' : formatPrice(s.averagePrice);

/** The plan's steps by number, to name what each step of the execution does. */
function stepsByNumber(plan: RebalancePlan): Map<number, PlanStep> {
  return new Map(plan.steps.map((s) => [s.step, s]));
}

const ENDINGS: Record<Execution['state'], string> = {
  done: 'Done: every step was carried out as planned.',
  refused: 'Refused: nothing was sent.',
  failed: 'Failed: the execution stopped with something left undone.',
  running: 'Still running: the execution had not ended when it answered.',
};

export function executionTable(execution: Execution, plan: RebalancePlan): string[] {
  const planned = stepsByNumber(plan);
  const lines: string[] = [];
  const ended =
    execution.finishedAt === null ? '' : `, ended ${formatUtcTime(execution.finishedAt)}`;
  lines.push(
    `Execution of plan ${execution.planId}, started ${formatUtcTime(execution.startedAt)}${ended}`,
  );
  if (execution.steps.length > 0) {
    lines.push('');
    lines.push(
      ...textTable(
        [
          { title: 'Step', align: 'right' },
          { title: 'What', align: 'left' },
          { title: 'State', align: 'left' },
          { title: 'Filled', align: 'right' },
          { title: 'Price', align: 'right' },
          { title: 'Note', align: 'left' },
        ],
        execution.steps.map((s) => [
          String(s.step),
          stepWhat(planned.get(s.step)),
          s.state,
          filledOfPlanned(s),
          price(s),
          s.message ?? '',
        ]),
      ),
    );
  }
  const failed = execution.checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    lines.push('', 'Checks that failed');
    for (const c of failed) lines.push(`  FAILED  ${c.message}`);
  }
  if (execution.problem !== null) lines.push('', `Problem: ${execution.problem}`);
  if (execution.nextSteps.length > 0) {
    lines.push('', 'Next steps');
    for (const next of execution.nextSteps) lines.push(`  - ${next}`);
  }
  lines.push('', ENDINGS[execution.state]);
  return lines;
}

/** A step as it moved on: `Step 2 (sell perp BTC/USDT:USDT): done, 0.05 of 0.05 at 50,030`. */
function progressLine(s: ExecutionStep, planned: PlanStep | undefined): string {
  const what = stepWhat(planned);
  const head = `Step ${s.step}${what === '' ? '' : ` (${what})`}: ${s.state}`;
  const fill = s.filled > 0 || s.state !== 'working' ? `, ${filledOfPlanned(s)}` : '';
  const at = s.averagePrice === null ? '' : ` at ${formatPrice(s.averagePrice)}`;
  const why = s.message === null ? '' : ` (${s.message})`;
  return `${head}${fill}${at}${why}`;
}

/**
 * Turns the execution events of one plan into lines for people: one for each step whose state or fill
 * changed since the last event, none for a step still pending.
 */
export function progressPrinter(plan: RebalancePlan): (execution: Execution) => string[] {
  const planned = stepsByNumber(plan);
  const seen = new Map<number, string>();
  return (execution) => {
    if (execution.planId !== plan.id) return [];
    const lines: string[] = [];
    for (const s of execution.steps) {
      if (s.state === 'pending') continue;
      const line = progressLine(s, planned.get(s.step));
      if (seen.get(s.step) === line) continue;
      seen.set(s.step, line);
      lines.push(line);
    }
    return lines;
  };
}
