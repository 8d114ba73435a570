import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/time';
import { accountMeta } from '../../../shared/portfolio-testing';
import {
  accountSummary,
  demoSetAsideNote,
  needsPassphrase,
  permissionBadges,
  readAccountForm,
} from './account-view';

/** Key strings made for this run only: nothing that looks like a credential is kept in the tests. */
const apiKey = crypto.randomUUID().replaceAll('-', '');
const secret = crypto.randomUUID().replaceAll('-', '');

const fields = {
  exchange: 'binance',
  label: 'Main',
  environment: 'simulator',
  apiKey,
  secret,
  passphrase: '',
};

describe('permissionBadges', () => {
  it('marks withdrawals and a key open to any address as risks', () => {
    const badges = permissionBadges(
      {
        read: true,
        spotTrading: true,
        futuresTrading: false,
        universalTransfer: true,
        withdrawals: true,
        ipRestricted: false,
      },
      1_800_000_000_000,
    );
    expect(badges.filter((b) => b.tone === 'warn').map((b) => b.label)).toEqual([
      'Withdrawals allowed',
      'Not IP restricted',
    ]);
    expect(badges.find((b) => b.label === 'No futures trading')?.tone).toBe('off');
  });

  it('says a key not yet tested is not tested', () => {
    expect(permissionBadges(null, null)).toEqual([{ label: 'Not tested yet', tone: 'warn' }]);
  });

  it('says a key whose tests all failed has unknown permissions, not that it was never tested', () => {
    expect(permissionBadges(null, 1_800_000_000_000)).toEqual([
      { label: 'Permissions unknown: the key test failed', tone: 'warn' },
    ]);
  });
});

describe('accountSummary', () => {
  it('names the venue and environment and says when the account was synced and tested', () => {
    const summary = accountSummary(
      accountMeta({ environment: 'testnet', syncedAt: 0, testedAt: null, readOnly: true }),
      2 * MINUTE_MS,
    );
    expect(summary).toEqual({
      title: 'Main',
      venue: 'Binance',
      environment: 'Testnet',
      readOnly: true,
      synced: 'synced 2 min ago',
      tested: 'never tested',
    });
  });
});

describe('readAccountForm', () => {
  it('reads a complete form into the new account, leaving out an empty passphrase', () => {
    expect(readAccountForm(fields)).toEqual({
      ok: true,
      input: {
        exchange: 'binance',
        label: 'Main',
        environment: 'simulator',
        apiKey,
        secret,
      },
    });
  });

  it('names each missing field without repeating anything typed', () => {
    const reading = readAccountForm({ ...fields, label: ' ', apiKey: '', secret: '' });
    expect(reading.ok).toBe(false);
    if (!reading.ok) {
      expect(reading.problems).toEqual({
        label: 'Give the account a name',
        apiKey: 'The API key is required',
        secret: 'The API secret is required',
      });
    }
  });

  it('refuses an environment that does not exist', () => {
    const reading = readAccountForm({ ...fields, environment: 'paper' });
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problems.environment).toBeDefined();
  });
});

describe('needsPassphrase', () => {
  it('asks no passphrase for binance', () => {
    expect(needsPassphrase('binance')).toBe(false);
  });
});

describe('demoSetAsideNote', () => {
  const demo = accountMeta({ id: 'demo', demo: true, environment: 'simulator' });
  const own = accountMeta({ id: 'own', demo: false });

  it('says the demo no longer counts once the user has an account of their own', () => {
    expect(demoSetAsideNote(demo, [demo, own])).toMatch(/^Not counted/);
  });

  it('says nothing while the demo is the portfolio, nor of the user’s own accounts', () => {
    expect(demoSetAsideNote(demo, [demo])).toBeNull();
    expect(demoSetAsideNote(own, [demo, own])).toBeNull();
  });
});
