// `premia flatten [--yes] [--json] [--data-dir DIR]`: plans closing every hedge and short (which only
// takes risk off), prints the plan and carries it out once the person at the terminal agrees (or
// --yes does). Through the running Premia when one holds the folder; otherwise on services opened
// here, which first unlock the vault the accounts need, wait for live prices and sync the holdings.
import { resolve } from 'node:path';
import { defaultDataDir } from '../../services/data-dir';
import { appServicesOpener, openApiSession } from '../api-session';
import { readVersion } from '../project-version';
import { carryOut, freshenServices, type CarryOutCommandOptions } from './carry-out';
import type { Command, CommandContext } from './command';
import { parseFlags } from './command';
import { unlockIfLocked } from './vault';

export type FlattenCommandOptions = CarryOutCommandOptions;

export function createFlattenCommand(options: FlattenCommandOptions = {}): Command {
  const open = options.open ?? appServicesOpener();
  const command: Command = {
    name: 'flatten',
    summary: 'Close every hedge and short: plan it, show it and execute it once you confirm.',
    usage: 'premia flatten [--yes] [--json] [--data-dir DIR]',
    async run(args: string[], context: CommandContext): Promise<number> {
      const flags = parseFlags(command, args, {
        yes: { type: 'boolean' },
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
        // Shorts on one's own accounts are read and closed with keys from the vault.
        if ((await session.api.listAccounts()).length > 0)
          await unlockIfLocked(session.api, context.prompt);
        await freshenServices(command.name, session, options.timeoutMs);
        const plan = await session.api.createPlan({ flatten: true });
        return await carryOut({
          command: command.name,
          session,
          plan,
          yes: flags.yes === true,
          json: flags.json === true,
          context,
        });
      } finally {
        await session.close();
      }
    },
  };
  return command;
}

export const flattenCommand: Command = createFlattenCommand();
