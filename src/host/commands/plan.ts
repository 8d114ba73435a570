// `premia plan [--json] [--data-dir DIR]`: proposes and saves a rebalance plan, and prints it.
// Through the running Premia when one holds the folder; otherwise from services opened here, which
// first wait for live prices and sync every account's holdings. Nothing is executed.
import type { OpenServices } from '../api-session';
import { appServicesOpener, firstSnapshot } from '../api-session';
import type { Command } from './command';
import { planJson, planTable } from './plan-view';
import { createReportCommand } from './report-command';
import { SNAPSHOT_TIMEOUT_MS } from './snapshot';

export interface PlanCommandOptions {
  /** How long the first market cycle may take (default SNAPSHOT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** How services are opened when no Premia holds the folder (the app's own by default). */
  open?: OpenServices;
}

export function createPlanCommand(options: PlanCommandOptions = {}): Command {
  return createReportCommand({
    name: 'plan',
    summary:
      'Propose a rebalance plan to the current targets, save it by id and print it (nothing is executed).',
    open: options.open ?? appServicesOpener(),
    async read(session) {
      if (session.via === 'services') {
        // Opened just now: nothing is synced and no price is known until a cycle has run.
        await firstSnapshot('plan', session.services, options.timeoutMs ?? SNAPSHOT_TIMEOUT_MS);
        await session.api.syncHoldings();
      }
      return session.api.createPlan({});
    },
    json: planJson,
    table: planTable,
  });
}

export const planCommand: Command = createPlanCommand();
