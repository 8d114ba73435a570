// Every command of `premia`, in the order `help` lists them. A new command is one module here.
import type { Command } from './command';
import { helpCommand } from './help';
import { serveCommand } from './serve';
import { simCommand } from './sim';
import { snapshotCommand } from './snapshot';

export const COMMANDS: readonly Command[] = [
  serveCommand,
  snapshotCommand,
  simCommand,
  helpCommand,
];
