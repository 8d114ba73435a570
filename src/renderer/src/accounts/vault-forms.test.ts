import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/time';
import { vaultStatus } from '../../../shared/portfolio-testing';
import {
  readVaultChange,
  readVaultCreate,
  readVaultUnlock,
  resetConfirmed,
  vaultStateText,
} from './vault-forms';

const GOOD = 'correct horse battery';

describe('readVaultCreate', () => {
  it('takes a long enough passphrase typed the same twice', () => {
    expect(readVaultCreate(GOOD, GOOD, false)).toEqual({ ok: true, input: { passphrase: GOOD } });
    expect(readVaultCreate(GOOD, GOOD, true)).toEqual({
      ok: true,
      input: { passphrase: GOOD, remember: true },
    });
  });

  it('refuses a short passphrase, saying how long it must be', () => {
    expect(readVaultCreate('short', 'short', false)).toEqual({
      ok: false,
      problems: { passphrase: 'Use at least 10 characters' },
    });
  });

  it('refuses two different passphrases at the second field, without repeating either', () => {
    const reading = readVaultCreate(GOOD, `${GOOD}!`, false);
    expect(reading.ok).toBe(false);
    if (!reading.ok) {
      expect(reading.problems.repeat).toMatch(/differ/);
      expect(JSON.stringify(reading)).not.toContain(GOOD);
    }
  });
});

describe('readVaultUnlock', () => {
  it('asks for a passphrase when none was typed', () => {
    expect(readVaultUnlock('', false).ok).toBe(false);
    expect(readVaultUnlock('x', true)).toEqual({
      ok: true,
      input: { passphrase: 'x', remember: true },
    });
  });
});

describe('readVaultChange', () => {
  it('takes the current passphrase and a new one typed twice', () => {
    expect(readVaultChange('old passphrase', GOOD, GOOD)).toEqual({
      ok: true,
      input: { current: 'old passphrase', next: GOOD },
    });
  });

  it('refuses a new passphrase equal to the current one', () => {
    const reading = readVaultChange(GOOD, GOOD, GOOD);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problems.next).toMatch(/other than the current/);
  });

  it('refuses a mistyped repeat of the new passphrase', () => {
    const reading = readVaultChange('old passphrase', GOOD, 'something else');
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(Object.keys(reading.problems)).toEqual(['repeat']);
  });
});

describe('resetConfirmed', () => {
  it('goes ahead only on the word reset', () => {
    expect(resetConfirmed(' reset ')).toBe(true);
    expect(resetConfirmed('Reset')).toBe(false);
    expect(resetConfirmed('yes')).toBe(false);
  });
});

describe('vaultStateText', () => {
  it('says when an unlocked vault locks itself and whether it is remembered', () => {
    const status = vaultStatus({
      autoLockAt: 15 * MINUTE_MS,
      remember: { available: true, reason: null, active: true },
    });
    expect(vaultStateText(status, 0)).toBe(
      'The vault is unlocked. It locks itself in 15 min 00 s if left idle. It is remembered on this device.',
    );
  });

  it('says when the next unlock attempt is allowed after wrong passphrases', () => {
    const status = vaultStatus({ state: 'locked', retryAt: 30_000 });
    expect(vaultStateText(status, 0)).toMatch(/next attempt is possible in 30 s\.$/);
  });

  it('invites the user to create a vault when there is none', () => {
    expect(vaultStateText(vaultStatus({ state: 'absent' }), 0)).toMatch(/^No vault yet/);
  });
});
