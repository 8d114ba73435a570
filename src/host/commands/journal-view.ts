// The journal as `premia journal` prints it: one JSON object of fixed shape, or a table for people
// with the reasons of failures and abandonments under it.
import { formatPrice } from '../../core';
import type { JournalEntry, JournalView } from '../../shared/execution';
import { textTable } from '../text-table';
import { formatUtcTime } from '../utc-time';
import { formatAmount } from './plan-view';

/** An entry as `--json` prints it: the shared entry without its wallets and reason, keys in its order. */
export type JournalJsonEntry = Omit<JournalEntry, 'from' | 'to' | 'reason'>;

export function journalJson(view: JournalView): { entries: JournalJsonEntry[] } {
  return {
    entries: view.entries.map(({ from: _from, to: _to, reason: _reason, ...printed }) => printed),
  };
}

function what(e: JournalEntry): string {
  if (e.kind === 'transfer') {
    const wallets = e.from !== null && e.to !== null ? ` ${e.from} → ${e.to}` : '';
    return `transfer ${e.asset}${wallets}`;
  }
  return `${e.side ?? 'order'} ${e.symbol ?? e.asset}`;
}

export function journalTable(view: JournalView): string[] {
  if (view.entries.length === 0) {
    return ['The journal is empty: no order or transfer has been sent yet.'];
  }
  const lines = textTable(
    [
      { title: 'Updated', align: 'left' },
      { title: 'Plan', align: 'left' },
      { title: 'Step', align: 'right' },
      { title: 'What', align: 'left' },
      { title: 'Filled', align: 'right' },
      { title: 'Price', align: 'right' },
      { title: 'Fee', align: 'right' },
      { title: 'Status', align: 'left' },
      { title: 'Account', align: 'left' },
    ],
    view.entries.map((e) => [
      formatUtcTime(e.updatedAt),
      e.planId,
      String(e.step),
      what(e),
      `${formatAmount(e.filled)} of ${formatAmount(e.amount)}`,
      e.price === null ? '' : formatPrice(e.price),
      e.fee === null ? '' : `${formatAmount(e.fee)} ${e.feeCurrency ?? ''}`.trimEnd(),
      e.status,
      `${e.account} (${e.exchange})`,
    ]),
  );
  const reasons = view.entries.filter((e) => e.reason !== null);
  if (reasons.length > 0) {
    lines.push('', 'Why');
    for (const e of reasons) lines.push(`  ${e.clientOrderId} (${e.status}): ${e.reason}`);
  }
  return lines;
}
