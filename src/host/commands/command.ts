// The shape every CLI command has, and the little it is given to talk to the world.
import { parseArgs } from 'node:util';
import { UsageError } from '../cli-errors';
import type { Prompt } from '../prompt';

export interface CommandContext {
  /** One line of the command's output. */
  stdout(line: string): void;
  /** One line of diagnostics. */
  stderr(line: string): void;
  /** Resolves at the first SIGINT or SIGTERM. */
  untilStopped(): Promise<NodeJS.Signals>;
  /** The checkout the CLI runs from: `out/renderer` and `package.json` are found here. */
  projectDir: string;
  /** The terminal, for what is typed rather than given as an argument; absent when there is none. */
  prompt?: Prompt;
  /** Every command the CLI knows, for `help`. */
  commands: readonly Command[];
}

export interface Command {
  name: string;
  /** One line for `premia help`. */
  summary: string;
  /** The synopsis, e.g. `premia serve [--port N]`. */
  usage: string;
  /** Resolves with the process exit code; throws a CliError for a failure the user should read. */
  run(args: string[], context: CommandContext): Promise<number>;
}

type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;

/**
 * Parses `--name value` flags strictly (no positionals, no unknown flags). Every failure is a
 * UsageError whose message ends with the command's synopsis.
 */
export function parseFlags<T extends FlagSpec>(command: Command, args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('. ')[0] : 'bad arguments';
    throw new UsageError(`premia ${command.name}: ${reason}\nusage: ${command.usage}`);
  }
}

/** Like `parseFlags`, with words beside the flags (`premia accounts test <id>`). */
export function parseCommandLine<T extends FlagSpec>(command: Command, args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('. ')[0] : 'bad arguments';
    throw new UsageError(`premia ${command.name}: ${reason}\nusage: ${command.usage}`);
  }
}

const SECRET_FLAG = /^--?([a-z-]*(?:secret|key|passphrase|password|token)[a-z-]*)(?:=|$)/i;

/**
 * Refuses a flag that would carry a secret, saying why, before anything parses it: an argument stays
 * in the shell's history and every program on the machine can read it in the list of processes.
 * Only the flag's name is repeated, never what follows it.
 */
export function refuseSecretFlags(
  command: Command,
  args: readonly string[],
  instead: string,
): void {
  for (const arg of args) {
    const name = SECRET_FLAG.exec(arg)?.[1];
    if (name === undefined) continue;
    throw new UsageError(
      `premia ${command.name}: --${name} is refused: a secret given as an argument stays in the shell's history and can be read by every program that lists processes. ${instead}`,
    );
  }
}
