// The key vault as the composition root uses it: open it on the data folder with the keeper for the
// host the services run in, and hand its `secrets` to whatever needs an account's credentials.
export type { Vault, VaultOptions } from './vault';
export { openVault } from './vault';
export type { KeyKeeper, KeyKeeperAvailability, KeyKeeperHost } from './key-keeper';
export { keyKeeperFor } from './key-keeper';
export type { AccountSecrets, SecretStore } from './secret-store';
