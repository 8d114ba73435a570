// What the vault tells people when it refuses: each error names what happened and what to do, and
// none ever carries a passphrase, a key or a secret.
import { PremiaError } from '../../shared/errors';
import { MINUTE_MS, SECOND_MS } from '../../shared/time';

export const vaultLocked = (): PremiaError =>
  new PremiaError('locked', 'The key vault is locked: unlock it with your passphrase first.');

export const vaultAbsent = (): PremiaError =>
  new PremiaError('not-found', 'There is no key vault yet: create one first.');

export const vaultExists = (): PremiaError =>
  new PremiaError(
    'invalid-input',
    'A key vault already exists: unlock it, or reset it if its passphrase is forgotten.',
  );

export const vaultClosed = (): PremiaError =>
  new PremiaError('unavailable', 'The key vault is closed: Premia is shutting down.');

export const wrongPassphrase = (): PremiaError =>
  new PremiaError('auth', 'That passphrase does not open the key vault.');

const RESET_WAY_OUT =
  'Resetting the vault is the way out: it deletes the stored keys, and you then add your accounts’ keys again.';

export const vaultDamaged = (path: string, reason: string): PremiaError =>
  new PremiaError(
    'internal',
    `The key vault file ${path} is damaged (${reason}), so the exchange keys in it cannot be read. ${RESET_WAY_OUT}`,
  );

export const entryDamaged = (path: string, accountId: string): PremiaError =>
  vaultDamaged(path, `the keys of account ${accountId} do not decrypt`);

export const vaultNewer = (path: string, version: number): PremiaError =>
  new PremiaError(
    'unavailable',
    `The key vault file ${path} was written by a newer Premia (format ${version}): update Premia to open it.`,
  );

export const cannotRemember = (reason: string | null): PremiaError =>
  new PremiaError(
    'unavailable',
    `The vault cannot be remembered on this device: ${reason ?? 'this system cannot protect it'}.`,
  );

/** "in 8 seconds", "in 3 minutes": how long until `at`. */
function waitText(ms: number): string {
  if (ms < 2 * MINUTE_MS) {
    const seconds = Math.max(1, Math.ceil(ms / SECOND_MS));
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  return `${Math.ceil(ms / MINUTE_MS)} minutes`;
}

export const throttled = (retryAt: number, now: number): PremiaError =>
  new PremiaError(
    'rate-limited',
    `Too many wrong passphrases in a row: try again in ${waitText(retryAt - now)}.`,
  );

/** A file the vault could not write, in words; the vault itself is as it was. */
export const notSaved = (what: string, problem: string): PremiaError =>
  new PremiaError('internal', `${what} could not be saved: ${problem}. Nothing was changed.`);
