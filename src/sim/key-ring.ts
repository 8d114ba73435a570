// The venue's API keys: each minted with its permissions and bound to one account (the main account
// or a sub-account of its own), as binance issues keys per account. A signed request is checked
// against the key it names, and acts on that key's account.
import { randomBytes } from 'node:crypto';
import { generateCredentials, secretsMatch, type Credentials } from './auth';

/** What a key may do, as binance's API restrictions report it (reading is always allowed). */
export interface SimKeyPermissions {
  spotTrading: boolean;
  futuresTrading: boolean;
  /** Moving funds between the venue's own wallets (binance's permitsUniversalTransfer). */
  universalTransfer: boolean;
  withdrawals: boolean;
  /** True when the key is bound to listed IP addresses. */
  ipRestricted: boolean;
}

export const FULL_TRADING: SimKeyPermissions = {
  spotTrading: true,
  futuresTrading: true,
  universalTransfer: true,
  withdrawals: false,
  ipRestricted: false,
};

export interface KeyRecord extends Credentials {
  accountId: string;
  permissions: SimKeyPermissions;
  /** Wall time it was minted. */
  createdAt: number;
}

export const MAIN_ACCOUNT_ID = 'main';

/** A sub-account id in binance's style: digits only. */
export function newAccountId(): string {
  const digits = [...randomBytes(9)].map((b) => String(b % 10)).join('');
  return `1${digits}`;
}

export function mintKeyRecord(
  accountId: string,
  permissions: Partial<SimKeyPermissions> | undefined,
  at: number,
): KeyRecord {
  return {
    ...generateCredentials(),
    accountId,
    permissions: { ...FULL_TRADING, ...permissions },
    createdAt: at,
  };
}

/** The key a request names, compared in constant time against each key held. */
export function findKey(keys: readonly KeyRecord[], apiKey: string): KeyRecord | null {
  let found: KeyRecord | null = null;
  for (const key of keys) if (secretsMatch(key.apiKey, apiKey)) found = key;
  return found;
}
