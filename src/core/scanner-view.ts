// Sorting, filtering and ranking the carry scanner's rows: pure, so the view and its tests agree.
import type { ScannerRow } from '../shared/scanner';
import { REGIMES, type Regime } from '../shared/strategy';

export const SCANNER_SORT_KEYS = [
  'asset',
  'fundingNow',
  'avg7',
  'avg14',
  'avg30',
  'basis',
  'regime',
  'carry',
] as const;
export type ScannerSortKey = (typeof SCANNER_SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface ScannerSort {
  key: ScannerSortKey;
  direction: SortDirection;
}

export interface ScannerFilter {
  /** Part of the asset's name, any case; empty for all. */
  text: string;
  /** Only these regimes; empty for all. */
  regimes: readonly Regime[];
  /** Only assets whose funding now (annualized) is at least this; null for all. */
  minFundingNow: number | null;
  /** Leave out the assets already tracked. */
  untrackedOnly: boolean;
}

export const NO_FILTER: ScannerFilter = {
  text: '',
  regimes: [],
  minFundingNow: null,
  untrackedOnly: false,
};

function sortValue(row: ScannerRow, key: ScannerSortKey): number | string | null {
  switch (key) {
    case 'asset':
      return row.asset;
    case 'basis':
      return row.basis?.annualized ?? null;
    case 'regime':
      return row.regime === null ? null : REGIMES.indexOf(row.regime);
    case 'carry':
      return row.carry?.netAnnualized ?? null;
    default:
      return row[key];
  }
}

/** The rows in the order asked; a row without the figure sorts last either way, then by name. */
export function sortRows(rows: readonly ScannerRow[], sort: ScannerSort): ScannerRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
      return a.asset.localeCompare(b.asset);
    }
    const order = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return order !== 0 ? sign * order : a.asset.localeCompare(b.asset);
  });
}

export function filterRows(rows: readonly ScannerRow[], filter: ScannerFilter): ScannerRow[] {
  const text = filter.text.trim().toUpperCase();
  return rows.filter(
    (row) =>
      (text === '' || row.asset.includes(text)) &&
      (filter.regimes.length === 0 ||
        (row.regime !== null && filter.regimes.includes(row.regime))) &&
      (filter.minFundingNow === null ||
        (row.fundingNow !== null && row.fundingNow >= filter.minFundingNow)) &&
      (!filter.untrackedOnly || !row.tracked),
  );
}

/** The `count` rows whose carry earns most net of fees, best first; only those that earn. */
export function rankByNetCarry(rows: readonly ScannerRow[], count: number): ScannerRow[] {
  return rows
    .filter((row) => row.carry !== null && row.carry.netAnnualized > 0)
    .sort(
      (a, b) => b.carry!.netAnnualized - a.carry!.netAnnualized || a.asset.localeCompare(b.asset),
    )
    .slice(0, Math.max(0, count));
}
