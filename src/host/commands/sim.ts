// `premia sim`: the exchange simulator on its own, for trying Premia's live paths or driving it from
// another tool. It runs until SIGINT or SIGTERM.
import { runSimulatorCommand } from '../../sim';
import type { Command, CommandContext } from './command';

/** A writer taking text in pieces and handing on whole lines (the simulator writes `…\n`). */
function lineWriter(emit: (line: string) => void) {
  let pending = '';
  return {
    write(text: string) {
      pending += text;
      let end = pending.indexOf('\n');
      while (end >= 0) {
        emit(pending.slice(0, end));
        pending = pending.slice(end + 1);
        end = pending.indexOf('\n');
      }
      return true;
    },
    flush() {
      if (pending !== '') emit(pending);
      pending = '';
    },
  };
}

export const simCommand: Command = {
  name: 'sim',
  summary: 'Run the exchange simulator (binance dialect) on 127.0.0.1 until stopped.',
  usage: 'premia sim [--port N] [--data-dir DIR] [--seed N] [--speed X] [--control]',

  async run(args: string[], context: CommandContext): Promise<number> {
    const stdout = lineWriter(context.stdout);
    const stderr = lineWriter(context.stderr);
    try {
      return await runSimulatorCommand(
        args,
        { stdout, stderr },
        { stop: context.untilStopped().then(() => undefined) },
      );
    } finally {
      stdout.flush();
      stderr.flush();
    }
  },
};
