// What a key's permissions and the account's modes mean: read-only, and the warnings shown for them.
import { describe, expect, it } from 'vitest';
import type { KeyPermissions } from '../../shared/accounts';
import { assessKey } from './account-tester';

const trading: KeyPermissions = {
  read: true,
  spotTrading: true,
  futuresTrading: true,
  universalTransfer: true,
  withdrawals: false,
  ipRestricted: true,
};
const fitting = { positionMode: 'one-way', multiAssetsMargin: false } as const;

describe('assessing a key', () => {
  it('finds nothing to say about a trading key on a one-way, single-asset account', () => {
    expect(assessKey(trading, fitting)).toEqual({ readOnly: false, warnings: [] });
  });

  it('calls a key without spot and futures trading read-only, without a transfer warning', () => {
    const result = assessKey(
      { ...trading, spotTrading: false, futuresTrading: false, universalTransfer: false },
      fitting,
    );
    expect(result.readOnly).toBe(true);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/never send an order/);
  });

  it('says which trading a key lacks when it has the other', () => {
    expect(assessKey({ ...trading, futuresTrading: false }, fitting).warnings[0]).toMatch(
      /cannot trade futures/,
    );
    expect(assessKey({ ...trading, spotTrading: false }, fitting).warnings[0]).toMatch(
      /cannot trade spot/,
    );
  });

  it('warns when modes could not be read only about what is known', () => {
    expect(assessKey({ ...trading, withdrawals: true }, null).warnings).toEqual([
      expect.stringMatching(/can withdraw funds/),
    ]);
  });
});
