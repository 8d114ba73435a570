// Every command of `premia`, in the order `help` lists them. A new command is one module here.
import type { Command } from './command';
import { accountsCommand } from './accounts';
import { backtestCommand } from './backtest';
import { executeCommand } from './execute';
import { flattenCommand } from './flatten';
import { helpCommand } from './help';
import { holdingsCommand } from './holdings';
import { journalCommand } from './journal';
import { planCommand } from './plan';
import { serveCommand } from './serve';
import { simCommand } from './sim';
import { snapshotCommand } from './snapshot';
import { vaultCommand } from './vault';

export const COMMANDS: readonly Command[] = [
  serveCommand,
  snapshotCommand,
  holdingsCommand,
  planCommand,
  executeCommand,
  flattenCommand,
  journalCommand,
  backtestCommand,
  accountsCommand,
  vaultCommand,
  simCommand,
  helpCommand,
];
