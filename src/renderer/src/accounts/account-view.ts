// An exchange account as the Accounts view lists it: what its key may do as badges (the risky ones
// marked), where its orders go, and when it was last tested and synced; and the add form read into
// the host's input without keeping the secrets anywhere but the form.
import { issueText } from '../../../shared/issue-text';
import type { AccountMeta, KeyPermissions, NewAccount } from '../../../shared/accounts';
import {
  ACCOUNT_ENVIRONMENT_LABELS,
  newAccountSchema,
  PASSPHRASE_EXCHANGES,
} from '../../../shared/accounts';
import { EXCHANGE_NAMES, type ExchangeId } from '../../../shared/settings';
import { formatAge } from '../markets/time-text';
import { asSentence } from '../ui/sentence';

export interface PermissionBadge {
  label: string;
  /** 'ok' is what Premia wants, 'warn' a risk or a missing permission, 'off' merely absent. */
  tone: 'ok' | 'warn' | 'off';
}

/** The key's permissions as badges; none before the first test that succeeded. */
export function permissionBadges(
  p: KeyPermissions | null,
  testedAt: number | null,
): PermissionBadge[] {
  if (p === null) {
    // A failed test keeps the permissions a passed one read, so none at all means none ever passed.
    const label = testedAt === null ? 'Not tested yet' : 'Permissions unknown: the key test failed';
    return [{ label, tone: 'warn' }];
  }
  const badges: PermissionBadge[] = [
    { label: p.read ? 'Read' : 'No read access', tone: p.read ? 'ok' : 'warn' },
    {
      label: p.spotTrading ? 'Spot trading' : 'No spot trading',
      tone: p.spotTrading ? 'ok' : 'off',
    },
    {
      label: p.futuresTrading ? 'Futures trading' : 'No futures trading',
      tone: p.futuresTrading ? 'ok' : 'off',
    },
    {
      label: p.universalTransfer ? 'Transfers' : 'No transfers',
      tone: p.universalTransfer ? 'ok' : 'off',
    },
    {
      label: p.withdrawals ? 'Withdrawals allowed' : 'No withdrawals',
      tone: p.withdrawals ? 'warn' : 'ok',
    },
    {
      label: p.ipRestricted ? 'IP restricted' : 'Not IP restricted',
      tone: p.ipRestricted ? 'ok' : 'warn',
    },
  ];
  return badges;
}

export interface AccountSummary {
  title: string;
  venue: string;
  environment: string;
  readOnly: boolean;
  synced: string;
  tested: string;
}

export function accountSummary(a: AccountMeta, now: number): AccountSummary {
  return {
    title: a.label,
    venue: EXCHANGE_NAMES[a.exchange],
    environment: ACCOUNT_ENVIRONMENT_LABELS[a.environment],
    readOnly: a.readOnly,
    synced: a.syncedAt === null ? 'never synced' : `synced ${formatAge(now - a.syncedAt)}`,
    tested: a.testedAt === null ? 'never tested' : `tested ${formatAge(now - a.testedAt)}`,
  };
}

/**
 * What is said of the demo account once the user has an account of their own: its balances no longer
 * count anywhere. Null while the demo is the portfolio (or for any other account).
 */
export function demoSetAsideNote(
  account: AccountMeta,
  accounts: readonly AccountMeta[],
): string | null {
  if (!account.demo || !accounts.some((a) => !a.demo)) return null;
  return 'Not counted: your own accounts replace the demo portfolio, whose balances are left out.';
}

export function needsPassphrase(exchange: ExchangeId): boolean {
  return PASSPHRASE_EXCHANGES.includes(exchange);
}

/** The add form's fields, as read from the form at submit (never held in component state). */
export interface AccountFormFields {
  exchange: string;
  label: string;
  environment: string;
  apiKey: string;
  secret: string;
  passphrase: string;
}

export type AccountFormField = keyof AccountFormFields;

export type AccountFormReading =
  | { ok: true; input: NewAccount }
  | { ok: false; problems: Partial<Record<AccountFormField, string>> };

/**
 * The form read with the contract's own rules; a refusal names the field and never repeats what was
 * typed, since the field may hold a secret.
 */
export function readAccountForm(fields: AccountFormFields): AccountFormReading {
  const passphrase = fields.passphrase.trim();
  const parsed = newAccountSchema.safeParse({
    exchange: fields.exchange,
    label: fields.label,
    environment: fields.environment,
    apiKey: fields.apiKey,
    secret: fields.secret,
    ...(passphrase === '' ? {} : { passphrase }),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const problems: Partial<Record<AccountFormField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in fields && !problems[field as AccountFormField]) {
      problems[field as AccountFormField] = asSentence(issueText(issue));
    }
  }
  return { ok: false, problems };
}
