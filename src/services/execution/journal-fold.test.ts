import { describe, expect, it } from 'vitest';
import { foldRecord } from './journal-fold';
import type { JournalChange } from './journal-record';
import { entryOf, orderChange, record } from './journal-testing';

const at = (status: JournalChange['status'], more: Partial<JournalChange> = {}): JournalChange => {
  const live = status === 'intent' || status === 'sent' || status === 'acknowledged';
  return orderChange({ status, live, ...more });
};
const partial = (filled: number, live: boolean): JournalChange =>
  at('partially-filled', { filled, price: 100, live, orderId: 'v1' });
const filled = at('filled', { filled: 0.5, price: 100, orderId: 'v1' });

function moves(from: JournalChange, to: JournalChange): boolean {
  return foldRecord(entryOf(from, 1_000), record(to, 2_000)).applied;
}

describe('folding journal records', () => {
  it('starts an order at its first record, remembering when it began', () => {
    const folded = foldRecord(undefined, record(at('intent'), 1_000));
    expect(folded).toMatchObject({ applied: true, entry: { status: 'intent', firstAt: 1_000 } });
  });

  it('moves an order forward through intent, sent, acknowledged, partially filled and filled', () => {
    const chain = [
      at('intent'),
      at('sent'),
      at('acknowledged', { orderId: 'v1' }),
      partial(0.2, true),
      filled,
    ];
    let entry = foldRecord(undefined, record(chain[0]!, 1_000)).entry;
    chain.slice(1).forEach((change, i) => {
      const folded = foldRecord(entry, record(change, 2_000 + i));
      expect(folded.applied, `${entry.status} → ${change.status}`).toBe(true);
      entry = folded.entry;
    });
    expect(entry).toMatchObject({ status: 'filled', filled: 0.5, firstAt: 1_000, at: 2_003 });
  });

  it('lets a status be skipped, as when a lookup after a crash finds an intent already filled', () => {
    expect(moves(at('intent'), filled)).toBe(true);
    expect(moves(at('intent'), at('abandoned', { live: false }))).toBe(true);
    expect(moves(at('sent'), at('failed', { live: false }))).toBe(true);
    expect(moves(at('acknowledged'), at('canceled', { live: false }))).toBe(true);
  });

  it('takes more of a partial fill, and its end, but not the same partial fill twice', () => {
    expect(moves(partial(0.2, true), partial(0.3, true))).toBe(true);
    expect(moves(partial(0.2, true), partial(0.2, false))).toBe(true);
    expect(moves(partial(0.2, true), partial(0.2, true))).toBe(false);
  });

  it('refuses a late record that would move an order back, and says why', () => {
    const folded = foldRecord(entryOf(at('acknowledged'), 1_000), record(at('sent'), 2_000));
    expect(folded).toMatchObject({
      applied: false,
      entry: { status: 'acknowledged', at: 1_000 },
      why: 'it would move the order back from acknowledged to sent',
    });
    expect(moves(at('sent'), at('sent'))).toBe(false);
    expect(moves(partial(0.2, true), at('acknowledged'))).toBe(false);
  });

  it('refuses anything but unwinding once an order is over', () => {
    expect(moves(filled, partial(0.5, true))).toBe(false);
    expect(moves(at('canceled', { live: false }), filled)).toBe(false);
    expect(moves(partial(0.2, false), partial(0.3, true))).toBe(false);
    expect(moves(partial(0.2, false), filled)).toBe(false);
  });

  it('unwinds only an order that is over and filled something, and only once', () => {
    const unwound = at('unwound', { filled: 0.5, price: 100, live: false });
    expect(moves(filled, unwound)).toBe(true);
    expect(moves(partial(0.2, false), { ...unwound, filled: 0.2 })).toBe(true);
    expect(moves(partial(0.2, true), { ...unwound, filled: 0.2 })).toBe(false);
    expect(moves(at('canceled', { live: false }), { ...unwound, filled: 0 })).toBe(false);
    expect(moves(unwound, unwound)).toBe(false);
  });

  it('never lets the filled amount go down', () => {
    const folded = foldRecord(entryOf(partial(0.3, true)), record(at('filled', { filled: 0.2 })));
    expect(folded).toMatchObject({
      applied: false,
      why: 'it reports less filled (0.2) than already recorded (0.3)',
    });
  });

  it('refuses a record under the same client order id that names another order', () => {
    const folded = foldRecord(entryOf(at('intent')), record(at('sent', { amount: 0.7 })));
    expect(folded).toMatchObject({
      applied: false,
      why: 'it names another order (its amount differs)',
    });
  });

  it("keeps the venue's order id once known, when a later record leaves it out", () => {
    const folded = foldRecord(
      entryOf(at('acknowledged', { orderId: 'v9' })),
      record(at('canceled', { live: false })),
    );
    expect(folded.entry.orderId).toBe('v9');
  });
});
