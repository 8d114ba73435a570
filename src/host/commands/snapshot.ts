// `premia snapshot [--json] [--data-dir DIR]`: starts the market part of the services on the data
// folder (the demo market when no account is set), waits for the first cycle that brings quotes,
// prints it — one JSON object, or an aligned table for people — and exits.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatDuration, formatPercent, formatPrice, MISSING } from '../../core';
import { PremiaError } from '../../shared/errors';
import type { AssetSnapshot, MarketSnapshot } from '../../shared/market';
import { REGIME_LABELS } from '../../shared/strategy';
import type { AppServices, MarketOptions } from '../../services/app-services';
import { createAppServices } from '../../services/app-services';
import { defaultDataDir } from '../../services/data-dir';
import { createLogger, logLevelFromEnv } from '../../services/logger';
import { CliError } from '../cli-errors';
import type { Command, CommandContext } from './command';
import { parseFlags } from './command';

/** How long the first cycle may take: loading ccxt and the venue's markets included. */
export const SNAPSHOT_TIMEOUT_MS = 60_000;

/** One asset as `--json` prints it: exactly these fields. */
export interface SnapshotJsonAsset {
  asset: string;
  spot: number | null;
  perp: {
    symbol: string;
    mark: number;
    index: number;
    fundingRate: number;
    fundingIntervalHours: number;
    intervalFromVenue: boolean;
    annualized: number;
    nextFundingAt: number | null;
  } | null;
  futures: {
    symbol: string;
    expiry: number;
    price: number;
    daysToExpiry: number;
    annualized: number;
    inSignal: boolean;
  }[];
  premium: number | null;
  premiumSource: AssetSnapshot['premiumSource'];
  basisMethod: AssetSnapshot['basisMethod'];
  regime: AssetSnapshot['regime'];
  heldByHysteresis: boolean;
  stale: boolean;
  /** Why the asset's data is missing or partial, in words; absent when nothing is wrong. */
  problem?: string;
}

export interface SnapshotJson {
  at: number;
  source: string;
  assets: SnapshotJsonAsset[];
}

/** The snapshot as `--json` prints it, without the fields kept for the app's own use. */
export function snapshotJson(snapshot: MarketSnapshot): SnapshotJson {
  return {
    at: snapshot.at,
    source: snapshot.source,
    assets: snapshot.assets.map((a) => ({
      asset: a.asset,
      spot: a.spot,
      perp: a.perp
        ? {
            symbol: a.perp.symbol,
            mark: a.perp.mark,
            index: a.perp.index,
            fundingRate: a.perp.fundingRate,
            fundingIntervalHours: a.perp.fundingIntervalHours,
            intervalFromVenue: a.perp.intervalFromVenue,
            annualized: a.perp.annualized,
            nextFundingAt: a.perp.nextFundingAt,
          }
        : null,
      futures: a.futures.map((f) => ({
        symbol: f.symbol,
        expiry: f.expiry,
        price: f.price,
        daysToExpiry: f.daysToExpiry,
        annualized: f.annualized,
        inSignal: f.inSignal,
      })),
      premium: a.premium,
      premiumSource: a.premiumSource,
      basisMethod: a.basisMethod,
      regime: a.regime,
      heldByHysteresis: a.heldByHysteresis,
      stale: a.stale,
      ...(a.problem !== undefined ? { problem: a.problem } : {}),
    })),
  };
}

const SOURCE_WORDS: Record<NonNullable<AssetSnapshot['premiumSource']>, string> = {
  'nearest-future': 'nearest future',
  'constant-maturity': 'constant maturity',
  'funding-average': 'averaged funding',
  'funding-current': 'current funding',
};

interface Column {
  title: string;
  align: 'left' | 'right';
  cell(a: AssetSnapshot, at: number): string;
}

function hours(h: number): string {
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
}

const COLUMNS: readonly Column[] = [
  { title: 'Asset', align: 'left', cell: (a) => a.asset },
  { title: 'Spot', align: 'right', cell: (a) => (a.spot === null ? MISSING : formatPrice(a.spot)) },
  {
    title: 'Perp mark',
    align: 'right',
    cell: (a) => (a.perp ? formatPrice(a.perp.mark) : MISSING),
  },
  {
    title: 'Funding',
    align: 'right',
    cell: (a) =>
      a.perp
        ? `${formatPercent(a.perp.fundingRate, 4)} / ${hours(a.perp.fundingIntervalHours)}${a.perp.intervalFromVenue ? '' : '*'}`
        : MISSING,
  },
  {
    title: 'Funding/yr',
    align: 'right',
    cell: (a) => (a.perp ? formatPercent(a.perp.annualized) : MISSING),
  },
  {
    title: 'Next funding',
    align: 'right',
    cell: (a, at) =>
      a.perp?.nextFundingAt != null ? formatDuration(a.perp.nextFundingAt - at) : MISSING,
  },
  {
    title: 'Nearest future/yr',
    align: 'right',
    cell: (a) => {
      const f = a.futures.find((x) => x.inSignal) ?? a.futures[0];
      return f ? `${formatPercent(f.annualized)} (${Math.floor(f.daysToExpiry)} d)` : MISSING;
    },
  },
  {
    title: 'Premium',
    align: 'right',
    cell: (a) => (a.premium === null ? MISSING : formatPercent(a.premium)),
  },
  {
    title: 'Source',
    align: 'left',
    cell: (a) => (a.premiumSource ? SOURCE_WORDS[a.premiumSource] : MISSING),
  },
  {
    title: 'Regime',
    align: 'left',
    cell: (a) =>
      a.regime ? `${REGIME_LABELS[a.regime]}${a.heldByHysteresis ? ' (held)' : ''}` : MISSING,
  },
  {
    title: 'Data',
    align: 'left',
    cell: (a) => `${a.stale ? 'stale' : 'fresh'}${a.problem !== undefined ? ', see below' : ''}`,
  },
];

/** The snapshot as lines of an aligned table, with a heading and the notes its marks need. */
export function snapshotTable(snapshot: MarketSnapshot): string[] {
  const rows = snapshot.assets.map((a) => COLUMNS.map((c) => c.cell(a, snapshot.at)));
  const widths = COLUMNS.map((c, i) =>
    Math.max(c.title.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        COLUMNS[i]!.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  const market = snapshot.source === 'demo' ? 'demo market (simulated)' : snapshot.source;
  const when = new Date(snapshot.at)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const out = [
    `Premia market snapshot: ${market}, ${when}${snapshot.offline ? ', offline' : ''}`,
    '',
    line(COLUMNS.map((c) => c.title)),
    ...rows.map(line),
  ];
  const notes: string[] = [];
  for (const a of snapshot.assets)
    if (a.problem !== undefined) notes.push(`${a.asset}: ${a.problem}`);
  if (snapshot.assets.some((a) => a.perp && !a.perp.intervalFromVenue)) {
    notes.push('* funding interval not published by the venue: its 8 h default is used.');
  }
  const method = snapshot.assets[0]?.basisMethod ?? 'simple';
  notes.push(`Dated futures annualized ${method} (ACT/365); the premium sets the regime.`);
  return [...out, '', ...notes];
}

function readVersion(projectDir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface SnapshotCommandOptions {
  /** Default SNAPSHOT_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Market settings for tests (gateway timeouts, say). */
  market?: MarketOptions;
  env?: Record<string, string | undefined>;
}

async function firstSnapshot(services: AppServices, timeoutMs: number): Promise<MarketSnapshot> {
  const first = services.waitForMarketSnapshot(timeoutMs);
  // Whatever happens to the start, the wait is the one answer awaited.
  first.catch(() => undefined);
  await services.startMarket();
  return first;
}

export function createSnapshotCommand(options: SnapshotCommandOptions = {}): Command {
  const command: Command = {
    name: 'snapshot',
    summary: 'Print the current market snapshot (the demo market when no account is set).',
    usage: 'premia snapshot [--json] [--data-dir DIR]',

    async run(args: string[], context: CommandContext): Promise<number> {
      const flags = parseFlags(command, args, {
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
      });
      const dataDir = resolve(flags['data-dir'] ?? defaultDataDir());
      const logger = createLogger({ level: logLevelFromEnv(process.env, 'warn') });
      let services: AppServices;
      try {
        services = await createAppServices({
          dataDir,
          host: 'web',
          version: readVersion(context.projectDir),
          logger,
          env: options.env,
          // One cycle is all this command reads: no history is fetched for it.
          market: { backfill: false, ...options.market, start: 'manual' },
        });
      } catch (error) {
        if (error instanceof PremiaError) throw new CliError(`premia snapshot: ${error.message}`);
        throw error;
      }
      try {
        let snapshot: MarketSnapshot;
        try {
          snapshot = await firstSnapshot(services, options.timeoutMs ?? SNAPSHOT_TIMEOUT_MS);
        } catch (error) {
          if (!(error instanceof PremiaError)) throw error;
          const { notices } = await services.api.getAppInfo();
          const why = notices.filter((n) => n.level === 'error').map((n) => ` ${n.message}`);
          throw new CliError(`premia snapshot: ${error.message}${why.join('')}`);
        }
        if (flags.json) context.stdout(JSON.stringify(snapshotJson(snapshot)));
        else for (const line of snapshotTable(snapshot)) context.stdout(line);
        return 0;
      } finally {
        await services.close();
      }
    },
  };
  return command;
}

export const snapshotCommand: Command = createSnapshotCommand();
