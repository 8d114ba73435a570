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
import type { Logger } from '../logger';
import { SerialQueue } from '../serial-queue';
import type { OneShotTimers } from '../settle-within';
import { createAutoLock } from './auto-lock';
import type { KeyKeeper } from './key-keeper';
import { createPassphraseGate } from './passphrase-gate';
import { createRemembrance } from './remembrance';
import type { AccountSecrets, SecretStore } from './secret-store';
import type { KdfCost } from './vault-crypto';
import { DEFAULT_KDF_COST, costBelow, deriveKey, freshKdfParams, wipe } from './vault-crypto';
import { emptyVault, keyFits, openSecrets, sealSecrets } from './vault-content';
import { createVaultDisk } from './vault-disk';
import { entryDamaged, vaultClosed, vaultExists, vaultLocked } from './vault-errors';
import type { VaultDocument } from './vault-file';
import { VAULT_FILE, readVaultFile, vaultPath } from './vault-file';

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

export async function openVault(options: VaultOptions): Promise<Vault> {
  const { dataDir, logger } = options;
  const cost = options.kdf ?? DEFAULT_KDF_COST;
  const path = vaultPath(dataDir);
  const queue = new SerialQueue();

  let present = false;
  let key: Buffer | null = null;
  let document: VaultDocument | null = null;
  let lastToldAutoLockAt: number | null = null;
  let closed = false;

  const status = (): VaultStatus => ({
    state: !present ? 'absent' : key === null ? 'locked' : 'unlocked',
    remember: { ...remembrance.availability(), active: remembrance.active() },
    autoLockAt: key === null ? null : autoLock.at(),
    retryAt: gate.retryAt(),
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

  const dropKey = (): void => {
    autoLock.stop();
    wipe(key);
    key = null;
    document = null;
  };

  const autoLock = createAutoLock({
    now: options.now,
    timers: options.timers,
    minutes: options.autoLockMinutes,
    onIdle: () =>
      void queue.run(async () => {
        if (key === null || closed) return;
        dropKey();
        logger.info('the key vault locked itself after being left idle');
        tell();
      }),
  });
  const gate = await createPassphraseGate({ dataDir, now: options.now, logger, onFailure: tell });
  const remembrance = await createRemembrance(options.keyKeeper, logger);

  /**
   * Each use of the unlocked vault puts the auto-lock off again. The new lock time is told only once
   * it has moved by a minute, not at every read of a secret (`quiet` where the caller tells anyway).
   */
  const touch = (quiet = false): void => {
    if (key === null) return;
    const at = autoLock.touch();
    if (quiet) return;
    if (lastToldAutoLockAt === null || at - lastToldAutoLockAt >= MINUTE_MS) tell();
  };

  /** Takes `next` as the vault's key and content, wiping the key it replaces. */
  const holdKey = (next: Buffer, content: VaultDocument): void => {
    if (key !== next) wipe(key);
    key = next;
    document = content;
    present = true;
  };

  const disk = createVaultDisk({ path, cost, logger, writeFile: options.writeFile });
  const { save, rekey } = disk;
  /** The vault file as it now is on disk; anything but a sound file is thrown. */
  const readSound = (): Promise<VaultDocument> =>
    disk.read().catch((error: unknown) => {
      if (error instanceof PremiaError && error.code === 'not-found') present = false;
      throw error;
    });

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
    await remembrance.forget();
  } else if (first.kind === 'ok') {
    const kept = await options.keyKeeper.load().catch(() => null);
    if (kept !== null && keyFits(first.document, kept)) {
      holdKey(kept, first.document);
      remembrance.adopt();
      logger.info('the key vault was unlocked with the key remembered on this device');
      touch();
    } else if (kept !== null) {
      wipe(kept);
      logger.warn('the remembered vault key no longer opens the vault; it was forgotten');
      await remembrance.forget();
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
        await remembrance.check(parsed.data.remember);
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
        await gate.clear();
        await remembrance.follow(parsed.data.remember, newKey);
        logger.info('a key vault was created');
        touch(true);
        return tell();
      }),
    unlock: (input) =>
      run(async () => {
        const parsed = vaultUnlockSchema.safeParse(input);
        if (!parsed.success) throw invalidInput(parsed.error);
        await remembrance.check(parsed.data.remember);
        const content = await readSound();
        let opened = { key: await gate.keyFor(parsed.data.passphrase, content), document: content };
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
        await remembrance.follow(parsed.data.remember, opened.key);
        logger.info('the key vault was unlocked');
        touch(true);
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
        const oldKey = await gate.keyFor(parsed.data.current, content);
        let changed: { key: Buffer; document: VaultDocument };
        try {
          changed = await rekey(oldKey, content, parsed.data.next, 'The new passphrase');
        } finally {
          wipe(oldKey);
        }
        holdKey(changed.key, changed.document);
        await remembrance.follow(undefined, changed.key);
        logger.info('the key vault’s passphrase was changed');
        touch(true);
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
        await gate.clear();
        await remembrance.forget();
        await remembrance.refresh();
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
