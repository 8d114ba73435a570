// `premia snapshot [--json] [--data-dir DIR]`: the running Premia's latest snapshot when one holds
// the data folder; otherwise starts the market part of the services on it (the demo market when no
// account is set) and waits for the first cycle that brings quotes. Prints it — one JSON object, or
// an aligned table for people — and exits.
import { formatDuration, formatPercent, formatPrice, MISSING } from '../../core';
import type { AssetSnapshot, MarketSnapshot } from '../../shared/market';
import { REGIME_LABELS } from '../../shared/strategy';
import type { MarketOptions } from '../../services/app-services';
import type { ApiSession, OpenServices } from '../api-session';
import { appServicesOpener, firstSnapshot } from '../api-session';
import { CliError } from '../cli-errors';
import type { Command } from './command';
import { createReportCommand } from './report-command';
import { formatUtcTime } from '../utc-time';

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
  const when = formatUtcTime(snapshot.at);
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

export interface SnapshotCommandOptions {
  /** Default SNAPSHOT_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Market settings for tests (gateway timeouts, say). */
  market?: MarketOptions;
  env?: Record<string, string | undefined>;
  /** How services are opened when no Premia holds the folder (the app's own by default). */
  open?: OpenServices;
}

/** The snapshot of the Premia the session reaches: the running app's latest, or a first cycle's. */
async function readSnapshot(session: ApiSession, timeoutMs: number): Promise<MarketSnapshot> {
  if (session.via === 'services') return firstSnapshot('snapshot', session.services, timeoutMs);
  const snapshot = await session.api.getSnapshot();
  if (snapshot === null) {
    throw new CliError(
      'premia snapshot: the running Premia has no market data yet; try again in a moment.',
    );
  }
  return snapshot;
}

export function createSnapshotCommand(options: SnapshotCommandOptions = {}): Command {
  return createReportCommand({
    name: 'snapshot',
    summary: 'Print the current market snapshot (the demo market when no account is set).',
    open: options.open ?? appServicesOpener({ market: options.market, env: options.env }),
    read: (session) => readSnapshot(session, options.timeoutMs ?? SNAPSHOT_TIMEOUT_MS),
    json: snapshotJson,
    table: snapshotTable,
  });
}

export const snapshotCommand: Command = createSnapshotCommand();
