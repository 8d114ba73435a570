// The reconciliation's outcome in a few sentences for the user's notice: what was settled, what was
// given up and never sent again, what is left to check, and the pairs found one-legged.
import type { JournalEntry } from './journal-record';
import type { ReconcileReport } from './reconcile';

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function reportMessage(
  report: ReconcileReport,
  entries: readonly JournalEntry[],
  labelOf: (accountId: string) => string,
): string | null {
  const byId = new Map(entries.map((e) => [e.clientOrderId, e]));
  const orders = report.abandoned.filter((id) => !report.transfers.includes(id));
  const parts: string[] = [];
  if (report.settled.length > 0) {
    parts.push(
      `${count(report.settled.length, 'order was', 'orders were')} found on the venue and recorded as it reported ${report.settled.length === 1 ? 'it' : 'them'}.`,
    );
  }
  if (orders.length > 0) {
    parts.push(
      `${count(orders.length, 'order', 'orders')} never reached the venue (${orders.join(', ')}): marked abandoned and not sent again.`,
    );
  }
  for (const id of report.transfers) {
    const t = byId.get(id);
    if (!t) continue;
    parts.push(
      `A transfer of ${t.amount} ${t.asset} on ${labelOf(t.account)} was never confirmed: check both wallets' ${t.asset} balances; it is not sent again.`,
    );
  }
  for (const p of report.pairs) {
    const amount = `${Number(p.amount.toPrecision(10))} ${p.asset}`;
    const where = labelOf(p.account);
    if (p.outcome === 'completed') {
      parts.push(
        `A ${p.asset} pair of plan ${p.planId} left one-legged was hedged for the ${amount} missing.`,
      );
    } else if (p.outcome === 'unwound') {
      parts.push(
        `A ${p.asset} pair of plan ${p.planId} left one-legged was undone (${amount} unhedged).`,
      );
    } else {
      parts.push(
        `${amount} on ${where} (plan ${p.planId}) is not hedged and could not be undone${p.outcome === 'pending' ? ' yet' : ''}: hedge or close it by hand, then mark its alert dealt with by hand.`,
      );
    }
  }
  if (report.pending.length > 0) {
    parts.push(
      `${count(report.pending.length, 'order', 'orders')} could not be looked up because the venue could not be asked (${report.pending.join(', ')}): ${report.pending.length === 1 ? 'it is' : 'they are'} left as ${report.pending.length === 1 ? 'it was' : 'they were'} and looked up again when Premia next reconciles; check ${report.pending.length === 1 ? 'it' : 'them'} on the venue meanwhile.`,
    );
  }
  if (parts.length === 0) return null;
  return `Premia stopped while orders were under way; on starting again it checked them. ${parts.join(' ')}`;
}
