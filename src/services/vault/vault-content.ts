// What the vault's boxes hold and how they are sealed: the key check, each account's secrets bound to
// its account id, and sealing a whole vault afresh under a new key (a new passphrase or a higher cost).
import { z } from 'zod';
import type { AccountSecrets } from './secret-store';
import type { KdfParams } from './vault-crypto';
import { open, seal } from './vault-crypto';
import type { VaultDocument, VaultEntry } from './vault-file';

const CHECK_LABEL = 'premia-vault:key-check';
const CHECK_TEXT = 'Premia key vault';

const entryLabel = (accountId: string): string => `premia-vault:account:${accountId}`;

const secretsSchema = z
  .object({ apiKey: z.string(), secret: z.string(), passphrase: z.string().optional() })
  .strict();

/** A new, empty vault under `key`. */
export function emptyVault(kdf: KdfParams, key: Buffer): VaultDocument {
  return { kdf, check: seal(key, CHECK_LABEL, Buffer.from(CHECK_TEXT, 'utf8')), entries: [] };
}

/** True when `key` is the one the vault was sealed under. */
export function keyFits(document: VaultDocument, key: Buffer): boolean {
  const plain = open(key, CHECK_LABEL, document.check);
  return plain !== null && plain.toString('utf8') === CHECK_TEXT;
}

export function sealSecrets(key: Buffer, accountId: string, secrets: AccountSecrets): VaultEntry {
  const plain: AccountSecrets = { apiKey: secrets.apiKey, secret: secrets.secret };
  if (secrets.passphrase !== undefined) plain.passphrase = secrets.passphrase;
  const bytes = Buffer.from(JSON.stringify(plain), 'utf8');
  try {
    return { account: accountId, ...seal(key, entryLabel(accountId), bytes) };
  } finally {
    bytes.fill(0);
  }
}

/** The entry's secrets, or null when it does not open under `key` as this account's. */
export function openSecrets(key: Buffer, entry: VaultEntry): AccountSecrets | null {
  const bytes = open(key, entryLabel(entry.account), entry);
  if (bytes === null) return null;
  // The decrypted bytes are overwritten; the strings made from them live until collected.
  try {
    const parsed = secretsSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) return null;
    const { apiKey, secret, passphrase } = parsed.data;
    return passphrase === undefined ? { apiKey, secret } : { apiKey, secret, passphrase };
  } catch {
    return null;
  } finally {
    bytes.fill(0);
  }
}

export type Resealed = { ok: true; document: VaultDocument } | { ok: false; account: string };

/**
 * Every entry opened under `oldKey` and sealed again, each with a fresh IV, under `newKey`; or the
 * first account whose entry does not open (then nothing is sealed, and the old vault stays as it is).
 */
export function resealVault(
  document: VaultDocument,
  oldKey: Buffer,
  kdf: KdfParams,
  newKey: Buffer,
): Resealed {
  const opened: { account: string; secrets: AccountSecrets }[] = [];
  for (const entry of document.entries) {
    const secrets = openSecrets(oldKey, entry);
    if (secrets === null) return { ok: false, account: entry.account };
    opened.push({ account: entry.account, secrets });
  }
  const fresh = emptyVault(kdf, newKey);
  fresh.entries = opened.map(({ account, secrets }) => sealSecrets(newKey, account, secrets));
  return { ok: true, document: fresh };
}
