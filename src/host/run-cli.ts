// Picks the command named on the command line, runs it, and turns failures into exit codes.
import { describeFileProblem, errnoCode } from '../services/file-problems';
import { redact } from '../services/redaction';
import { PremiaError } from '../shared/errors';
import { CliError } from './cli-errors';
import type { Command, CommandContext } from './commands/command';

export type CliIo = Omit<CommandContext, 'commands'>;

export async function runCli(
  argv: string[],
  io: CliIo,
  commands: readonly Command[],
): Promise<number> {
  const context: CommandContext = { ...io, commands };
  const [name, ...args] = argv;
  const wantsHelp = name === undefined || name === '--help' || name === '-h';
  const command = wantsHelp
    ? commands.find((c) => c.name === 'help')
    : commands.find((c) => c.name === name);
  if (name === undefined || command === undefined) {
    io.stderr(name === undefined ? 'premia: name a command' : `premia: unknown command "${name}"`);
    io.stderr(`commands: ${commands.map((c) => c.name).join(', ')} (premia help for details)`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`usage: ${command.usage}`);
    io.stdout(command.summary);
    return 0;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(error.message);
      return error.exitCode;
    }
    // The app's own errors and failures of the disk are written for people: no stack trace.
    if (error instanceof PremiaError) {
      io.stderr(`premia ${command.name}: ${redact(error.message)}`);
      return 1;
    }
    const path = (error as NodeJS.ErrnoException | null)?.path;
    if (errnoCode(error) !== undefined && typeof path === 'string') {
      io.stderr(`premia ${command.name}: ${redact(describeFileProblem(path, error))}.`);
      return 1;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`premia ${command.name} failed: ${redact(detail)}`);
    return 1;
  }
}
