// Exchange accounts and the key vault as every process sees them: metadata only. An account's key,
// secret and passphrase go in once (with `newAccountSchema`) and never come back out of the services.
import { z } from 'zod';
import type { ExchangeId } from './settings';
import { exchangeIdSchema } from './settings';

/**
 * Where an account's orders go: the venue itself, its testnet, its demo-trading environment (ccxt's
 * sandbox and demo modes), or the built-in simulator that speaks the venue's dialect.
 */
export const ACCOUNT_ENVIRONMENTS = ['live', 'testnet', 'demo-trading', 'simulator'] as const;
export const accountEnvironmentSchema = z.enum(ACCOUNT_ENVIRONMENTS);
export type AccountEnvironment = z.infer<typeof accountEnvironmentSchema>;

export const ACCOUNT_ENVIRONMENT_LABELS: Readonly<Record<AccountEnvironment, string>> = {
  live: 'Live',
  testnet: 'Testnet',
  'demo-trading': 'Demo trading',
  simulator: 'Built-in simulator',
};

/** Venues that ask for a passphrase beside the key and secret (none of those wired so far). */
export const PASSPHRASE_EXCHANGES: readonly ExchangeId[] = [];

/** What a key may do, as the venue reports it. */
export const keyPermissionsSchema = z.object({
  read: z.boolean(),
  spotTrading: z.boolean(),
  futuresTrading: z.boolean(),
  /** Moving funds between the venue's own wallets (spot ↔ futures): plans need it. */
  universalTransfer: z.boolean(),
  withdrawals: z.boolean(),
  /** True when the key works only from listed IP addresses. */
  ipRestricted: z.boolean(),
});
export type KeyPermissions = z.infer<typeof keyPermissionsSchema>;

/** The futures account's modes; Premia expects one-way positions and single-asset margin. */
export const accountModesSchema = z.object({
  positionMode: z.enum(['one-way', 'hedge']),
  multiAssetsMargin: z.boolean(),
});
export type AccountModes = z.infer<typeof accountModesSchema>;

export const accountMetaSchema = z.object({
  id: z.string(),
  exchange: exchangeIdSchema,
  label: z.string(),
  environment: accountEnvironmentSchema,
  /** The demo portfolio on the built-in simulator: its keys are not secrets and skip the vault. */
  demo: z.boolean(),
  createdAt: z.number(),
  /** What the key may do, as last tested; null before the first test. */
  permissions: keyPermissionsSchema.nullable(),
  /** No trading permission at all: holdings are read, nothing is ever sent. */
  readOnly: z.boolean(),
  modes: accountModesSchema.nullable(),
  testedAt: z.number().nullable(),
  syncedAt: z.number().nullable(),
  /** Plain warnings from the last test: withdrawals allowed, a mode Premia does not expect. */
  warnings: z.array(z.string()),
});
export type AccountMeta = z.infer<typeof accountMetaSchema>;

const secretText = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(512, `${what} is too long`);

export const newAccountSchema = z
  .object({
    exchange: exchangeIdSchema,
    label: z
      .string()
      .trim()
      .min(1, 'give the account a name')
      .max(60, 'must be at most 60 characters'),
    environment: accountEnvironmentSchema,
    apiKey: secretText('The API key'),
    secret: secretText('The API secret'),
    passphrase: z.string().max(512).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (PASSPHRASE_EXCHANGES.includes(a.exchange) && !a.passphrase?.trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['passphrase'],
        message: 'this exchange needs the key’s passphrase',
      });
    }
  });
export type NewAccount = z.infer<typeof newAccountSchema>;

export const accountIdSchema = z.string().min(1).max(100);

/** The outcome of testing an account's key: what it may do, and what to fix if it failed. */
export interface AccountTestResult {
  account: AccountMeta;
  ok: boolean;
  /** What went wrong, in words that say what to fix; null when the key works. */
  problem: string | null;
}

export const VAULT_STATES = ['absent', 'locked', 'unlocked'] as const;
export type VaultState = (typeof VAULT_STATES)[number];

export interface VaultStatus {
  state: VaultState;
  /** Whether "remember on this device" can be offered, and if not, why (in words). */
  remember: { available: boolean; reason: string | null; active: boolean };
  /** When the vault locks itself if left idle (null while locked or absent). */
  autoLockAt: number | null;
  /** After repeated wrong passphrases, the next attempt is refused until then. */
  retryAt: number | null;
}

export const MIN_PASSPHRASE_LENGTH = 10;

const passphrase = z
  .string({ error: 'a passphrase is required' })
  .min(1, 'a passphrase is required')
  .max(1024, 'must be at most 1024 characters');
const newPassphrase = passphrase.refine(
  (p) => p.length >= MIN_PASSPHRASE_LENGTH,
  `must be at least ${MIN_PASSPHRASE_LENGTH} characters`,
);

export const vaultCreateSchema = z
  .object({ passphrase: newPassphrase, remember: z.boolean().optional() })
  .strict();
export const vaultUnlockSchema = z
  .object({ passphrase, remember: z.boolean().optional() })
  .strict();
export const vaultChangeSchema = z.object({ current: passphrase, next: newPassphrase }).strict();
/** Resetting deletes every secret: the caller names the act to show it is meant. */
export const vaultResetSchema = z.object({ confirm: z.literal('reset') }).strict();

export type VaultCreate = z.infer<typeof vaultCreateSchema>;
export type VaultUnlock = z.infer<typeof vaultUnlockSchema>;
export type VaultChange = z.infer<typeof vaultChangeSchema>;
export type VaultReset = z.infer<typeof vaultResetSchema>;
