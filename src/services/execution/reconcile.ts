// Reconciliation at start-up: every order and transfer the journal left unfinished (Premia stopped
// while it ran) is settled with what the venue says, never sent again; then every pair left with one
// leg filled beyond the other is completed while still inside its time and price, or its first leg
// undone, through the executor's own pair logic; and the plans touched are rebuilt for the user.
import type { Execution } from '../../shared/execution';
import type { RebalancePlan } from '../../shared/plan';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../logger';
import { marketUnits, type ExecutionGateway, type MarketUnits } from './execution-gateway';
import { ExecutionProgress } from './execution-progress';
import { unhedgedCauseKey, type ExposureBook } from './exposures';
import type { Journal } from './journal';
import { changeOf, settleJournaledOrder, type FollowOptions } from './order-follow';
import { reconcilePair, type PairOutcome } from './reconcile-pairs';
import { executionFromJournal, planFromJournal } from './reconcile-journal';
import { reportMessage } from './reconcile-words';
import type { StepEnv } from './step-env';
import { messageOf } from './step-words';

export interface ReconcileReport {
  /** When it ran (the injected clock's time). */
  at: number;
  /** Orders found on the venue, their end journaled as it reported it. */
  settled: string[];
  /** Orders that never reached the venue, and transfers never confirmed: abandoned, never re-sent. */
  abandoned: string[];
  /** Transfers among the abandoned, whose wallets the user must check. */
  transfers: string[];
  /** Orders that could not be looked up (the venue could not be asked): looked up next time. */
  pending: string[];
  /** Pairs that had one leg filled beyond the other, and what became of each. */
  pairs: PairOutcome[];
  /** Plans whose execution was rebuilt from the journal. */
  plans: string[];
  /** What was done and what is left, in words for the user; null when nothing needed doing. */
  message: string | null;
}

export interface ReconcileOptions {
  journal: Journal;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
  settings: () => Settings;
  /** The plan, while it is still kept; null once it is gone. */
  findPlan: (id: string) => Promise<RebalancePlan | null>;
  gateway: (accountId: string) => Promise<ExecutionGateway>;
  labelOf: (accountId: string) => string;
  exposures: ExposureBook;
  follow: FollowOptions;
  /**
   * How long an order sent just before Premia stopped may still reach the venue (the venue takes a
   * signed request until its receive window has passed): an order not found is only given up once
   * its intent is older than this.
   */
  inFlightMs: number;
}

/** Binance takes a signed request for 10 s after its timestamp; a margin for the clocks on top. */
export const DEFAULT_IN_FLIGHT_MS = 15_000;

export async function reconcileJournal(
  o: ReconcileOptions,
): Promise<{ report: ReconcileReport; executions: Execution[] }> {
  const { journal } = o;
  const report: ReconcileReport = {
    at: o.now(),
    settled: [],
    abandoned: [],
    transfers: [],
    pending: [],
    pairs: [],
    plans: [],
    message: null,
  };
  const touched = new Set<string>();
  const problems = new Map<string, string[]>();
  const nextSteps = new Map<string, string[]>();
  const note = (planId: string, problem: string | null, next: readonly string[]) => {
    touched.add(planId);
    if (problem) problems.set(planId, [...(problems.get(planId) ?? []), problem]);
    nextSteps.set(planId, [...(nextSteps.get(planId) ?? []), ...next]);
  };

  const gateways = new Map<string, Promise<ExecutionGateway>>();
  const gatewayOf = (account: string): Promise<ExecutionGateway> => {
    let g = gateways.get(account);
    if (!g) {
      g = o.gateway(account);
      gateways.set(account, g);
    }
    return g;
  };
  const units = new Map<string, Promise<MarketUnits>>();
  const unitsOf = (account: string, asset: string, symbol: string): Promise<MarketUnits> => {
    const key = `${account}\n${symbol}`;
    let u = units.get(key);
    if (!u) {
      u = gatewayOf(account).then((g) => marketUnits(g, asset, symbol));
      units.set(key, u);
      u.catch(() => units.delete(key));
    }
    return u;
  };

  const unfinished = journal.nonFinal();
  // An order sent just before the stop may still be on its way: wait until the venue would refuse it.
  const youngest = unfinished
    .filter((e) => e.kind === 'order' && (e.status === 'intent' || e.status === 'sent'))
    .reduce((t, e) => Math.max(t, e.firstAt), Number.NEGATIVE_INFINITY);
  const wait = youngest + o.inFlightMs - o.now();
  if (wait > 0) await o.sleep(Math.ceil(wait));

  for (const entry of unfinished) {
    touched.add(entry.planId);
    if (entry.kind === 'transfer') {
      const label = o.labelOf(entry.account);
      await journal.append(
        changeOf(entry, {
          status: 'abandoned',
          live: false,
          reason: `Premia stopped before the venue confirmed this transfer, and a transfer cannot be looked up: check both wallets' ${entry.asset} balances on ${label}. It is not sent again.`,
        }),
      );
      report.abandoned.push(entry.clientOrderId);
      report.transfers.push(entry.clientOrderId);
      note(entry.planId, null, [
        `Check the ${entry.asset} balances of both wallets on ${label}: a transfer of ${entry.amount} ${entry.asset} may or may not have happened.`,
      ]);
      continue;
    }
    try {
      const u = await unitsOf(entry.account, entry.asset, entry.symbol ?? '');
      const settled = await settleJournaledOrder(
        journal,
        await gatewayOf(entry.account),
        entry,
        u.contractSize,
        o.follow,
        'Premia stopped before this order was answered, and the venue has no order with its client id: it never arrived, and is not sent again.',
      );
      if (settled.problem) {
        report.pending.push(entry.clientOrderId);
        o.logger.warn(`reconcile: ${settled.problem}`);
      } else if (settled.entry.status === 'abandoned') {
        report.abandoned.push(entry.clientOrderId);
      } else {
        report.settled.push(entry.clientOrderId);
      }
    } catch (error) {
      report.pending.push(entry.clientOrderId);
      o.logger.warn(`reconcile: order ${entry.clientOrderId} left as it was: ${messageOf(error)}`);
    }
  }

  // Pairs, over the whole journal: a pair an earlier run could not undo is taken up again too.
  const pairKeys = new Map<string, { planId: string; account: string; pair: string }>();
  for (const e of journal.entries()) {
    if (e.kind !== 'order' || e.pair === null) continue;
    pairKeys.set(`${e.planId}\n${e.account}\n${e.pair}`, {
      planId: e.planId,
      account: e.account,
      pair: e.pair,
    });
  }
  const plans = new Map<string, RebalancePlan | null>();
  const planOf = async (id: string): Promise<RebalancePlan | null> => {
    if (!plans.has(id)) plans.set(id, await o.findPlan(id).catch(() => null));
    return plans.get(id) ?? null;
  };
  for (const key of pairKeys.values()) {
    // Dealt with by hand, the user said: nothing of the pair is traded on Premia's own again.
    if (o.exposures.isHandled(unhedgedCauseKey(key.planId, key.pair))) continue;
    const entries = journal.byPlan(key.planId);
    const plan = (await planOf(key.planId)) ?? planFromJournal(key.planId, entries);
    const env = async (): Promise<StepEnv> => ({
      plan,
      journal,
      gateway: await gatewayOf(key.account),
      accountLabel: o.labelOf(key.account),
      now: o.now,
      sleep: o.sleep,
      settings: o.settings,
      logger: o.logger,
      follow: o.follow,
      // The steps' progress is told once, rebuilt from the journal when every pair is done.
      progress: new ExecutionProgress(plan, o.now, () => {}),
      exposures: o.exposures,
    });
    const outcome = await reconcilePair({
      key,
      plan,
      entries,
      env,
      exposures: o.exposures,
      accountLabel: o.labelOf(key.account),
      unitsOf: (asset, symbol) => unitsOf(key.account, asset, symbol),
    });
    if (outcome === null) continue;
    report.pairs.push(outcome);
    note(key.planId, outcome.problem, outcome.nextSteps);
  }

  const executions: Execution[] = [];
  const all = journal.entries();
  for (const planId of touched) {
    const mine = all.filter((e) => e.planId === planId);
    const plan = (await planOf(planId)) ?? planFromJournal(planId, mine);
    executions.push(
      executionFromJournal(plan, mine, o.now(), {
        problems: problems.get(planId) ?? [],
        nextSteps: nextSteps.get(planId) ?? [],
      }),
    );
    report.plans.push(planId);
  }
  report.message = reportMessage(report, journal.entries(), o.labelOf);
  return { report, executions };
}
