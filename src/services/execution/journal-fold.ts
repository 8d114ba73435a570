// How records fold into the latest state of each order: a record may only move an entry forward
// (intent → sent → acknowledged → partially filled → a final status), so a late duplicate or an
// answer that arrives after a newer one is kept in the file but changes nothing.
import {
  isFinal,
  type JournalEntry,
  type JournalRecord,
  type JournalStatus,
} from './journal-record';

// Statuses of one rank never follow each other, except more of a partial fill.
const RANK: Record<Exclude<JournalStatus, 'unwound'>, number> = {
  intent: 0,
  sent: 1,
  acknowledged: 2,
  'partially-filled': 3,
  filled: 4,
  failed: 4,
  abandoned: 4,
  canceled: 4,
};

// What names an order: a record under the same client order id that differs in any of these is
// about another order, which is a fault in whoever wrote it.
const IDENTITY = [
  'kind',
  'planId',
  'step',
  'attempt',
  'account',
  'exchange',
  'asset',
  'symbol',
  'side',
  'from',
  'to',
  'amount',
] as const;

export type FoldResult =
  { applied: true; entry: JournalEntry } | { applied: false; entry: JournalEntry; why: string };

/** The record's field that names a different order than `entry`, if any. */
export function identityConflict(entry: JournalRecord, record: JournalRecord): string | null {
  const field = IDENTITY.find((key) => entry[key] !== record[key]);
  return field ?? null;
}

/** Why `record` may not move `entry` on, or null when it may. */
function refusal(entry: JournalEntry, record: JournalRecord): string | null {
  const field = identityConflict(entry, record);
  if (field) return `it names another order (its ${field} differs)`;
  if (record.filled < entry.filled) {
    return `it reports less filled (${record.filled}) than already recorded (${entry.filled})`;
  }
  if (record.status === 'unwound') {
    // Unwinding reverses a fill with another order, so only an order over and with a fill is unwound.
    if (entry.status === 'unwound') return 'the order is unwound already';
    if (!isFinal(entry) || entry.filled === 0) {
      return `only a finished order with a fill can be unwound (this one is ${entry.status})`;
    }
    return null;
  }
  if (isFinal(entry)) return `the order is ${entry.status} already`;
  const from = RANK[entry.status as Exclude<JournalStatus, 'unwound'>];
  const to = RANK[record.status];
  if (to > from) return null;
  if (record.status === 'partially-filled' && entry.status === 'partially-filled') {
    if (record.filled > entry.filled || !record.live) return null;
    return 'it repeats the partial fill already recorded';
  }
  return `it would move the order back from ${entry.status} to ${record.status}`;
}

/** Folds one record into the entry it belongs to (undefined for a client order id seen first). */
export function foldRecord(entry: JournalEntry | undefined, record: JournalRecord): FoldResult {
  if (!entry) return { applied: true, entry: { ...record, firstAt: record.at } };
  const why = refusal(entry, record);
  if (why) return { applied: false, entry, why };
  // The venue's id, once learned, stays known even when a later record leaves it out.
  const orderId = record.orderId ?? entry.orderId;
  return { applied: true, entry: { ...record, orderId, firstAt: entry.firstAt } };
}
