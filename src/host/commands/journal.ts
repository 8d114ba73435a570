// `premia journal [--json] [--csv] [--data-dir DIR]`: every order and transfer Premia sent, each in
// its latest state; or, with --csv, every fill as CSV for taxes. The journal is read from disk: opened
// here, no market is started and nothing waits for prices.
import { resolve } from 'node:path';
import { defaultDataDir } from '../../services/data-dir';
import type { OpenServices } from '../api-session';
import { appServicesOpener, openApiSession } from '../api-session';
import { UsageError } from '../cli-errors';
import { readVersion } from '../project-version';
import type { Command, CommandContext } from './command';
import { parseFlags } from './command';
import { journalJson, journalTable } from './journal-view';

export interface JournalCommandOptions {
  /** How services are opened when no Premia holds the folder (the app's own by default). */
  open?: OpenServices;
}

/**
 * Lines that `stdout` (which ends each with a line feed) writes back as `text` byte for byte: the
 * CSV's own CRLF line ends are kept.
 */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function createJournalCommand(options: JournalCommandOptions = {}): Command {
  const open = options.open ?? appServicesOpener();
  const command: Command = {
    name: 'journal',
    summary: 'List every order and transfer sent, in its latest state, or the fills as CSV.',
    usage: 'premia journal [--json] [--csv] [--data-dir DIR]',
    async run(args: string[], context: CommandContext): Promise<number> {
      const flags = parseFlags(command, args, {
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        'data-dir': { type: 'string' },
      });
      if (flags.json && flags.csv) {
        throw new UsageError(
          `premia journal: choose --json or --csv, not both\nusage: ${command.usage}`,
        );
      }
      const session = await openApiSession({
        command: command.name,
        dataDir: resolve(flags['data-dir'] ?? defaultDataDir()),
        version: readVersion(context.projectDir),
        market: false,
        open,
      });
      try {
        if (flags.csv) {
          for (const line of linesOf(await session.api.exportJournalCsv())) context.stdout(line);
          return 0;
        }
        const view = await session.api.getJournal({});
        if (flags.json) context.stdout(JSON.stringify(journalJson(view)));
        else for (const line of journalTable(view)) context.stdout(line);
        return 0;
      } finally {
        await session.close();
      }
    },
  };
  return command;
}

export const journalCommand: Command = createJournalCommand();
