import { describe, expect, it } from 'vitest';
import type { JournalEntry, OpenOrder } from '../../../shared/execution';
import {
  journalCsvFilename,
  journalQuery,
  journalRows,
  NO_FILTERS,
  openOrderRows,
  type JournalFilters,
} from './journal-rows';

const entry = (change: Partial<JournalEntry> = {}): JournalEntry => ({
  clientOrderId: 'pmk3x9q2m7-1-0',
  orderId: '9001',
  planId: 'k3x9q2m7',
  step: 1,
  kind: 'order',
  pair: 'p1',
  account: 'acc-1',
  exchange: 'binance',
  asset: 'BTC',
  symbol: 'BTC/USDT',
  side: 'buy',
  from: null,
  to: null,
  amount: 0.05,
  filled: 0.05,
  price: 50_012.5,
  fee: 0.00005,
  feeCurrency: 'BTC',
  status: 'filled',
  reason: null,
  updatedAt: Date.UTC(2026, 2, 27, 8, 5, 9),
  ...change,
});

const label = (id: string) => (id === 'acc-1' ? 'Main' : id);
const filters = (change: Partial<JournalFilters>): JournalFilters => ({ ...NO_FILTERS, ...change });

describe('journalRows', () => {
  it('words an order with the app’s formatters and its status as a label and a colour', () => {
    const [row] = journalRows([entry()], label, 'UTC');
    expect(row).toEqual({
      key: 'pmk3x9q2m7-1-0',
      time: 'Mar 27, 2026, 08:05:09',
      plan: 'k3x9q2m7',
      account: 'Main',
      venue: 'binance',
      what: 'BTC/USDT',
      side: 'Buy',
      amount: '0.05 BTC',
      filled: '0.05',
      price: '50,012.50',
      fee: '0.00005 BTC',
      status: 'filled',
      statusLabel: 'Filled',
      statusColor: 'teal',
      reason: '',
    });
  });

  it('shows a transfer by its wallets and a failed entry with its reason', () => {
    const [row] = journalRows(
      [
        entry({
          kind: 'transfer',
          symbol: null,
          side: null,
          from: 'spot',
          to: 'futures',
          asset: 'USDT',
          amount: 1_250,
          filled: 0,
          price: null,
          fee: null,
          feeCurrency: null,
          status: 'failed',
          reason: 'The exchange refused the transfer: insufficient balance.',
        }),
      ],
      label,
    );
    expect(row).toMatchObject({
      what: 'Transfer spot → futures',
      side: '—',
      amount: '1,250 USDT',
      price: '—',
      fee: '—',
      statusLabel: 'Failed',
      statusColor: 'red',
      reason: 'The exchange refused the transfer: insufficient balance.',
    });
  });

  it('lists the newest first, and one plan’s steps in order when they moved together', () => {
    const rows = journalRows(
      [
        entry({ clientOrderId: 'a', step: 2, updatedAt: 2_000 }),
        entry({ clientOrderId: 'b', step: 1, updatedAt: 2_000 }),
        entry({ clientOrderId: 'c', step: 0, updatedAt: 3_000 }),
      ],
      label,
    );
    expect(rows.map((r) => r.key)).toEqual(['c', 'b', 'a']);
  });
});

describe('journalQuery', () => {
  it('asks for everything when no filter is set', () => {
    expect(journalQuery(NO_FILTERS)).toEqual({ ok: true, query: {} });
  });

  it('maps each filter to the query, trimming and upper-casing the asset', () => {
    const reading = journalQuery(
      filters({
        planId: ' k3x9q2m7 ',
        account: 'acc-1',
        asset: ' eth',
        statuses: ['filled', 'failed'],
        from: '2026-03-01',
        to: '2026-03-27',
      }),
    );
    expect(reading).toEqual({
      ok: true,
      query: {
        planId: 'k3x9q2m7',
        account: 'acc-1',
        asset: 'ETH',
        status: ['filled', 'failed'],
        from: new Date(2026, 2, 1).getTime(),
        to: new Date(2026, 2, 28).getTime() - 1,
      },
    });
  });

  it('counts the whole last day, up to its last millisecond', () => {
    const reading = journalQuery(filters({ from: '2026-03-27', to: '2026-03-27' }));
    expect(reading).toEqual({
      ok: true,
      query: { from: new Date(2026, 2, 27).getTime(), to: new Date(2026, 2, 28).getTime() - 1 },
    });
  });

  it('refuses a range whose first day is after its last, saying so', () => {
    expect(journalQuery(filters({ from: '2026-03-28', to: '2026-03-27' }))).toEqual({
      ok: false,
      problem: 'The first day is after the last one.',
    });
  });

  it('refuses a day that does not exist rather than rolling it into the next month', () => {
    expect(journalQuery(filters({ from: '2026-02-31' }))).toEqual({
      ok: false,
      problem: 'The first day is not a date.',
    });
  });

  it('refuses a plan id the host would refuse, in words', () => {
    expect(journalQuery(filters({ planId: 'not a plan!' }))).toEqual({
      ok: false,
      problem: 'A plan id is 1 to 16 lower-case letters and digits.',
    });
  });
});

describe('journalCsvFilename', () => {
  it('names the file by the day it is saved', () => {
    expect(journalCsvFilename(new Date(2026, 2, 7, 23, 59).getTime())).toBe(
      'premia-journal-2026-03-07.csv',
    );
  });
});

describe('openOrderRows', () => {
  const order = (change: Partial<OpenOrder> = {}): OpenOrder => ({
    account: 'acc-1',
    exchange: 'binance',
    market: 'perp',
    symbol: 'ETH/USDT:USDT',
    side: 'sell',
    amount: 1.5,
    filled: 0.5,
    price: 3_010.25,
    orderId: '77',
    clientOrderId: 'pmk3x9q2m7-2-0',
    planId: 'k3x9q2m7',
    placedAt: Date.UTC(2026, 2, 27, 8, 5, 9),
    ...change,
  });

  it('words an order and names its Cancel button by what it cancels', () => {
    const [row] = openOrderRows([order()], label, 'UTC');
    expect(row).toEqual({
      key: 'acc-1-ETH/USDT:USDT-77',
      account: 'Main',
      cancel: { account: 'acc-1', symbol: 'ETH/USDT:USDT', orderId: '77' },
      venue: 'binance',
      market: 'Perpetual',
      symbol: 'ETH/USDT:USDT',
      side: 'Sell',
      amount: '1.5',
      filled: '0.5',
      price: '3,010.25',
      plan: 'k3x9q2m7',
      placedAt: 'Mar 27, 2026, 08:05:09',
      what: 'Sell 1.5 ETH/USDT:USDT',
      cancelLabel: 'Cancel Sell 1.5 ETH/USDT:USDT',
    });
  });

  it('says when an order was not placed by Premia', () => {
    const [row] = openOrderRows(
      [order({ planId: null, clientOrderId: null, price: null, placedAt: null })],
      label,
    );
    expect(row).toMatchObject({ plan: 'not placed by Premia', price: 'market', placedAt: '—' });
  });
});
