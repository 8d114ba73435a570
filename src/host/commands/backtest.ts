// `premia backtest (--prices FILE --funding FILE | --asset A[,B]) [--from D] [--to D] [--fee F]
// [--json] [--data-dir DIR]`: what the configured policy would have done on history — two CSV files,
// or the data folder's stored history of the assets — against buy and hold, a static 70/30 and an
// always-on carry. The policy and thresholds are the data folder's settings.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runBacktest, BacktestRequestError } from '../../core/backtest';
import { seriesFromCsv } from '../../core/backtest-csv';
import { BacktestDataError } from '../../core/backtest-series';
import { defaultDataDir } from '../../services/data-dir';
import type { BacktestRequestInput, BacktestResult } from '../../shared/backtest';
import { PremiaError } from '../../shared/errors';
import { backtestPolicyFromSettings } from '../../shared/backtest';
import type { OpenServices } from '../api-session';
import { appServicesOpener, firstSnapshot, openApiSession } from '../api-session';
import { CliError, UsageError } from '../cli-errors';
import { readVersion } from '../project-version';
import type { Command, CommandContext } from './command';
import { parseFlags } from './command';
import { backtestJson, backtestTable } from './backtest-view';
import { SNAPSHOT_TIMEOUT_MS } from './snapshot';

export interface BacktestCommandOptions {
  /** How services are opened when no Premia holds the folder (the app's own by default). */
  open?: OpenServices;
  /** How long the first market cycle may take with --asset (default SNAPSHOT_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * `--asset`: the history the data folder stores, what is missing downloaded first from the market's
 * venue (through the running Premia when one holds the folder), then the backtest run on it there.
 */
async function fromStore(o: {
  assets: string[];
  from: string | undefined;
  to: string | undefined;
  fee: number | undefined;
  dataDir: string;
  version: string;
  open: OpenServices;
  timeoutMs: number;
}): Promise<BacktestResult> {
  const session = await openApiSession({
    command: 'backtest',
    dataDir: o.dataDir,
    version: o.version,
    market: true,
    open: o.open,
  });
  try {
    if (session.via === 'services') await firstSnapshot('backtest', session.services, o.timeoutMs);
    const settings = await session.api.getSettings();
    await session.api.downloadBacktestHistory({ assets: o.assets });
    const { policy, rebalance } = backtestPolicyFromSettings(settings);
    return await session.api.runBacktest({
      assets: o.assets,
      from: o.from,
      to: o.to,
      policy,
      rebalance,
      ...(o.fee === undefined ? {} : { fee: o.fee }),
    });
  } catch (error) {
    if (error instanceof PremiaError) throw new CliError(`premia backtest: ${error.message}`);
    throw error;
  } finally {
    await session.close();
  }
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
      'premia backtest (--prices FILE --funding FILE | --asset BTC[,ETH]) [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--fee F] [--json] [--data-dir DIR]',
    async run(args: string[], context: CommandContext): Promise<number> {
      const flags = parseFlags(command, args, {
        prices: { type: 'string' },
        funding: { type: 'string' },
        asset: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        fee: { type: 'string' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
      });
      const fromFiles = flags.prices !== undefined || flags.funding !== undefined;
      if (flags.asset !== undefined && fromFiles) {
        throw new UsageError(
          `premia backtest: give either --asset or --prices and --funding, not both\nusage: ${command.usage}`,
        );
      }
      if (
        flags.asset === undefined &&
        (flags.prices === undefined || flags.funding === undefined)
      ) {
        throw new UsageError(
          `premia backtest: --prices and --funding are both needed (or --asset for the stored history)\nusage: ${command.usage}`,
        );
      }
      const fee = flags.fee === undefined ? undefined : Number(flags.fee);
      if (fee !== undefined && (flags.fee?.trim() === '' || !Number.isFinite(fee))) {
        throw new UsageError(
          `premia backtest: --fee must be a number such as 0.001 for 0.1% (got "${flags.fee}")\nusage: ${command.usage}`,
        );
      }
      const print = (result: BacktestResult): number => {
        if (flags.json) context.stdout(JSON.stringify(backtestJson(result)));
        else for (const line of backtestTable(result)) context.stdout(line);
        return 0;
      };
      if (flags.asset !== undefined) {
        const assets = flags.asset.split(',').map((a) => a.trim().toUpperCase());
        return print(
          await fromStore({
            assets,
            from: flags.from,
            to: flags.to,
            fee,
            dataDir: resolve(flags['data-dir'] ?? defaultDataDir()),
            version: readVersion(context.projectDir),
            open,
            timeoutMs: options.timeoutMs ?? SNAPSHOT_TIMEOUT_MS,
          }),
        );
      }
      if (flags.prices === undefined || flags.funding === undefined) {
        throw new UsageError(
          `premia backtest: --prices and --funding are both needed\nusage: ${command.usage}`,
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
        const { series, funding } = seriesFromCsv(
          FILE_ASSET,
          { text: pricesText, name: pricesPath },
          { text: fundingText, name: fundingPath },
        );
        const { policy, rebalance } = backtestPolicyFromSettings(settings);
        const request: BacktestRequestInput = {
          assets: [FILE_ASSET],
          from: flags.from,
          to: flags.to,
          funding,
          policy,
          rebalance,
          ...(fee === undefined ? {} : { fee }),
        };
        return print(runBacktest([series], request));
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
