// The vault's side of "remember on this device": whether it can be offered here, whether a key is
// remembered now, and following the user's choice at each create, unlock and change of passphrase.
import type { Logger } from '../logger';
import type { KeyKeeper, KeyKeeperAvailability } from './key-keeper';
import { cannotRemember } from './vault-errors';

export interface Remembrance {
  availability(): KeyKeeperAvailability;
  active(): boolean;
  /** Asks the keeper again; refuses (before any work) a wish to remember that cannot be met. */
  check(remember: boolean | undefined): Promise<void>;
  /** Remembers `key` when asked to or already remembering; forgets it when asked not to. */
  follow(remember: boolean | undefined, key: Buffer): Promise<void>;
  /** Takes a key the keeper gave back as the one remembered now. */
  adopt(): void;
  forget(): Promise<void>;
  refresh(): Promise<void>;
}

export async function createRemembrance(keeper: KeyKeeper, logger: Logger): Promise<Remembrance> {
  let availability = await keeper.availability();
  let active = false;
  const forget = async (): Promise<void> => {
    active = false;
    try {
      await keeper.forget();
    } catch (error) {
      logger.warn('the remembered vault key could not be forgotten', error);
    }
  };
  const refresh = async (): Promise<void> => {
    availability = await keeper.availability();
  };
  return {
    availability: () => availability,
    active: () => active,
    adopt: () => void (active = true),
    forget,
    refresh,
    async check(remember) {
      if (remember !== true) return;
      await refresh();
      if (!availability.available) throw cannotRemember(availability.reason);
    },
    async follow(remember, key) {
      if (remember === false) {
        if (active) await forget();
        return;
      }
      if (remember === undefined && !active) return;
      try {
        await keeper.save(key);
        active = true;
      } catch (error) {
        // The vault is open all the same; the status says the key is not remembered.
        logger.warn('the vault key could not be remembered on this device', error);
        await forget();
      }
    },
  };
}
