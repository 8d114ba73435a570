// The journal as `premia journal` prints it: one JSON object of fixed shape, or a table for people
// with the reasons of failures and abandonments under it.
import { formatPrice } from '../../core';
import type { JournalEntry, JournalView } from '../../shared/execution';
import { textTable } from '../text-table';
import { formatUtcTime } from '../utc-time';
import { formatAmount } from './plan-view';

export interface JournalJsonEntry {
  clientOrderId: string;
  orderId: string | null;
  planId: string;
  step: number;
  kind: JournalEntry['kind'];
  pair: string | null;
  account: string;
  exchange: string;
  asset: string;
  symbol: string | null;
  side: JournalEntry['side'];
  amount: number;
  filled: number;
  price: number | null;
  fee: number | null;
  feeCurrency: string | null;
  status: JournalEntry['status'];
  updatedAt: number;
}

export function journalJson(view: JournalView): { entries: JournalJsonEntry[] } {
  return {
    entries: view.entries.map((e) => ({
      clientOrderId: e.clientOrderId,
      orderId: e.orderId,
      planId: e.planId,
      step: e.step,
      kind: e.kind,
      pair: e.pair,
      account: e.account,
      exchange: e.exchange,
      asset: e.asset,
      symbol: e.symbol,
      side: e.side,
      amount: e.amount,
      filled: e.filled,
      price: e.price,
      fee: e.fee,
      feeCurrency: e.feeCurrency,
      status: e.status,
      updatedAt: e.updatedAt,
    })),
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
