// Carrying a saved plan out from the command line, as `premia execute` and `premia flatten` both do:
// show the plan, refuse one that is not ready, ask before anything is sent (or take --yes), execute it
// with its progress printed as it comes, and end with an exit code that says how it went.
import type { Execution } from '../../shared/execution';
import type { RebalancePlan } from '../../shared/plan';
import type { ApiSession, OpenServices } from '../api-session';
import { firstSnapshot } from '../api-session';
import { CliError, UsageError } from '../cli-errors';
import type { CommandContext } from './command';
import { executionJson, executionTable, progressPrinter } from './execution-view';
import { planTable } from './plan-view';
import { SNAPSHOT_TIMEOUT_MS } from './snapshot';

/** How `execute` and `flatten` are opened (tests shorten the wait and bring their own services). */
export interface CarryOutCommandOptions {
  /** How long the first market cycle may take (default SNAPSHOT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** How services are opened when no Premia holds the folder (the app's own by default). */
  open?: OpenServices;
}

/** Exit code of an execution refused before anything was sent (a check failed on fresh data). */
export const EXIT_REFUSED = 1;
/** Exit code of an execution that stopped with something left undone: its next steps say what. */
export const EXIT_FAILED = 3;

export const CONFIRM_QUESTION = 'Execute this plan? [y/N] ';

export interface CarryOutRequest {
  /** The command's name, which its messages start with. */
  command: string;
  session: ApiSession;
  plan: RebalancePlan;
  yes: boolean;
  json: boolean;
  context: CommandContext;
  /** Runs after the confirmation and before the plan is sent (fresh prices, synced holdings). */
  beforeExecuting?: () => Promise<void>;
}

/**
 * Services opened by the command itself know no price and hold no synced balance: the executor's
 * checks on fresh quotes and balances need one market cycle and a sync first.
 */
export async function freshenServices(
  command: string,
  session: ApiSession,
  timeoutMs = SNAPSHOT_TIMEOUT_MS,
): Promise<void> {
  if (session.via !== 'services') return;
  await firstSnapshot(command, session.services, timeoutMs);
  await session.api.syncHoldings();
}

async function confirm(request: CarryOutRequest): Promise<void> {
  const { command, yes, plan, context } = request;
  // Nothing can be sent for a plan without a step, so there is nothing to agree to.
  if (yes || plan.steps.length === 0) return;
  const { prompt } = context;
  if (prompt === undefined || !prompt.interactive) {
    throw new UsageError(
      `premia ${command}: there is no terminal to confirm in, so nothing was sent: add --yes to execute the plan without being asked.`,
    );
  }
  // With --json stdout holds only the result: the plan the question is about goes to stderr.
  if (request.json) for (const line of planTable(plan)) context.stderr(line);
  const answer = (await prompt.line(CONFIRM_QUESTION)).trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') {
    throw new CliError(`premia ${command}: not confirmed; nothing was sent.`);
  }
}

function refuseUnready(command: string, plan: RebalancePlan): void {
  if (plan.ready) return;
  const failed = plan.checks.filter((c) => !c.ok).map((c) => ` ${c.message}`);
  throw new CliError(
    `premia ${command}: plan ${plan.id} is not ready, so nothing was sent:${failed.join('')} Make a new plan once every check passes.`,
  );
}

function exitCode(execution: Execution): number {
  if (execution.state === 'done') return 0;
  if (execution.state === 'refused') return EXIT_REFUSED;
  return EXIT_FAILED;
}

function endingLine(command: string, execution: Execution): string {
  const why = execution.problem ?? 'no reason was given';
  switch (execution.state) {
    case 'refused':
      return `premia ${command}: the execution was refused, nothing was sent: ${why}`;
    case 'failed':
      return `premia ${command}: the execution failed with something left undone: ${why}`;
    default:
      return `premia ${command}: the execution had not ended when it answered: look again with the running Premia.`;
  }
}

/** Prints, confirms and executes `plan`; resolves with the command's exit code. */
export async function carryOut(request: CarryOutRequest): Promise<number> {
  const { command, session, plan, json, context } = request;
  if (!json) for (const line of planTable(plan)) context.stdout(line);
  refuseUnready(command, plan);
  await confirm(request);
  await request.beforeExecuting?.();

  const progress = progressPrinter(plan);
  // Through the running Premia its link sends the progress; services opened here tell it directly.
  const events = json
    ? null
    : session.via === 'link'
      ? session.onEvent
      : session.services.onEvent?.bind(session.services);
  const stopListening =
    events?.((event) => {
      if (event.type !== 'execution' || event.execution.planId !== plan.id) return;
      for (const line of progress(event.execution)) context.stdout(line);
    }) ?? (() => undefined);
  let running = true;
  void context.untilStopped().then(() => {
    if (!running) return;
    context.stderr(
      `premia ${command}: the execution goes on until it ends, so that no trade is left half done. Press Ctrl-C again to stop at once; what was sent is in the journal.`,
    );
  });
  if (!json) {
    context.stdout('');
    context.stdout(`Executing plan ${plan.id}…`);
  }
  let execution: Execution;
  try {
    execution = await session.api.executePlan({ planId: plan.id });
  } finally {
    running = false;
    stopListening();
  }

  if (json) context.stdout(JSON.stringify(executionJson(execution)));
  else for (const line of ['', ...executionTable(execution, plan)]) context.stdout(line);
  if (execution.state !== 'done') context.stderr(endingLine(command, execution));
  return exitCode(execution);
}
