import type { Command, CommandContext } from './command';

export function renderHelp(commands: readonly Command[]): string[] {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Premia: rebalance crypto holdings by the futures premium.',
    '',
    'usage: premia <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    ...commands.map((c) => `  ${c.usage}`),
  ];
}

export const helpCommand: Command = {
  name: 'help',
  summary: 'Show the commands and their options.',
  usage: 'premia help',
  async run(_args: string[], context: CommandContext): Promise<number> {
    for (const line of renderHelp(context.commands)) context.stdout(line);
    return 0;
  },
};
