// `premia backtest --prices FILE --funding FILE [--from D] [--to D] [--fee F] [--json] [--data-dir DIR]`:
// what the configured policy would have done on the history in two CSV files, against buy and
// hold, a static 70/30 and an always-on carry. The policy and thresholds are the data folder's
// settings, read without starting a market.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runBacktest, BacktestRequestError } from '../../core/backtest';
import { parseFundingCsv, parsePriceCsv } from '../../core/backtest-csv';
import { BacktestDataError, joinBars } from '../../core/backtest-series';
import { defaultDataDir } from '../../services/data-dir';
import type { BacktestRequestInput } from '../../shared/backtest';
import { backtestPolicyFromSettings } from '../../shared/backtest';
import type { OpenServices } from '../api-session';
import { appServicesOpener, openApiSession } from '../api-session';
import { CliError, UsageError } from '../cli-errors';
import { readVersion } from '../project-version';
import type { Command, CommandContext } from './command';
import { parseFlags } from './command';
import { backtestJson, backtestTable } from './backtest-view';

export interface BacktestCommandOptions {
  /** How services are opened when no Premia holds the folder (the app's own by default). */
  open?: OpenServices;
}

/** The one asset the two files describe; the files name no asset of their own. */
const FILE_ASSET = 'CSV';

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new CliError(`premia backtest: cannot read the ${what} file ${path} (${reason})`);
  }
}

export function createBacktestCommand(options: BacktestCommandOptions = {}): Command {
  const open = options.open ?? appServicesOpener();
  const command: Command = {
    name: 'backtest',
    summary: 'What your policy would have done on price and funding history, against benchmarks.',
    usage:
      'premia backtest --prices FILE --funding FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--fee F] [--json] [--data-dir DIR]',
    async run(args: string[], context: CommandContext): Promise<number> {
      if (args.some((a) => a === '--asset' || a.startsWith('--asset='))) {
        throw new UsageError(
          `premia backtest: --asset (history from the data folder) is not available yet; give the history as --prices FILE --funding FILE\nusage: ${command.usage}`,
        );
      }
      const flags = parseFlags(command, args, {
        prices: { type: 'string' },
        funding: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        fee: { type: 'string' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
      });
      if (flags.prices === undefined || flags.funding === undefined) {
        throw new UsageError(
          `premia backtest: --prices and --funding are both needed\nusage: ${command.usage}`,
        );
      }
      const fee = flags.fee === undefined ? undefined : Number(flags.fee);
      if (fee !== undefined && (flags.fee?.trim() === '' || !Number.isFinite(fee))) {
        throw new UsageError(
          `premia backtest: --fee must be a number such as 0.001 for 0.1% (got "${flags.fee}")\nusage: ${command.usage}`,
        );
      }
      const pricesPath = resolve(flags.prices);
      const fundingPath = resolve(flags.funding);
      const [pricesText, fundingText] = await Promise.all([
        readText(pricesPath, 'prices'),
        readText(fundingPath, 'funding'),
      ]);

      const session = await openApiSession({
        command: command.name,
        dataDir: resolve(flags['data-dir'] ?? defaultDataDir()),
        version: readVersion(context.projectDir),
        market: false,
        open,
      });
      let settings;
      try {
        settings = await session.api.getSettings();
      } finally {
        await session.close();
      }

      try {
        const prices = parsePriceCsv(pricesText, pricesPath);
        const funding = parseFundingCsv(fundingText, fundingPath);
        const series = joinBars(FILE_ASSET, 'day', prices, funding.points);
        const { policy, rebalance } = backtestPolicyFromSettings(settings);
        const request: BacktestRequestInput = {
          assets: [FILE_ASSET],
          from: flags.from,
          to: flags.to,
          funding: funding.source,
          policy,
          rebalance,
          ...(fee === undefined ? {} : { fee }),
        };
        const result = runBacktest([series], request);
        if (flags.json) context.stdout(JSON.stringify(backtestJson(result)));
        else for (const line of backtestTable(result)) context.stdout(line);
        return 0;
      } catch (error) {
        if (error instanceof BacktestDataError || error instanceof BacktestRequestError) {
          throw new CliError(`premia backtest: ${error.message.replace(`${FILE_ASSET}: `, '')}`);
        }
        throw error;
      }
    },
  };
  return command;
}

export const backtestCommand: Command = createBacktestCommand();
