// The key vault: exchange secrets encrypted under a key derived from the user's passphrase, kept in
// `vault.json` in the data folder. It creates, unlocks, locks (by hand and after idle time), changes
// the passphrase all or nothing, resets when the passphrase is forgotten, may remember its key on
// this device, and serves the rest of the services as their SecretStore. Every operation runs one at
// a time, so two writes never interleave and parallel guesses cannot slip past the throttle.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { VaultChange, VaultCreate, VaultStatus, VaultUnlock } from '../../shared/accounts';
import {
  accountIdSchema,
  vaultChangeSchema,
  vaultCreateSchema,
  vaultUnlockSchema,
} from '../../shared/accounts';
import { PremiaError, invalidInput } from '../../shared/errors';
import { MINUTE_MS } from '../../shared/time';
import { writeFileAtomic } from '../atomic-write';
import { describeFileProblem } from '../file-problems';
import type { Logger } from '../logger';
import { SerialQueue } from '../serial-queue';
import type { OneShotTimers } from '../settle-within';
import type { KeyKeeper, KeyKeeperAvailability } from './key-keeper';
import type { AccountSecrets, SecretStore } from './secret-store';
import type { KdfCost, KdfParams } from './vault-crypto';
import { DEFAULT_KDF_COST, costBelow, deriveKey, freshKdfParams, wipe } from './vault-crypto';
import { emptyVault, keyFits, openSecrets, resealVault, sealSecrets } from './vault-content';
import {
  cannotRemember,
  entryDamaged,
  notSaved,
  throttled,
  vaultAbsent,
  vaultClosed,
  vaultDamaged,
  vaultExists,
  vaultLocked,
  vaultNewer,
  wrongPassphrase,
} from './vault-errors';
import type { VaultDocument } from './vault-file';
import { VAULT_FILE, readVaultFile, serializeVault, vaultPath } from './vault-file';
import type { ThrottleState } from './vault-throttle';
import { NO_FAILURES, readThrottle, retryAt, withFailure, writeThrottle } from './vault-throttle';

export interface VaultOptions {
  dataDir: string;
  now: () => number;
  timers: OneShotTimers;
  keyKeeper: KeyKeeper;
  /** Read at each use, so a changed setting applies from the next use on. */
  autoLockMinutes: () => number;
  onStatus?: (status: VaultStatus) => void;
  logger: Logger;
  /** scrypt's cost for new keys; never below the default outside tests. */
  kdf?: KdfCost;
  /** Replaces the atomic write of the vault file (tests make it fail midway). */
  writeFile?: (path: string, text: string) => Promise<void>;
}

export interface Vault {
  status(): VaultStatus;
  create(input: VaultCreate): Promise<VaultStatus>;
  unlock(input: VaultUnlock): Promise<VaultStatus>;
  lock(): Promise<VaultStatus>;
  changePassphrase(input: VaultChange): Promise<VaultStatus>;
  /** Deletes the vault, its throttle count and any remembered key; every other file stays. */
  reset(): Promise<VaultStatus>;
  readonly secrets: SecretStore;
  /** Locks without an event and waits for work under way; later calls are refused. */
  close(): Promise<void>;
}

/** Element by element, the higher of two costs: a re-key never lowers what the file had. */
const higherCost = (a: KdfCost, b: KdfCost): KdfCost => ({
  N: Math.max(a.N, b.N),
  r: Math.max(a.r, b.r),
  p: Math.max(a.p, b.p),
});

export async function openVault(options: VaultOptions): Promise<Vault> {
  const { dataDir, logger, timers } = options;
  const cost = options.kdf ?? DEFAULT_KDF_COST;
  const path = vaultPath(dataDir);
  const writeVault =
    options.writeFile ?? ((p: string, text: string) => writeFileAtomic(p, text, { mode: 0o600 }));
  const queue = new SerialQueue();

  let present = false;
  let key: Buffer | null = null;
  let document: VaultDocument | null = null;
  let throttle: ThrottleState = await readThrottle(dataDir, options.now());
  let keeper: KeyKeeperAvailability = await options.keyKeeper.availability();
  let remembered = false;
  let autoLockTimer: unknown = null;
  let autoLockAt: number | null = null;
  let lastToldAutoLockAt: number | null = null;
  let closed = false;

  const status = (): VaultStatus => ({
    state: !present ? 'absent' : key === null ? 'locked' : 'unlocked',
    remember: { available: keeper.available, reason: keeper.reason, active: remembered },
    autoLockAt: key === null ? null : autoLockAt,
    retryAt: retryAt(throttle, options.now()),
  });

  const tell = (): VaultStatus => {
    const now = status();
    lastToldAutoLockAt = now.autoLockAt;
    try {
      options.onStatus?.(now);
    } catch (error) {
      logger.warn('a listener to the key vault’s status failed', error);
    }
    return now;
  };

  const stopAutoLock = (): void => {
    if (autoLockTimer !== null) timers.clearTimeout(autoLockTimer);
    autoLockTimer = null;
    autoLockAt = null;
  };

  const dropKey = (): void => {
    stopAutoLock();
    wipe(key);
    key = null;
    document = null;
  };

  /** Each use of the unlocked vault puts the auto-lock off again. */
  const touch = (): void => {
    if (key === null) return;
    stopAutoLock();
    const ms = Math.max(1, options.autoLockMinutes()) * MINUTE_MS;
    autoLockAt = options.now() + ms;
    autoLockTimer = timers.setTimeout(() => {
      autoLockTimer = null;
      void queue.run(async () => {
        if (key === null || closed) return;
        dropKey();
        logger.info('the key vault locked itself after being left idle');
        tell();
      });
    }, ms);
    // Told again only once the lock time has moved by a minute, not at every read of a secret.
    if (lastToldAutoLockAt === null || autoLockAt - lastToldAutoLockAt >= MINUTE_MS) tell();
  };

  /** Takes `next` as the vault's key and content, wiping the key it replaces. */
  const holdKey = (next: Buffer, content: VaultDocument): void => {
    if (key !== next) wipe(key);
    key = next;
    document = content;
    present = true;
  };

  const save = async (content: VaultDocument, what: string): Promise<void> => {
    try {
      await writeVault(path, serializeVault(content));
    } catch (error) {
      logger.warn(`${what} could not be saved`, error);
      throw notSaved(what, describeFileProblem(path, error));
    }
  };

  /** The vault file as it now is on disk, judged; anything but a sound file is thrown. */
  const readSound = async (): Promise<VaultDocument> => {
    const read = await readVaultFile(path);
    if (read.kind === 'missing') {
      present = false;
      throw vaultAbsent();
    }
    if (read.kind === 'newer') throw vaultNewer(path, read.version);
    if (read.kind === 'damaged') throw vaultDamaged(path, read.reason);
    return read.document;
  };

  const setThrottle = async (next: ThrottleState): Promise<void> => {
    throttle = next;
    try {
      await writeThrottle(dataDir, next);
    } catch (error) {
      logger.warn('the count of wrong vault passphrases could not be saved', error);
    }
  };

  /** The key for `passphrase`, or a counted `auth` failure; refused at once while throttled. */
  const keyFor = async (passphrase: string, content: VaultDocument): Promise<Buffer> => {
    const now = options.now();
    const waitUntil = retryAt(throttle, now);
    if (waitUntil !== null) throw throttled(waitUntil, now);
    const candidate = await deriveKey(passphrase, content.kdf);
    if (keyFits(content, candidate)) {
      if (throttle.failures > 0) await setThrottle(NO_FAILURES);
      return candidate;
    }
    wipe(candidate);
    await setThrottle(withFailure(throttle, options.now()));
    logger.warn(`a wrong passphrase was given for the key vault (${throttle.failures} in a row)`);
    tell();
    throw wrongPassphrase();
  };

  /** Every secret sealed again under a key from `passphrase` at a fresh salt, then written. */
  const rekey = async (
    oldKey: Buffer,
    content: VaultDocument,
    passphrase: string,
    what: string,
  ): Promise<{ key: Buffer; document: VaultDocument }> => {
    const kdf: KdfParams = freshKdfParams(higherCost(cost, content.kdf));
    const newKey = await deriveKey(passphrase, kdf);
    const resealed = resealVault(content, oldKey, kdf, newKey);
    if (!resealed.ok) {
      wipe(newKey);
      throw entryDamaged(path, resealed.account);
    }
    try {
      await save(resealed.document, what);
    } catch (error) {
      wipe(newKey);
      throw error;
    }
    return { key: newKey, document: resealed.document };
  };

  const checkRemember = async (remember: boolean | undefined): Promise<void> => {
    if (remember !== true) return;
    keeper = await options.keyKeeper.availability();
    if (!keeper.available) throw cannotRemember(keeper.reason);
  };

  /** Follows the user's choice: remember the key, forget it, or (no choice) keep what was chosen. */
  const applyRemember = async (remember: boolean | undefined, current: Buffer): Promise<void> => {
    if (remember === false || (remember === undefined && !remembered)) {
      if (remember === false && remembered) await forgetKey();
      return;
    }
    try {
      await options.keyKeeper.save(current);
      remembered = true;
    } catch (error) {
      logger.warn('the vault key could not be remembered on this device', error);
      await forgetKey();
    }
  };

  const forgetKey = async (): Promise<void> => {
    remembered = false;
    try {
      await options.keyKeeper.forget();
    } catch (error) {
      logger.warn('the remembered vault key could not be forgotten', error);
    }
  };

  /** Runs `task` in turn; refused once the vault is closed. */
  const run = <T>(task: () => Promise<T>): Promise<T> =>
    queue.run(async () => {
      if (closed) throw vaultClosed();
      return task();
    });

  // Opening: is there a vault, and does a remembered key still open it?
  const first = await readVaultFile(path);
  present = first.kind !== 'missing';
  if (first.kind === 'missing') {
    await options.keyKeeper.forget().catch(() => undefined);
  } else if (first.kind === 'ok') {
    const kept = await options.keyKeeper.load().catch(() => null);
    if (kept !== null && keyFits(first.document, kept)) {
      holdKey(kept, first.document);
      remembered = true;
      logger.info('the key vault was unlocked with the key remembered on this device');
      touch();
    } else if (kept !== null) {
      wipe(kept);
      logger.warn('the remembered vault key no longer opens the vault; it was forgotten');
      await forgetKey();
    }
  } else if (first.kind === 'damaged') {
    logger.warn(`the key vault file is damaged: ${first.reason}`);
  }

  const secrets: SecretStore = {
    unlocked: () => key !== null && !closed,
    read: (accountId) =>
      run(async () => {
        if (key === null || document === null) throw vaultLocked();
        const entry = document.entries.find((e) => e.account === accountId);
        touch();
        if (entry === undefined) return null;
        const found = openSecrets(key, entry);
        if (found === null) throw entryDamaged(path, accountId);
        return found;
      }),
    write: (accountId: string, value: AccountSecrets) =>
      run(async () => {
        const id = accountIdSchema.safeParse(accountId);
        if (!id.success) throw invalidInput(id.error, 'accountId');
        if (key === null || document === null) throw vaultLocked();
        const entry = sealSecrets(key, accountId, value);
        const next: VaultDocument = {
          ...document,
          entries: [...document.entries.filter((e) => e.account !== accountId), entry],
        };
        await save(next, 'The account’s keys');
        document = next;
        touch();
      }),
    remove: (accountId) =>
      run(async () => {
        const content = document ?? (present ? await readSound().catch(ignoreAbsent) : null);
        if (content === null) return;
        if (!content.entries.some((e) => e.account === accountId)) return;
        const next = {
          ...content,
          entries: content.entries.filter((e) => e.account !== accountId),
        };
        await save(next, 'The vault without the account’s keys');
        if (document !== null) document = next;
        touch();
      }),
  };

  return {
    status,
    secrets,
    create: (input) =>
      run(async () => {
        const parsed = vaultCreateSchema.safeParse(input);
        if (!parsed.success) throw invalidInput(parsed.error);
        if ((await readVaultFile(path)).kind !== 'missing') {
          present = true;
          throw vaultExists();
        }
        await checkRemember(parsed.data.remember);
        const kdf = freshKdfParams(cost);
        const newKey = await deriveKey(parsed.data.passphrase, kdf);
        const content = emptyVault(kdf, newKey);
        try {
          await save(content, 'The new key vault');
        } catch (error) {
          wipe(newKey);
          throw error;
        }
        holdKey(newKey, content);
        await setThrottle(NO_FAILURES);
        await applyRemember(parsed.data.remember, newKey);
        logger.info('a key vault was created');
        touch();
        return tell();
      }),
    unlock: (input) =>
      run(async () => {
        const parsed = vaultUnlockSchema.safeParse(input);
        if (!parsed.success) throw invalidInput(parsed.error);
        await checkRemember(parsed.data.remember);
        const content = await readSound();
        let opened = { key: await keyFor(parsed.data.passphrase, content), document: content };
        if (costBelow(content.kdf, cost)) {
          // Written at a lower cost than today's: sealed again at today's, the passphrase at hand.
          try {
            const upgraded = await rekey(opened.key, content, parsed.data.passphrase, 'The vault');
            wipe(opened.key);
            opened = upgraded;
            logger.info('the key vault was re-encrypted at the current key derivation cost');
          } catch (error) {
            logger.warn('the key vault could not be re-encrypted at the current cost', error);
          }
        }
        holdKey(opened.key, opened.document);
        await applyRemember(parsed.data.remember, opened.key);
        logger.info('the key vault was unlocked');
        touch();
        return tell();
      }),
    lock: () =>
      run(async () => {
        if (key === null) return status();
        dropKey();
        logger.info('the key vault was locked');
        return tell();
      }),
    changePassphrase: (input) =>
      run(async () => {
        const parsed = vaultChangeSchema.safeParse(input);
        if (!parsed.success) throw invalidInput(parsed.error);
        const content = await readSound();
        const oldKey = await keyFor(parsed.data.current, content);
        let changed: { key: Buffer; document: VaultDocument };
        try {
          changed = await rekey(oldKey, content, parsed.data.next, 'The new passphrase');
        } finally {
          if (oldKey !== key) wipe(oldKey);
        }
        holdKey(changed.key, changed.document);
        if (remembered) await applyRemember(true, changed.key);
        logger.info('the key vault’s passphrase was changed');
        touch();
        return tell();
      }),
    reset: () =>
      run(async () => {
        dropKey();
        await rm(path, { force: true });
        // A write cut short by a crash leaves its temporary copy; it holds secrets too.
        const leftovers = (await readdir(dataDir)).filter(
          (name) => name.startsWith(`${VAULT_FILE}.`) && name.endsWith('.tmp'),
        );
        for (const name of leftovers) await rm(join(dataDir, name), { force: true });
        await setThrottle(NO_FAILURES);
        await forgetKey();
        keeper = await options.keyKeeper.availability();
        present = false;
        logger.info('the key vault was reset: every stored exchange key was deleted');
        return tell();
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      await queue.idle();
      dropKey();
    },
  };
}

function ignoreAbsent(error: unknown): null {
  if (error instanceof PremiaError && error.code === 'not-found') return null;
  throw error;
}
