// The execution of plans as the composition root opens it: the order journal, the executor on the
// saved plans and the portfolio's gateways, its exposures fed to the alerts, and the API's execution
// methods with their input checked whichever transport delivered the call.
import type { PremiaEvent } from '../shared/api';
import type { Settings } from '../shared/settings';
import type { AlertService } from './alerts';
import type { ExecutionService, Journal } from './execution';
import { createExecutionService, openHandledExposures, openJournal } from './execution';
import type { Logger } from './logger';
import type { NoticeBoard } from './notices';
import type { PortfolioParts } from './portfolio-parts';
import type { PlanService } from './plans';
import { canTrade } from './plans/plan-markets';

export interface ExecutionPartsOptions {
  dataDir: string;
  now: () => number;
  logger: Logger;
  notices: NoticeBoard;
  settings: () => Settings;
  plans: PlanService;
  portfolio: PortfolioParts;
  alerts: AlertService;
  emit: (event: PremiaEvent) => void;
  /** Every wait of an execution (between second-leg tries, before a look-up); real time by default. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ExecutionParts {
  service: ExecutionService;
  /**
   * Hears the services' events: the first holdings synced (the accounts' gateways answer) and the
   * vault unlocked start a reconciliation of what the journal left unfinished, until one has settled
   * everything it could reach.
   */
  eventSeen(event: PremiaEvent): void;
  /** Lets the running executions end, then closes the journal. */
  close(): Promise<void>;
}

const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export async function openExecutionParts(options: ExecutionPartsOptions): Promise<ExecutionParts> {
  const { logger, now, portfolio } = options;
  const journal: Journal = await openJournal({
    dataDir: options.dataDir,
    now,
    logger: logger.child('journal'),
  });
  if (journal.notice) options.notices.add({ level: 'warning', message: journal.notice, at: now() });
  const handled = await openHandledExposures({
    dataDir: options.dataDir,
    now,
    tell: (message) => options.notices.add({ level: 'warning', message, at: now() }),
  });
  const sources = portfolio.planSources();

  const service = createExecutionService({
    journal,
    now,
    sleep: options.sleep ?? realSleep,
    logger,
    settings: options.settings,
    getPlan: (id) => options.plans.getPlan(id),
    // Balances and positions read again just before the checks are judged, so they judge now.
    recheckPlan: async (plan) => {
      await portfolio.api.syncHoldings();
      return options.plans.recheckPlan(plan);
    },
    gateway: (accountId) => sources.gateway(accountId),
    accounts: () =>
      sources
        .holdings()
        .counted.filter(canTrade)
        .map((a) => ({ id: a.id, exchange: a.exchange, label: a.label })),
    emit: options.emit,
    exposuresChanged: (causes) => options.alerts.exposuresChanged(causes),
    handled,
    executed: () => {
      // What was traded shows in the buckets; a failed sync is retried by the next scheduled one.
      portfolio.api.syncHoldings().catch((error: unknown) => {
        logger.warn('holdings could not be synced after an execution', error);
      });
    },
  });

  // Reconciled until a run leaves nothing it could not reach (an account's gateway locked in the
  // vault or a venue down leaves its orders pending, and the next chance tries again).
  let settled = false;
  let closing = false;
  const reconcile = (): void => {
    if (settled || closing) return;
    service.reconcile().then(
      (report) => {
        settled = report.pending.length === 0 && report.pairs.every((p) => p.outcome !== 'pending');
        if (report.message) {
          options.notices.add({ level: 'warning', message: report.message, at: now() });
        }
      },
      (error: unknown) => logger.error('the order journal could not be reconciled', error),
    );
  };

  return {
    service,
    eventSeen(event) {
      if (event.type === 'portfolio') reconcile();
      else if (event.type === 'vault' && event.status.state === 'unlocked') reconcile();
    },
    async close() {
      closing = true;
      try {
        await service.close();
      } finally {
        await journal.close();
      }
    },
  };
}
