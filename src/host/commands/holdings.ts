// `premia holdings [--json] [--data-dir DIR]`: the portfolio's three buckets against their targets.
// From the running Premia when one holds the folder; otherwise from services opened here, which first
// wait for live prices and sync every account's holdings.
import type { OpenServices } from '../api-session';
import { appServicesOpener, firstSnapshot } from '../api-session';
import { holdingsJson, holdingsTable } from '../holdings-view';
import type { Command } from './command';
import { createReportCommand } from './report-command';
import { SNAPSHOT_TIMEOUT_MS } from './snapshot';

export interface HoldingsCommandOptions {
  /** How long the first market cycle may take (default SNAPSHOT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** How services are opened when no Premia holds the folder (the app's own by default). */
  open?: OpenServices;
}

export function createHoldingsCommand(options: HoldingsCommandOptions = {}): Command {
  return createReportCommand({
    name: 'holdings',
    summary: 'Print the portfolio: its buckets against their targets, each asset, the accounts.',
    open: options.open ?? appServicesOpener(),
    async read(session) {
      if (session.via === 'services') {
        // Opened just now: nothing is synced and no price is known until a cycle has run.
        await firstSnapshot('holdings', session.services, options.timeoutMs ?? SNAPSHOT_TIMEOUT_MS);
        await session.api.syncHoldings();
      }
      return session.api.getPortfolio();
    },
    json: holdingsJson,
    table: holdingsTable,
  });
}

export const holdingsCommand: Command = createHoldingsCommand();
