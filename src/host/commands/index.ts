// Every command of `premia`, in the order `help` lists them. A new command is one module here.
import type { Command } from './command';
import { helpCommand } from './help';
import { serveCommand } from './serve';

export const COMMANDS: readonly Command[] = [serveCommand, helpCommand];
