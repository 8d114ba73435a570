// A command that prints one view of Premia as a table or, with --json, as JSON: read from the
// running Premia when one holds the data folder, otherwise from services opened here with the
// market, closed again once the view is printed.
import { resolve } from 'node:path';
import { defaultDataDir } from '../../services/data-dir';
import type { ApiSession, OpenServices } from '../api-session';
import { openApiSession } from '../api-session';
import { readVersion } from '../project-version';
import type { Command, CommandContext } from './command';
import { parseFlags } from './command';

export interface ReportCommandSpec<T> {
  name: string;
  summary: string;
  open: OpenServices;
  /** Reads the view from the Premia the session reaches. */
  read(session: ApiSession): Promise<T>;
  json(view: T): unknown;
  table(view: T): string[];
}

export function createReportCommand<T>(spec: ReportCommandSpec<T>): Command {
  const command: Command = {
    name: spec.name,
    summary: spec.summary,
    usage: `premia ${spec.name} [--json] [--data-dir DIR]`,
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
        open: spec.open,
      });
      try {
        const view = await spec.read(session);
        if (flags.json) context.stdout(JSON.stringify(spec.json(view)));
        else for (const line of spec.table(view)) context.stdout(line);
        return 0;
      } finally {
        await session.close();
      }
    },
  };
  return command;
}
