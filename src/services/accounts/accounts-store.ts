// The exchange accounts' metadata in <dataDir>/accounts.json (never a key or a secret: those are in
// the vault), versioned, written atomically with a last-good copy beside it. A damaged file is moved
// aside under a dated name and the last-good copy restored, a file from a newer Premia is left
// untouched and nothing is written over it; the user is told each time.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { accountMetaSchema, type AccountMeta } from '../../shared/accounts';
import { PremiaError } from '../../shared/errors';
import { AtomicJsonFile } from '../atomic-json-file';
import { moveAside } from '../file-problems';
import { readJsonDocument } from '../json-document';
import { SerialQueue } from '../serial-queue';

export const ACCOUNTS_FILE = 'accounts.json';
export const ACCOUNTS_LAST_GOOD_FILE = 'accounts.last-good.json';
export const ACCOUNTS_VERSION = 1;

const documentSchema = z.object({
  version: z.literal(ACCOUNTS_VERSION),
  accounts: z.array(accountMetaSchema),
});
type AccountsDocument = z.infer<typeof documentSchema>;

type Judged =
  | { kind: 'missing' }
  | { kind: 'ok'; accounts: AccountMeta[] }
  | { kind: 'newer'; version: number }
  | { kind: 'damaged'; reason: string };

async function judge(db: Low<unknown>, path: string): Promise<Judged> {
  const found = await readJsonDocument(db, path, { newestVersion: ACCOUNTS_VERSION });
  if (found.kind !== 'read') return found;
  const parsed = documentSchema.safeParse(found.data);
  if (!parsed.success)
    return { kind: 'damaged', reason: 'its contents are not a list of accounts' };
  return { kind: 'ok', accounts: parsed.data.accounts };
}

export interface AccountsStoreOptions {
  dataDir: string;
  now: () => number;
  /** Hears what happened to the file when more than a plain read did (in words for people). */
  tell: (message: string) => void;
}

export interface AccountsStore {
  list(): AccountMeta[];
  get(id: string): AccountMeta | null;
  /** Adds the account or replaces the one with its id. */
  put(account: AccountMeta): Promise<void>;
  remove(id: string): Promise<void>;
}

export async function openAccountsStore(options: AccountsStoreOptions): Promise<AccountsStore> {
  const { dataDir, now, tell } = options;
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, ACCOUNTS_FILE);
  const lastGoodFile = join(dataDir, ACCOUNTS_LAST_GOOD_FILE);
  const main = new Low<unknown>(new AtomicJsonFile<unknown>(file), null);
  const lastGood = new Low<unknown>(new AtomicJsonFile<unknown>(lastGoodFile), null);
  const queue = new SerialQueue();
  let accounts: AccountMeta[] = [];
  let writable = true;

  const found = await judge(main, file);
  if (found.kind === 'ok') accounts = found.accounts;
  else if (found.kind === 'newer') {
    writable = false;
    tell(
      `Your accounts file (${file}) was written by a newer version of Premia (version ${found.version}). ` +
        'Premia has left it untouched and shows no accounts; accounts cannot be added or removed until Premia is updated.',
    );
  } else if (found.kind === 'damaged') {
    const kept = await moveAside(file, dataDir, 'accounts.corrupt', now());
    const backup = await judge(lastGood, lastGoodFile);
    if (backup.kind === 'ok') {
      accounts = backup.accounts;
      tell(
        `Premia could not read your accounts file: ${found.reason}. Your accounts were restored from the last good copy; the damaged file was kept as ${kept}.`,
      );
    } else {
      tell(
        `Premia could not read your accounts file: ${found.reason}, and there was no sound copy to restore. ` +
          `The damaged file was kept as ${kept}; the keys in the vault are untouched: add the accounts again to use them.`,
      );
    }
  }

  /** Applies `change` to the accounts as they are when its turn comes, so no write is lost. */
  async function save(change: (current: AccountMeta[]) => AccountMeta[]): Promise<void> {
    if (!writable) {
      throw new PremiaError(
        'unavailable',
        'Your accounts file was written by a newer version of Premia: update Premia to change your accounts.',
      );
    }
    await queue.run(async () => {
      const next = change(accounts);
      const document: AccountsDocument = { version: ACCOUNTS_VERSION, accounts: next };
      main.data = document;
      await main.write();
      accounts = next;
      lastGood.data = document;
      // The accounts are saved; a stale backup matters only if the file is damaged later.
      await lastGood.write().catch(() => undefined);
    });
  }

  return {
    list: () => accounts.map((a) => ({ ...a })),
    get: (id) => {
      const found = accounts.find((a) => a.id === id);
      return found ? { ...found } : null;
    },
    put: (account) =>
      save((current) =>
        current.some((a) => a.id === account.id)
          ? current.map((a) => (a.id === account.id ? account : a))
          : [...current, account],
      ),
    remove: (id) => save((current) => current.filter((a) => a.id !== id)),
  };
}
