// The journal's trades as CSV for a tax return or an accountant: one row for every order that traded
// anything. A partial fill counts as much as a full one, and so does one later canceled or unwound
// (unwinding is a trade of its own, journaled as its own order).
import { formatCsv, type CsvCell } from '../../core/csv';
import type { JournalEntry } from './journal-record';

export const JOURNAL_CSV_HEADER = [
  'time',
  'venue',
  'symbol',
  'side',
  'amount',
  'price',
  'fee',
  'fee currency',
  'plan',
] as const;

/**
 * Every order with a fill, oldest first by the time its latest fill was journaled (ISO, UTC): the
 * amount is what filled, the price its average. Transfers move no value and are left out.
 */
export function journalCsv(entries: readonly JournalEntry[]): string {
  const traded = entries
    .filter((e) => e.kind === 'order' && e.filled > 0)
    .map((e, index) => ({ e, index }))
    .sort((a, b) => a.e.at - b.e.at || a.index - b.index);
  const rows: CsvCell[][] = traded.map(({ e }) => [
    new Date(e.at).toISOString(),
    e.exchange,
    e.symbol,
    e.side,
    e.filled,
    e.price,
    e.fee,
    e.feeCurrency,
    e.planId,
  ]);
  return formatCsv([[...JOURNAL_CSV_HEADER], ...rows]);
}
