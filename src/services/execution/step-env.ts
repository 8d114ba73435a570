// What every step of an execution works with: the plan, the journal, the account's gateway, the
// injected clock and sleep, the settings, the progress it reports to and the exposures it may leave;
// and what a step answers: whether the plan may go on, and what to tell the user.
import type { Settings } from '../../shared/settings';
import type { RebalancePlan } from '../../shared/plan';
import type { Logger } from '../logger';
import type { ExecutionGateway } from './execution-gateway';
import type { ExecutionProgress } from './execution-progress';
import type { ExposureBook } from './exposures';
import type { Journal } from './journal';
import type { FollowOptions } from './order-follow';

/** What a step needs of its plan: a reconciliation may have only what the journal kept of it. */
export type PlanOfSteps = Pick<RebalancePlan, 'id' | 'steps'>;

export interface StepEnv {
  plan: PlanOfSteps;
  journal: Journal;
  gateway: ExecutionGateway;
  accountLabel: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  settings: () => Settings;
  logger: Logger;
  follow: FollowOptions;
  progress: ExecutionProgress;
  exposures: ExposureBook;
}

export interface StepResult {
  /** False stops the plan: its later steps are left out. */
  carryOn: boolean;
  /** What did not go as planned, in words; null when the step did all it was asked. */
  problem: string | null;
  nextSteps: string[];
}

export const stepDone: StepResult = { carryOn: true, problem: null, nextSteps: [] };

/** Wait between tries at a plain order the venue did not take (it was busy or never got it). */
export const RETRY_GAP_MS = 1_000;
/** Tries at a plain order, and at undoing a fill. */
export const ORDER_TRIES = 3;
