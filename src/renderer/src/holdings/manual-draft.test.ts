import { describe, expect, it } from 'vitest';
import { draftFromHolding, readManualDraft } from './manual-draft';

describe('readManualDraft', () => {
  it('reads a complete draft into the host’s input, the ticker in capitals', () => {
    expect(readManualDraft({ asset: 'btc', amount: '0.5', where: 'Ledger', note: '' })).toEqual({
      ok: true,
      input: { asset: 'BTC', amount: 0.5, where: 'Ledger', note: '' },
    });
  });

  it('refuses an amount written with a comma instead of guessing it', () => {
    const reading = readManualDraft({ asset: 'BTC', amount: '1,5', where: 'Ledger', note: '' });
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problems.amount).toMatch(/dot for decimals/);
  });

  it('refuses an amount that is not above 0', () => {
    const reading = readManualDraft({ asset: 'BTC', amount: '0', where: 'Ledger', note: '' });
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problems.amount).toBe('Must be above 0');
  });

  it('names each missing field', () => {
    const reading = readManualDraft({ asset: '', amount: '', where: ' ', note: '' });
    expect(reading.ok).toBe(false);
    if (!reading.ok) {
      expect(Object.keys(reading.problems).sort()).toEqual(['amount', 'asset', 'where']);
      expect(reading.problems.where).toBe('Say where it is held');
    }
  });
});

describe('draftFromHolding', () => {
  it('fills the form with a holding as it is, the amount without float noise', () => {
    expect(
      draftFromHolding({
        id: 'm',
        asset: 'ETH',
        amount: 0.1 + 0.2,
        where: 'Cold',
        note: 'n',
        updatedAt: 1,
      }),
    ).toEqual({ asset: 'ETH', amount: '0.3', where: 'Cold', note: 'n' });
  });
});
