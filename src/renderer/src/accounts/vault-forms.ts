// The vault's forms read at submit: a new passphrase typed twice, the current one to unlock or change
// it, and the typed word that confirms a reset. Passphrases are read from the form and never kept in
// component state; a refusal says what to fix without repeating them.
import type { VaultChange, VaultCreate, VaultStatus, VaultUnlock } from '../../../shared/accounts';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/accounts';
import { formatCountdown } from '../markets/time-text';

export type Reading<T, F extends string> =
  { ok: true; input: T } | { ok: false; problems: Partial<Record<F, string>> };

function newPassphraseProblem(passphrase: string): string | null {
  if (passphrase === '') return 'Enter a passphrase';
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return `Use at least ${MIN_PASSPHRASE_LENGTH} characters`;
  }
  if (passphrase.length > 1024) return 'Use at most 1024 characters';
  return null;
}

export function readVaultCreate(
  passphrase: string,
  repeat: string,
  remember: boolean,
): Reading<VaultCreate, 'passphrase' | 'repeat'> {
  const problem = newPassphraseProblem(passphrase);
  if (problem) return { ok: false, problems: { passphrase: problem } };
  if (repeat !== passphrase) {
    return {
      ok: false,
      problems: { repeat: 'The two passphrases differ: type the same one twice' },
    };
  }
  return { ok: true, input: remember ? { passphrase, remember } : { passphrase } };
}

export function readVaultUnlock(
  passphrase: string,
  remember: boolean,
): Reading<VaultUnlock, 'passphrase'> {
  if (passphrase === '') return { ok: false, problems: { passphrase: 'Enter the passphrase' } };
  return { ok: true, input: remember ? { passphrase, remember } : { passphrase } };
}

export function readVaultChange(
  current: string,
  next: string,
  repeat: string,
): Reading<VaultChange, 'current' | 'next' | 'repeat'> {
  if (current === '') return { ok: false, problems: { current: 'Enter the current passphrase' } };
  const problem = newPassphraseProblem(next);
  if (problem) return { ok: false, problems: { next: problem } };
  if (next === current) {
    return { ok: false, problems: { next: 'Choose a passphrase other than the current one' } };
  }
  if (repeat !== next) {
    return {
      ok: false,
      problems: { repeat: 'The two new passphrases differ: type the same one twice' },
    };
  }
  return { ok: true, input: { current, next } };
}

/** A reset goes ahead only when the word 'reset' was typed, exactly (spaces around it aside). */
export function resetConfirmed(typed: string): boolean {
  return typed.trim() === 'reset';
}

/** The vault's state in a sentence, with when it locks itself or when another attempt is allowed. */
export function vaultStateText(status: VaultStatus, now: number): string {
  const retry =
    status.retryAt !== null && status.retryAt > now
      ? ` After several wrong passphrases, the next attempt is possible in ${formatCountdown(status.retryAt - now)}.`
      : '';
  switch (status.state) {
    case 'absent':
      return 'No vault yet. Create one to keep exchange keys on this machine, encrypted with your passphrase.';
    case 'locked':
      return `The vault is locked: exchange keys cannot be used until it is unlocked.${retry}`;
    case 'unlocked': {
      const remembered = status.remember.active ? ' It is remembered on this device.' : '';
      const lock =
        status.autoLockAt === null
          ? ''
          : ` It locks itself in ${formatCountdown(Math.max(0, status.autoLockAt - now))} if left idle.`;
      return `The vault is unlocked.${lock}${remembered}`;
    }
  }
}
