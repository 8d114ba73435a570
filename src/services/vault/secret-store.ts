// What the rest of the services may do with exchange secrets: keep, read back and forget them per
// account. The vault implements it; nothing outside src/services ever holds an AccountSecrets.

/** An account's credentials as the venue issued them. */
export interface AccountSecrets {
  apiKey: string;
  secret: string;
  /** Only venues that issue one. */
  passphrase?: string;
}

export interface SecretStore {
  /** True while the vault is unlocked (reading and writing need it). */
  unlocked(): boolean;
  /** The account's secrets; a `locked` PremiaError while locked, null when none are kept. */
  read(accountId: string): Promise<AccountSecrets | null>;
  /** Keeps the account's secrets (replacing any); a `locked` PremiaError while locked. */
  write(accountId: string, secrets: AccountSecrets): Promise<void>;
  /** Forgets the account's secrets; works locked too (an entry is dropped without decrypting it). */
  remove(accountId: string): Promise<void>;
}
