// `premia holdings [--json] [--data-dir DIR]`: the portfolio's three buckets against their targets.
// From the running Premia when one holds the folder; otherwise from services opened here, which first
// wait for live prices and sync every account's holdings.
import { resolve } from 'node:path';
import { defaultDataDir } from '../../services/data-dir';
import type { OpenServices } from '../api-session';
import { appServicesOpener, firstSnapshot, openApiSession } from '../api-session';
import { holdingsJson, holdingsTable } from '../holdings-view';
import { readVersion } from '../project-version';
import type { Command, CommandContext } from './command';
import { parseFlags } from './command';
import { SNAPSHOT_TIMEOUT_MS } from './snapshot';

export interface HoldingsCommandOptions {
  /** How long the first market cycle may take (default SNAPSHOT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** How services are opened when no Premia holds the folder (the app's own by default). */
  open?: OpenServices;
}

export function createHoldingsCommand(options: HoldingsCommandOptions = {}): Command {
  const open = options.open ?? appServicesOpener();
  const command: Command = {
    name: 'holdings',
    summary: 'Print the portfolio: its buckets against their targets, each asset, the accounts.',
    usage: 'premia holdings [--json] [--data-dir DIR]',
    async run(args: string[], context: CommandContext): Promise<number> {
      const flags = parseFlags(command, args, {
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
      });
      const session = await openApiSession({
        command: command.name,
        dataDir: resolve(flags['data-dir'] ?? defaultDataDir()),
        version: readVersion(context.projectDir),
        market: true,
        open,
      });
      try {
        let view;
        if (session.via === 'services') {
          // Opened just now: nothing is synced and no price is known until a cycle has run.
          await firstSnapshot(
            command.name,
            session.services,
            options.timeoutMs ?? SNAPSHOT_TIMEOUT_MS,
          );
          await session.api.syncHoldings();
          view = await session.api.getPortfolio();
        } else {
          view = await session.api.getPortfolio();
        }
        if (flags.json) context.stdout(JSON.stringify(holdingsJson(view)));
        else for (const line of holdingsTable(view)) context.stdout(line);
        return 0;
      } finally {
        await session.close();
      }
    },
  };
  return command;
}

export const holdingsCommand: Command = createHoldingsCommand();
