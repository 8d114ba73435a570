// Checking a passphrase against the vault, behind the throttle: refused at once while a wait runs,
// each wrong passphrase counted (and the count saved beside the vault), the count cleared by a right one.
import type { Logger } from '../logger';
import { deriveKey, wipe } from './vault-crypto';
import { keyFits } from './vault-content';
import { throttled, wrongPassphrase } from './vault-errors';
import type { VaultDocument } from './vault-file';
import type { ThrottleState } from './vault-throttle';
import {
  FREE_ATTEMPTS,
  NO_FAILURES,
  readThrottle,
  retryAt,
  withFailure,
  writeThrottle,
} from './vault-throttle';

export interface PassphraseGate {
  /** When the next attempt is allowed, or null when it is allowed now. */
  retryAt(): number | null;
  /** The key `passphrase` derives for `content`; a counted `auth` error when it is wrong. */
  keyFor(passphrase: string, content: VaultDocument): Promise<Buffer>;
  /** Starts the count again (a new or reset vault). */
  clear(): Promise<void>;
}

export async function createPassphraseGate(options: {
  dataDir: string;
  now: () => number;
  logger: Logger;
  /** Hears each wrong passphrase once it is counted. */
  onFailure: () => void;
}): Promise<PassphraseGate> {
  const { dataDir, now, logger } = options;
  let state: ThrottleState = await readThrottle(dataDir, now()).catch((error: unknown) => {
    // Unreadable is read as spoiled: throttled from now, never a way to start the count again.
    logger.warn('the count of wrong vault passphrases could not be read', error);
    return { failures: FREE_ATTEMPTS, lastFailureAt: now() };
  });
  const save = async (next: ThrottleState): Promise<void> => {
    state = next;
    try {
      await writeThrottle(dataDir, next);
    } catch (error) {
      logger.warn('the count of wrong vault passphrases could not be saved', error);
    }
  };
  return {
    retryAt: () => retryAt(state, now()),
    clear: () => save(NO_FAILURES),
    async keyFor(passphrase, content) {
      const waitUntil = retryAt(state, now());
      if (waitUntil !== null) throw throttled(waitUntil, now());
      const candidate = await deriveKey(passphrase, content.kdf);
      if (keyFits(content, candidate)) {
        if (state.failures > 0) await save(NO_FAILURES);
        return candidate;
      }
      wipe(candidate);
      await save(withFailure(state, now()));
      logger.warn(`a wrong passphrase was given for the key vault (${state.failures} in a row)`);
      options.onFailure();
      throw wrongPassphrase();
    },
  };
}
