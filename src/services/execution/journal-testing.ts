// Records for the journal's tests: an order or a transfer of one plan, changed as a test needs.
import type { JournalChange, JournalEntry, JournalRecord } from './journal-record';

export function orderChange(overrides: Partial<JournalChange> = {}): JournalChange {
  return {
    kind: 'order',
    clientOrderId: 'pm-plan1-0-0',
    planId: 'plan1',
    step: 0,
    attempt: 0,
    pair: 'p1',
    account: 'acct1',
    exchange: 'binance',
    asset: 'BTC',
    symbol: 'BTC/USDT',
    side: 'buy',
    from: null,
    to: null,
    amount: 0.5,
    filled: 0,
    price: null,
    fee: null,
    feeCurrency: null,
    orderId: null,
    status: 'intent',
    live: true,
    reason: null,
    ...overrides,
  };
}

export function transferChange(overrides: Partial<JournalChange> = {}): JournalChange {
  return orderChange({
    kind: 'transfer',
    clientOrderId: 'pm-plan1-1-0',
    step: 1,
    pair: null,
    asset: 'USDT',
    symbol: null,
    side: null,
    from: 'spot',
    to: 'futures',
    amount: 1000,
    ...overrides,
  });
}

export function record(change: JournalChange, at = 1_000): JournalRecord {
  return { v: 1, at, ...change };
}

export function entryOf(change: JournalChange, at = 1_000): JournalEntry {
  return { ...record(change, at), firstAt: at };
}
