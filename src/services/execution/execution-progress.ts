// How one execution stands, kept as it moves on and told to whoever listens after every change: the
// plan's steps with what each filled, the checks judged again at the start, and at the end why it
// stopped and what the user should do.
import type { Execution, ExecutionState, ExecutionStep } from '../../shared/execution';
import type { PlanCheck, RebalancePlan } from '../../shared/plan';

export class ExecutionProgress {
  private state: Execution;

  constructor(
    plan: Pick<RebalancePlan, 'id' | 'steps'>,
    private readonly now: () => number,
    private readonly changed: (execution: Execution) => void,
  ) {
    this.state = {
      planId: plan.id,
      state: 'running',
      startedAt: now(),
      finishedAt: null,
      checks: [],
      steps: plan.steps.map((s): ExecutionStep => ({
        step: s.step,
        kind: s.kind,
        pair: s.pair,
        state: 'pending',
        planned: s.amount,
        filled: 0,
        averagePrice: null,
        message: null,
      })),
      problem: null,
      nextSteps: [],
    };
  }

  /** A copy of the execution as it stands. */
  get execution(): Execution {
    return structuredClone(this.state);
  }

  stepOf(step: number): ExecutionStep {
    const found = this.state.steps.find((s) => s.step === step);
    if (!found) throw new Error(`the plan has no step ${step}`);
    return { ...found };
  }

  /** Announces the execution as it starts. */
  start(): void {
    this.publish();
  }

  checked(checks: PlanCheck[]): void {
    this.state = { ...this.state, checks };
    this.publish();
  }

  update(step: number, patch: Partial<Omit<ExecutionStep, 'step' | 'kind' | 'pair'>>): void {
    this.state = {
      ...this.state,
      steps: this.state.steps.map((s) => (s.step === step ? { ...s, ...patch } : s)),
    };
    this.publish();
  }

  /** Marks every step not begun as left out, with why. */
  skipRest(message: string): void {
    this.state = {
      ...this.state,
      steps: this.state.steps.map((s) =>
        s.state === 'pending' ? { ...s, state: 'skipped', message } : s,
      ),
    };
  }

  finish(
    state: Exclude<ExecutionState, 'running'>,
    problem: string | null,
    nextSteps: string[],
  ): void {
    this.state = { ...this.state, state, problem, nextSteps, finishedAt: this.now() };
    this.publish();
  }

  private publish(): void {
    this.changed(this.execution);
  }
}
