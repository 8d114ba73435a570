// The Holdings table's rows: every coin in every account's spot and futures wallets and every manual
// holding, valued at the portfolio's prices, grouped by where it is held or by asset, filtered by
// text, sorted by any column, and written out as CSV.
import { EXCHANGE_NAMES } from '../../../shared/settings';
import type { PortfolioView } from '../../../shared/portfolio';
import type { CsvCell } from '../../../core';

export type HoldingKind = 'spot' | 'futures' | 'manual';

export const HOLDING_KIND_LABELS: Record<HoldingKind, string> = {
  spot: 'Spot wallet',
  futures: 'Futures wallet',
  manual: 'Held elsewhere',
};

export interface HoldingRow {
  key: string;
  /** The account's label, or where a manual holding is kept. */
  source: string;
  asset: string;
  kind: HoldingKind;
  quantity: number;
  /** Per unit in USDT; null when the portfolio has no price for the asset. */
  price: number | null;
  value: number | null;
}

/** The portfolio's price of an asset: a tracked asset's, a stablecoin's, or an untracked coin's. */
export function priceOf(view: PortfolioView, asset: string): number | null {
  const tracked = view.buckets.assets.find((a) => a.asset === asset);
  if (tracked) return tracked.price;
  const stable = view.buckets.stablecoins.find((s) => s.asset === asset);
  if (stable) return stable.price;
  const other = view.buckets.untracked.find((u) => u.asset === asset);
  if (other && other.value !== null && other.quantity > 0) return other.value / other.quantity;
  return null;
}

/** The account's name as the user gave it, or its venue's when the account is not listed. */
export function accountLabel(view: PortfolioView, accountId: string): string {
  const account = view.accounts.find((a) => a.id === accountId);
  if (account) return account.label;
  const holdings = view.holdings.find((h) => h.accountId === accountId);
  return holdings ? EXCHANGE_NAMES[holdings.exchange] : accountId;
}

export function holdingRows(view: PortfolioView): HoldingRow[] {
  const rows: HoldingRow[] = [];
  const add = (key: string, source: string, asset: string, kind: HoldingKind, quantity: number) => {
    const price = priceOf(view, asset);
    rows.push({
      key,
      source,
      asset,
      kind,
      quantity,
      price,
      value: price === null ? null : quantity * price,
    });
  };
  for (const h of view.holdings) {
    const source = accountLabel(view, h.accountId);
    for (const b of h.spot) {
      if (b.total !== 0) add(`${h.accountId}:spot:${b.asset}`, source, b.asset, 'spot', b.total);
    }
    for (const b of h.futures.balances) {
      if (b.margin !== 0)
        add(`${h.accountId}:futures:${b.asset}`, source, b.asset, 'futures', b.margin);
    }
  }
  for (const m of view.manual) add(`manual:${m.id}`, m.where, m.asset, 'manual', m.amount);
  return rows;
}

export type Grouping = 'source' | 'asset';

export interface HoldingGroup {
  key: string;
  title: string;
  rows: HoldingRow[];
  /** Sum of the rows' values; null when any row has no value. */
  value: number | null;
}

/** Rows gathered by where they are held or by asset, groups in order of first appearance. */
export function groupRows(rows: readonly HoldingRow[], grouping: Grouping): HoldingGroup[] {
  const groups = new Map<string, HoldingGroup>();
  for (const row of rows) {
    const title = grouping === 'asset' ? row.asset : row.source;
    let group = groups.get(title);
    if (!group) {
      group = { key: `${grouping}:${title}`, title, rows: [], value: 0 };
      groups.set(title, group);
    }
    group.rows.push(row);
    group.value = group.value === null || row.value === null ? null : group.value + row.value;
  }
  return [...groups.values()];
}

/** Rows whose asset, source or kind contains the text typed (any case); all rows for no text. */
export function filterRows(rows: readonly HoldingRow[], text: string): HoldingRow[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return [...rows];
  return rows.filter((r) =>
    [r.asset, r.source, HOLDING_KIND_LABELS[r.kind]].some((t) => t.toLowerCase().includes(needle)),
  );
}

export const HOLDING_COLUMNS = [
  { id: 'asset', label: 'Asset', numeric: false },
  { id: 'source', label: 'Held at', numeric: false },
  { id: 'kind', label: 'Wallet', numeric: false },
  { id: 'quantity', label: 'Quantity', numeric: true },
  { id: 'price', label: 'Price (USDT)', numeric: true },
  { id: 'value', label: 'Value (USDT)', numeric: true },
] as const;
export type HoldingColumn = (typeof HOLDING_COLUMNS)[number]['id'];

export interface SortState {
  column: HoldingColumn;
  direction: 'ascending' | 'descending';
}

export const DEFAULT_SORT: SortState = { column: 'value', direction: 'descending' };

/** A click on a column header: the same column flips its direction; a new one starts at its natural order. */
export function nextSort(state: SortState, column: HoldingColumn): SortState {
  if (state.column === column) {
    return { column, direction: state.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  const numeric = HOLDING_COLUMNS.find((c) => c.id === column)?.numeric ?? false;
  return { column, direction: numeric ? 'descending' : 'ascending' };
}

/** The column header's aria-sort. */
export function ariaSort(
  state: SortState,
  column: HoldingColumn,
): 'ascending' | 'descending' | 'none' {
  return state.column === column ? state.direction : 'none';
}

/** Rows in the order asked; rows without the figure (no price) always go last, ties by asset then source. */
export function sortRows(rows: readonly HoldingRow[], state: SortState): HoldingRow[] {
  const sign = state.direction === 'ascending' ? 1 : -1;
  const cell = (r: HoldingRow): string | number | null =>
    state.column === 'kind' ? HOLDING_KIND_LABELS[r.kind] : r[state.column];
  const tie = (a: HoldingRow, b: HoldingRow) =>
    a.asset.localeCompare(b.asset) ||
    a.source.localeCompare(b.source) ||
    a.kind.localeCompare(b.kind);
  return [...rows].sort((a, b) => {
    const x = cell(a);
    const y = cell(b);
    if (x === null || y === null) return x === y ? tie(a, b) : x === null ? 1 : -1;
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order !== 0 ? sign * order : tie(a, b);
  });
}

/** The table as CSV cells: a header, then one line per row with plain numbers (no separators). */
export function holdingsCsvRows(rows: readonly HoldingRow[]): CsvCell[][] {
  return [
    ['held_at', 'asset', 'wallet', 'quantity', 'price_usdt', 'value_usdt'],
    ...rows.map((r) => [
      r.source,
      r.asset,
      HOLDING_KIND_LABELS[r.kind],
      r.quantity,
      r.price,
      r.value,
    ]),
  ];
}
