// The journal as the API shows it: each order's or transfer's latest state in the shared shape,
// filtered by plan, account, asset, status and time (the time of its latest change).
import type {
  JournalEntry as SharedJournalEntry,
  JournalQuery,
  JournalView,
} from '../../shared/execution';
import type { JournalEntry } from './journal-record';

export function toSharedEntry(e: JournalEntry): SharedJournalEntry {
  return {
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
    from: e.from,
    to: e.to,
    amount: e.amount,
    filled: e.filled,
    price: e.price,
    fee: e.fee,
    feeCurrency: e.feeCurrency,
    status: e.status,
    reason: e.reason,
    updatedAt: e.at,
  };
}

export function journalView(entries: readonly JournalEntry[], query: JournalQuery): JournalView {
  const statuses = query.status && query.status.length > 0 ? new Set(query.status) : null;
  const asset = query.asset?.toUpperCase();
  return {
    entries: entries
      .filter(
        (e) =>
          (query.planId === undefined || e.planId === query.planId) &&
          (query.account === undefined || e.account === query.account) &&
          (asset === undefined || e.asset.toUpperCase() === asset) &&
          (statuses === null || statuses.has(e.status)) &&
          (query.from === undefined || e.at >= query.from) &&
          (query.to === undefined || e.at <= query.to),
      )
      .map(toSharedEntry),
  };
}
