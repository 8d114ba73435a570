// `premia execute --plan <id> [--yes] [--json] [--data-dir DIR]`: carries out a saved plan once the
// person at the terminal agrees (or --yes does). Through the running Premia when one holds the folder;
// otherwise on services opened here, which first unlock the vault the plan's accounts need, wait for
// live prices and sync every account's holdings, so the plan's checks are judged again on fresh data.
import { resolve } from 'node:path';
import { planIdSchema } from '../../shared/plan';
import { defaultDataDir } from '../../services/data-dir';
import { appServicesOpener, openApiSession } from '../api-session';
import { UsageError } from '../cli-errors';
import { readVersion } from '../project-version';
import { carryOut, freshenServices, type CarryOutCommandOptions } from './carry-out';
import type { Command, CommandContext } from './command';
import { parseFlags } from './command';
import { unlockIfLocked } from './vault';

export type ExecuteCommandOptions = CarryOutCommandOptions;

export function createExecuteCommand(options: ExecuteCommandOptions = {}): Command {
  const open = options.open ?? appServicesOpener();
  const command: Command = {
    name: 'execute',
    summary: 'Execute a saved plan by id once you confirm: its transfers and orders are sent.',
    usage: 'premia execute --plan <id> [--yes] [--json] [--data-dir DIR]',
    async run(args: string[], context: CommandContext): Promise<number> {
      const flags = parseFlags(command, args, {
        plan: { type: 'string' },
        yes: { type: 'boolean' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
      });
      const id = flags.plan;
      if (id === undefined) {
        throw new UsageError(
          `premia execute: name the plan with --plan <id> (premia plan prints it)\nusage: ${command.usage}`,
        );
      }
      if (!planIdSchema.safeParse(id).success) {
        throw new UsageError(
          `premia execute: --plan takes a plan id, 1 to 16 lower-case letters and digits\nusage: ${command.usage}`,
        );
      }
      const session = await openApiSession({
        command: command.name,
        dataDir: resolve(flags['data-dir'] ?? defaultDataDir()),
        version: readVersion(context.projectDir),
        market: true,
        open,
      });
      try {
        const plan = await session.api.getPlan(id);
        return await carryOut({
          command: command.name,
          session,
          plan,
          yes: flags.yes === true,
          json: flags.json === true,
          context,
          async beforeExecuting() {
            // The demo account trades without a key; one's own accounts need the vault open.
            if (!plan.demo) await unlockIfLocked(session.api, context.prompt);
            await freshenServices(command.name, session, options.timeoutMs);
          },
        });
      } finally {
        await session.close();
      }
    },
  };
  return command;
}

export const executeCommand: Command = createExecuteCommand();
