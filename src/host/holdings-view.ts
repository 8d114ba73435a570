// The portfolio as `premia holdings` prints it: one JSON object of fixed shape, or tables for people.
import { formatPercent, formatPrice, MISSING } from '../core';
import type { KeyPermissions } from '../shared/accounts';
import type { PortfolioView, PortfolioWarning } from '../shared/portfolio';
import type { Weights } from '../shared/strategy';
import { textTable } from './text-table';
import { formatUtcTime } from './utc-time';

type Shares = { spot: number; hedged: number };

export interface HoldingsJsonAsset {
  asset: string;
  long: number;
  short: number;
  price: number | null;
  spot: number;
  hedged: number;
  net: number;
  current: Shares | null;
  target: Weights;
  drift: Shares | null;
}

export interface HoldingsJsonAccount {
  id: string;
  exchange: string;
  label: string;
  /** True for every environment but live: testnet, demo trading and the simulator. */
  testnet: boolean;
  syncedAt: number | null;
  permissions: KeyPermissions | null;
}

export interface HoldingsJson {
  at: number;
  value: number;
  current: Weights | null;
  target: Weights;
  drift: Weights | null;
  rebalanceDue: boolean;
  assets: HoldingsJsonAsset[];
  stable: number;
  accounts: HoldingsJsonAccount[];
  /** Each as the app reports it: its kind, the asset or account it is about, and its message. */
  warnings: PortfolioWarning[];
}

const shares = (s: Shares | null): Shares | null => (s ? { spot: s.spot, hedged: s.hedged } : null);
const weights = (w: Weights | null): Weights | null =>
  w ? { spot: w.spot, hedged: w.hedged, stable: w.stable } : null;

/** Exactly the fields `--json` promises, whatever else the app's view carries. */
export function holdingsJson(view: PortfolioView): HoldingsJson {
  const b = view.buckets;
  return {
    at: view.at,
    value: b.value,
    current: weights(b.current),
    target: weights(b.target)!,
    drift: weights(b.drift),
    rebalanceDue: b.rebalanceDue,
    assets: b.assets.map((a) => ({
      asset: a.asset,
      long: a.long,
      short: a.short,
      price: a.price,
      spot: a.spot,
      hedged: a.hedged,
      net: a.net,
      current: shares(a.current),
      target: weights(a.target)!,
      drift: shares(a.drift),
    })),
    stable: b.stable,
    accounts: view.accounts.map((a) => ({
      id: a.id,
      exchange: a.exchange,
      label: a.label,
      testnet: a.environment !== 'live',
      syncedAt: a.syncedAt,
      permissions: a.permissions,
    })),
    warnings: b.warnings.map((w) => ({
      kind: w.kind,
      ...(w.asset !== undefined ? { asset: w.asset } : {}),
      ...(w.accountId !== undefined ? { accountId: w.accountId } : {}),
      message: w.message,
    })),
  };
}

const pct = (x: number | null | undefined) => (x == null ? MISSING : formatPercent(x));
const signedPct = (x: number | null | undefined) =>
  x == null ? MISSING : `${x > 0 ? '+' : ''}${formatPercent(x)}`;
// Four decimals, or eight for dust that four would show as zero.
const quantity = (x: number) => formatPrice(x, x === 0 || Math.abs(x) >= 0.0001 ? 4 : 8);

/** What a key may do, in a few words. */
export function permissionWords(p: KeyPermissions | null): string {
  if (p === null) return 'not tested';
  const can = [
    p.read && 'read',
    p.spotTrading && 'spot',
    p.futuresTrading && 'futures',
    p.universalTransfer && 'transfer',
    p.withdrawals && 'WITHDRAWALS',
  ].filter((x): x is string => typeof x === 'string');
  return `${can.length ? can.join(', ') : 'nothing'}${p.ipRestricted ? ' (IP-restricted)' : ''}`;
}

/** The portfolio as lines: the buckets, each asset, the accounts and the warnings. */
export function holdingsTable(view: PortfolioView): string[] {
  const b = view.buckets;
  const out = [
    `Premia holdings: ${formatUtcTime(view.at)}${view.demo ? ', demo portfolio' : ''}`,
    `Value ${formatPrice(b.value)} USDT (stable ${formatPrice(b.stable)} USDT); rebalance ${b.rebalanceDue ? 'due' : 'not due'} (drift band ${formatPercent(b.driftBand)})`,
    '',
    ...textTable(
      [
        { title: 'Bucket', align: 'left' },
        { title: 'Current', align: 'right' },
        { title: 'Target', align: 'right' },
        { title: 'Drift', align: 'right' },
      ],
      (['spot', 'hedged', 'stable'] as const).map((k) => [
        k === 'spot' ? 'Spot' : k === 'hedged' ? 'Hedged' : 'Stable',
        pct(b.current?.[k]),
        pct(b.target[k]),
        signedPct(b.drift?.[k]),
      ]),
    ),
  ];
  if (b.assets.length > 0) {
    out.push(
      '',
      ...textTable(
        [
          { title: 'Asset', align: 'left' },
          { title: 'Long', align: 'right' },
          { title: 'Short', align: 'right' },
          { title: 'Price', align: 'right' },
          { title: 'Spot', align: 'right' },
          { title: 'Hedged', align: 'right' },
          { title: 'Net', align: 'right' },
          { title: 'Spot now/target', align: 'right' },
          { title: 'Hedged now/target', align: 'right' },
        ],
        b.assets.map((a) => [
          a.asset,
          quantity(a.long),
          quantity(a.short),
          a.price === null ? MISSING : formatPrice(a.price),
          formatPrice(a.spot),
          formatPrice(a.hedged),
          formatPrice(a.net),
          `${pct(a.current?.spot)} / ${pct(a.target.spot)}`,
          `${pct(a.current?.hedged)} / ${pct(a.target.hedged)}`,
        ]),
      ),
    );
  }
  out.push('');
  if (view.accounts.length === 0)
    out.push('No exchange account: add one with premia accounts add.');
  else
    out.push(
      ...textTable(
        [
          { title: 'Account', align: 'left' },
          { title: 'Exchange', align: 'left' },
          { title: 'Environment', align: 'left' },
          { title: 'Synced', align: 'left' },
          { title: 'Key may', align: 'left' },
        ],
        view.accounts.map((a) => [
          a.label,
          a.exchange,
          a.environment,
          formatUtcTime(a.syncedAt),
          permissionWords(a.permissions),
        ]),
      ),
    );
  if (b.warnings.length > 0) out.push('', 'Warnings:', ...b.warnings.map((w) => `- ${w.message}`));
  out.push('', 'Values in USDT; shares of the portfolio value.');
  return out;
}
