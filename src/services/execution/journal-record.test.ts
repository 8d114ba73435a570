import { describe, expect, it } from 'vitest';
import { isFinal, journalRecordSchema } from './journal-record';
import { orderChange, record, transferChange } from './journal-testing';

describe('a journal record', () => {
  it('is accepted for an order and for a transfer as the executor writes them', () => {
    expect(journalRecordSchema.safeParse(record(orderChange())).success).toBe(true);
    expect(journalRecordSchema.safeParse(record(transferChange())).success).toBe(true);
  });

  it('is refused when its client order id breaks the venue rule', () => {
    for (const clientOrderId of ['', 'x'.repeat(37), 'has space', 'ünï']) {
      expect(journalRecordSchema.safeParse(record(orderChange({ clientOrderId }))).success).toBe(
        false,
      );
    }
  });

  it('is refused when an order lacks a symbol or a transfer carries one', () => {
    expect(journalRecordSchema.safeParse(record(orderChange({ symbol: null }))).success).toBe(
      false,
    );
    expect(
      journalRecordSchema.safeParse(record(transferChange({ symbol: 'BTC/USDT' }))).success,
    ).toBe(false);
    expect(journalRecordSchema.safeParse(record(transferChange({ to: 'spot' }))).success).toBe(
      false,
    );
  });

  it('is refused when a final status claims the order is still live, or a sent one says it is not', () => {
    const filledLive = orderChange({ status: 'filled', filled: 0.5, price: 100, live: true });
    expect(journalRecordSchema.safeParse(record(filledLive)).success).toBe(false);
    const sentDead = orderChange({ status: 'sent', live: false });
    expect(journalRecordSchema.safeParse(record(sentDead)).success).toBe(false);
  });

  it('is refused when it comes from a newer journal version or has fields this one does not know', () => {
    expect(journalRecordSchema.safeParse({ ...record(orderChange()), v: 2 }).success).toBe(false);
    expect(journalRecordSchema.safeParse({ ...record(orderChange()), extra: 1 }).success).toBe(
      false,
    );
  });
});

describe('whether an order is over', () => {
  it('holds for every final status and for a partial fill that is no longer live', () => {
    for (const status of ['filled', 'failed', 'unwound', 'abandoned', 'canceled'] as const) {
      expect(isFinal({ status, live: false })).toBe(true);
    }
    expect(isFinal({ status: 'partially-filled', live: false })).toBe(true);
  });

  it('does not hold from intent to acknowledged nor for a partial fill still live', () => {
    for (const status of ['intent', 'sent', 'acknowledged', 'partially-filled'] as const) {
      expect(isFinal({ status, live: true })).toBe(false);
    }
  });
});
