import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/csv';
import { journalCsv } from './journal-csv';
import { entryOf, orderChange, transferChange } from './journal-testing';

const T1 = Date.UTC(2025, 2, 1, 12, 0, 0);
const T2 = Date.UTC(2025, 2, 1, 12, 0, 5);
const T3 = Date.UTC(2025, 2, 1, 12, 0, 9);

describe('the journal as CSV for taxes', () => {
  it('lists every order that filled anything, oldest first, with what filled at its average price', () => {
    const csv = journalCsv([
      entryOf(
        orderChange({
          clientOrderId: 'b',
          status: 'filled',
          filled: 0.5,
          price: 60_000.5,
          fee: 0.0005,
          feeCurrency: 'BTC',
          live: false,
        }),
        T2,
      ),
      entryOf(
        orderChange({
          clientOrderId: 'a',
          side: 'sell',
          symbol: 'BTC/USDT:USDT',
          status: 'partially-filled',
          filled: 0.2,
          price: 61_000,
          fee: 4.88,
          feeCurrency: 'USDT',
          live: false,
        }),
        T1,
      ),
      entryOf(
        orderChange({
          clientOrderId: 'c',
          status: 'canceled',
          filled: 0.1,
          price: 60_100,
          fee: 0,
          feeCurrency: 'USDT',
          live: false,
        }),
        T3,
      ),
    ]);
    expect(csv).toBe(
      'time,venue,symbol,side,amount,price,fee,fee currency,plan\r\n' +
        '2025-03-01T12:00:00.000Z,binance,BTC/USDT:USDT,sell,0.2,61000,4.88,USDT,plan1\r\n' +
        '2025-03-01T12:00:05.000Z,binance,BTC/USDT,buy,0.5,60000.5,0.0005,BTC,plan1\r\n' +
        '2025-03-01T12:00:09.000Z,binance,BTC/USDT,buy,0.1,60100,0,USDT,plan1\r\n',
    );
  });

  it('leaves out transfers and orders that filled nothing', () => {
    const csv = journalCsv([
      entryOf(orderChange({ status: 'sent' })),
      entryOf(
        orderChange({ clientOrderId: 'x', status: 'failed', live: false, reason: 'refused' }),
      ),
      entryOf(transferChange({ status: 'filled', filled: 1000, live: false })),
    ]);
    expect(csv).toBe('time,venue,symbol,side,amount,price,fee,fee currency,plan\r\n');
  });

  it('never lets a venue-given text run as a spreadsheet formula', () => {
    const csv = journalCsv([
      entryOf(
        orderChange({
          status: 'filled',
          filled: 0.5,
          price: 1,
          fee: 0.1,
          feeCurrency: '=HYPERLINK("x")',
          live: false,
        }),
      ),
    ]);
    const row = parseCsv(csv)[1]!.fields.map((f) => f.value);
    expect(row[7]).toBe('\'=HYPERLINK("x")');
  });
});
