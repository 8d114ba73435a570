// "Remember on this device": where the vault's derived key may be kept between runs so Premia opens
// unlocked. The desktop app keeps it encrypted by the system (Electron's safeStorage, reached through
// main) in a file in the data folder; the browser host never keeps it.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PremiaError } from '../../shared/errors';
import { safeStorageProblem } from '../../shared/services-protocol';
import { writeFileAtomic } from '../atomic-write';
import { isMissing } from '../file-problems';
import type { AskMain } from '../services-process';
import { KEY_BYTES } from './vault-crypto';

export interface KeyKeeperAvailability {
  available: boolean;
  /** Why it is not available, in words that follow "cannot be remembered on this device:". */
  reason: string | null;
}

export interface KeyKeeper {
  availability(): Promise<KeyKeeperAvailability>;
  /** Keeps `key` (a copy: the caller may wipe its own); an `unavailable` PremiaError if it cannot. */
  save(key: Buffer): Promise<void>;
  /** The kept key, or null when none is kept or it can no longer be read. */
  load(): Promise<Buffer | null>;
  /** Forgets any kept key; nothing to forget is no failure. */
  forget(): Promise<void>;
}

export const REMEMBERED_KEY_FILE = 'vault-key.json';

export const rememberedKeyPath = (dataDir: string): string => join(dataDir, REMEMBERED_KEY_FILE);

const rememberedKeySchema = z
  .object({
    version: z.literal(1),
    encrypted: z
      .string()
      .min(1)
      .max(64 * 1024),
  })
  .strict();

async function readRemembered(path: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    const parsed = rememberedKeySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.encrypted : null;
  } catch {
    return null;
  }
}

const asKey = (text: string): Buffer | null => {
  const key = Buffer.from(text, 'base64');
  return key.length === KEY_BYTES ? key : null;
};

/**
 * The desktop app's keeper: the key goes to main as base64, comes back encrypted by safeStorage and is
 * kept in the data folder. Never offered where safeStorage would not protect it.
 */
export function safeStorageKeyKeeper(dataDir: string, askMain: AskMain): KeyKeeper {
  const path = rememberedKeyPath(dataDir);
  const availability = async (): Promise<KeyKeeperAvailability> => {
    let problem: string | null;
    try {
      problem = safeStorageProblem(await askMain('safeStorageStatus'));
    } catch {
      problem = 'Premia could not ask this system how it would protect it';
    }
    return { available: problem === null, reason: problem };
  };
  const save = async (key: Buffer): Promise<void> => {
    const { available, reason } = await availability();
    if (!available) {
      throw new PremiaError('unavailable', `The vault cannot be remembered here: ${reason}.`);
    }
    const { encrypted } = await askMain('safeStorageEncrypt', { plain: key.toString('base64') });
    const text = JSON.stringify({ version: 1, encrypted });
    await writeFileAtomic(path, `${text}\n`, { mode: 0o600 });
  };
  return {
    availability,
    save,
    async load() {
      const encrypted = await readRemembered(path);
      if (encrypted === null) return null;
      try {
        const { plain, shouldReEncrypt } = await askMain('safeStorageDecrypt', { encrypted });
        const key = asKey(plain);
        // The system's own key changed: keep ours under its new one (a failure costs nothing now).
        if (key !== null && shouldReEncrypt) await save(key).catch(() => undefined);
        return key;
      } catch {
        return null;
      }
    },
    forget: () => rm(path, { force: true }),
  };
}

export const BROWSER_HOST_REASON = 'the browser host asks for the passphrase each time';

/**
 * The headless host's keeper: it keeps nothing. It still forgets, so a key remembered by the desktop
 * app on the same data folder goes when the vault is reset from the browser.
 */
export function browserHostKeyKeeper(dataDir: string): KeyKeeper {
  return {
    availability: () => Promise.resolve({ available: false, reason: BROWSER_HOST_REASON }),
    save: () =>
      Promise.reject(
        new PremiaError(
          'unavailable',
          `The vault cannot be remembered here: ${BROWSER_HOST_REASON}.`,
        ),
      ),
    load: () => Promise.resolve(null),
    forget: () => rm(rememberedKeyPath(dataDir), { force: true }),
  };
}

export type KeyKeeperHost =
  { host: 'desktop'; dataDir: string; askMain: AskMain } | { host: 'browser'; dataDir: string };

/** The keeper for the host the services run in (the composition root's choice). */
export function keyKeeperFor(host: KeyKeeperHost): KeyKeeper {
  return host.host === 'desktop'
    ? safeStorageKeyKeeper(host.dataDir, host.askMain)
    : browserHostKeyKeeper(host.dataDir);
}
