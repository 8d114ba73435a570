// The execution service: carries a saved plan out once, after judging its checks again on fresh data,
// one execution at a time per account, telling every change as an `execution` event; lists and
// cancels open orders; shows the journal; and keeps the unhedged exposures an execution left.
import type { PremiaEvent } from '../../shared/api';
import type { AlertCause } from '../../shared/alerts';
import type {
  CancelOrderInput,
  Execution,
  JournalQuery,
  JournalView,
  OpenOrder,
} from '../../shared/execution';
import { PremiaError } from '../../shared/errors';
import type { PlanCheck, RebalancePlan } from '../../shared/plan';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../logger';
import { AccountLocks } from './account-locks';
import type { ExecutionGateway } from './execution-gateway';
import { ExecutionProgress } from './execution-progress';
import { ExposureBook } from './exposures';
import type { Journal } from './journal';
import { journalCsv } from './journal-csv';
import { journalView } from './journal-view';
import { cancelOpenOrder, listOpenOrders, type TradableAccount } from './open-orders';
import type { FollowOptions } from './order-follow';
import { runPlanSteps } from './plan-run';
import { inMemoryHandled, type HandledExposures } from './handled-exposures';
import { DEFAULT_IN_FLIGHT_MS, reconcileJournal, type ReconcileReport } from './reconcile';
import type { StepEnv } from './step-env';
import { messageOf } from './step-words';

export interface ExecutionServiceOptions {
  journal: Journal;
  now: () => number;
  /** Every wait of an execution goes through it: tests pass manual timers, never real waits. */
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
  settings: () => Settings;
  getPlan: (id: string) => Promise<RebalancePlan>;
  /** The plan's checks judged again now, on fresh quotes, balances and books. */
  recheckPlan: (plan: RebalancePlan) => Promise<PlanCheck[]>;
  gateway: (accountId: string) => Promise<ExecutionGateway>;
  /** The tradable accounts (for open orders, and their labels in messages). */
  accounts: () => TradableAccount[];
  emit: (event: PremiaEvent) => void;
  /** The unhedged exposures standing, after every change: the alert service raises or clears them. */
  exposuresChanged: (causes: AlertCause[]) => void;
  /** Told once an execution ended (after anything was sent), e.g. to sync holdings. */
  executed?: (execution: Execution) => void;
  /** How an order whose answer was lost is looked up (how many times, how far apart). */
  follow?: Omit<FollowOptions, 'sleep'>;
  /** How long an order sent just before a stop may still reach the venue (DEFAULT_IN_FLIGHT_MS). */
  inFlightMs?: number;
  /** The exposures the user dealt with by hand, kept on the disk (in memory when not given). */
  handled?: HandledExposures;
}

export interface ExecutionService {
  /** Resolves when the execution ended; emits `execution` events as it goes. */
  executePlan(planId: string): Promise<Execution>;
  /** PremiaError('not-found') when the plan was never executed. */
  getExecution(planId: string): Execution;
  listOpenOrders(): Promise<OpenOrder[]>;
  /** Cancels the order and answers the orders still open. */
  cancelOrder(input: CancelOrderInput): Promise<OpenOrder[]>;
  journal(query: JournalQuery): JournalView;
  journalCsv(): string;
  /** Unhedged exposures standing now, as alert causes (kind 'unhedged'). */
  exposures(): AlertCause[];
  /**
   * The user dealt with an unhedged exposure by hand (acknowledged its alert): it is recorded, its
   * alarm cleared, and its pair never traded on Premia's own again. False for no such exposure.
   */
  resolveExposure(cause: string): Promise<boolean>;
  /**
   * Settles what the journal left unfinished (run once at start-up, before anything is executed):
   * orders looked up, never sent again; one-legged pairs completed or undone. A call while one runs
   * answers that one; executions wait for it.
   */
  reconcile(): Promise<ReconcileReport>;
  /** Refuses new executions and waits for the running ones to end. */
  close(): Promise<void>;
}

export function createExecutionService(options: ExecutionServiceOptions): ExecutionService {
  const { journal, now, logger } = options;
  const executions = new Map<string, Execution>();
  // Plans between the call and their execution being held: a second call must not slip in.
  const claimed = new Set<string>();
  const running = new Set<Promise<Execution>>();
  const locks = new AccountLocks();
  const handled = options.handled ?? inMemoryHandled();
  const exposures = new ExposureBook(options.exposuresChanged, (cause) => handled.has(cause));
  let closed = false;
  let reconciling: Promise<ReconcileReport> | null = null;

  const labelOf = (accountId: string): string =>
    options.accounts().find((a) => a.id === accountId)?.label ?? accountId;

  const refuseTwice = (planId: string): void => {
    const held = executions.get(planId);
    if (claimed.has(planId) || (held && held.state !== 'refused')) {
      throw new PremiaError(
        'unavailable',
        `Plan ${planId} was executed already${held?.state === 'running' ? ' and is running' : ''}: a plan is never executed twice. Make a new plan.`,
      );
    }
  };

  async function execute(planId: string): Promise<Execution> {
    // What an earlier run left unfinished is settled before anything new is sent.
    await reconciling?.catch(() => undefined);
    const plan = await options.getPlan(planId);
    if (journal.byPlan(plan.id).length > 0) {
      throw new PremiaError(
        'unavailable',
        `Plan ${plan.id} was executed already (its orders are in the journal): a plan is never executed twice. Make a new plan.`,
      );
    }
    const accounts = [...new Set(plan.steps.map((s) => s.account))];
    const busy = locks.acquire(accounts);
    if (busy !== null) {
      throw new PremiaError(
        'unavailable',
        `An execution is already running on ${labelOf(busy)}; wait for it to end before executing another plan there.`,
      );
    }
    try {
      const progress = new ExecutionProgress(plan, now, (execution) => {
        executions.set(plan.id, execution);
        options.emit({ type: 'execution', execution });
      });
      progress.start();
      return await run(plan, progress);
    } finally {
      locks.release(accounts);
    }
  }

  async function run(plan: RebalancePlan, progress: ExecutionProgress): Promise<Execution> {
    let checks: PlanCheck[];
    try {
      checks = await options.recheckPlan(plan);
    } catch (error) {
      checks = [
        { code: 'books', ok: false, message: `The checks could not be run: ${messageOf(error)}` },
      ];
    }
    // The plan's own expiry is judged here too, whatever the checks said.
    if (now() > plan.expiresAt && !checks.some((c) => c.code === 'expired' && !c.ok)) {
      checks = [
        ...checks,
        { code: 'expired', ok: false, message: 'The plan expired; make a new one.' },
      ];
    }
    progress.checked(checks);
    const failing = checks.filter((c) => !c.ok);
    if (failing.length > 0) {
      progress.skipRest('Not executed: a check failed.');
      progress.finish('refused', `Not executed: ${failing.map((c) => c.message).join(' ')}`, [
        'Make a new plan once the checks pass.',
      ]);
      return progress.execution;
    }
    const gateways = new Map<string, Promise<ExecutionGateway>>();
    const envFor = async (account: string): Promise<StepEnv> => {
      let gateway = gateways.get(account);
      if (!gateway) {
        gateway = options.gateway(account);
        gateways.set(account, gateway);
      }
      return {
        plan,
        journal,
        gateway: await gateway,
        accountLabel: labelOf(account),
        now,
        sleep: options.sleep,
        settings: options.settings,
        logger,
        follow: { ...options.follow, sleep: options.sleep },
        progress,
        exposures,
      };
    };
    const outcome = await runPlanSteps(plan, progress, envFor);
    const failed = outcome.problems.length > 0;
    progress.finish(
      failed ? 'failed' : 'done',
      failed ? outcome.problems.join(' ') : null,
      outcome.nextSteps,
    );
    const execution = progress.execution;
    logger.info(
      `plan ${plan.id} executed: ${execution.state}${failed ? ` (${execution.problem})` : ''}`,
    );
    try {
      options.executed?.(execution);
    } catch (error) {
      logger.warn(`after the execution of plan ${plan.id}: ${messageOf(error)}`);
    }
    return execution;
  }

  return {
    async executePlan(planId) {
      if (closed)
        throw new PremiaError('unavailable', 'Premia is shutting down: nothing more is executed.');
      refuseTwice(planId);
      claimed.add(planId);
      const execution = execute(planId).finally(() => claimed.delete(planId));
      running.add(execution);
      try {
        return await execution;
      } finally {
        running.delete(execution);
      }
    },
    getExecution(planId) {
      const held = executions.get(planId);
      if (!held) throw new PremiaError('not-found', `Plan ${planId} has not been executed.`);
      return structuredClone(held);
    },
    listOpenOrders: () => listOpenOrders(options.accounts(), options.gateway),
    async cancelOrder(input) {
      const account = options.accounts().find((a) => a.id === input.account);
      if (!account) {
        throw new PremiaError('not-found', `No tradable account ${input.account}.`, 'account');
      }
      await cancelOpenOrder(input, account, await options.gateway(account.id), journal);
      return listOpenOrders(options.accounts(), options.gateway);
    },
    journal: (query) => journalView(journal.entries(), query),
    journalCsv: () => journalCsv(journal.entries()),
    exposures: () => exposures.list(),
    async resolveExposure(cause) {
      if (!exposures.list().some((c) => c.cause === cause)) return false;
      await handled.add(cause);
      exposures.clearCause(cause);
      return true;
    },
    reconcile() {
      if (reconciling) return reconciling;
      const run = reconcileJournal({
        journal,
        now,
        sleep: options.sleep,
        logger,
        settings: options.settings,
        findPlan: (id) => options.getPlan(id).catch(() => null),
        gateway: options.gateway,
        labelOf,
        exposures,
        follow: { ...options.follow, sleep: options.sleep },
        inFlightMs: options.inFlightMs ?? DEFAULT_IN_FLIGHT_MS,
      }).then(({ report, executions: rebuilt }) => {
        for (const execution of rebuilt) {
          executions.set(execution.planId, execution);
          options.emit({ type: 'execution', execution });
        }
        if (report.message) logger.warn(`reconcile: ${report.message}`);
        return report;
      });
      reconciling = run;
      // A later call may try again what this one could not reach.
      void run
        .finally(() => {
          if (reconciling === run) reconciling = null;
        })
        .catch(() => undefined);
      return run;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...running, ...(reconciling ? [reconciling] : [])]);
    },
  };
}
