// The pre-trade checks the plan service judges itself (the planner judges the rest): quotes and
// holdings recent enough (a flatten's books read now instead of the quotes), the key vault open for
// the accounts traded, and the plan not expired.
// Every check is shown on the plan, passed or not.
import { formatDuration } from '../../core';
import type { AccountMeta, VaultStatus } from '../../shared/accounts';
import type { MarketSnapshot } from '../../shared/market';
import { bookKey } from '../../core/planner-types';
import type { OrderStep, PlanCheck, PlanStep, RebalancePlan } from '../../shared/plan';
import type { CountedHoldings } from '../portfolio';

/** Quotes older than this many refresh intervals (and at least QUOTES_MIN_AGE_MS) are too old. */
export const STALE_QUOTE_INTERVALS = 3;
export const QUOTES_MIN_AGE_MS = 60_000;

/** Seconds under a minute (a plan lives about two), the core's duration text above. */
const span = (ms: number): string =>
  ms < 60_000 ? `${Math.max(1, Math.round(ms / 1_000))} s` : formatDuration(ms);
const utcTime = (at: number): string => `${new Date(at).toISOString().slice(11, 19)} UTC`;
const ago = (ms: number): string => (ms < 1_000 ? 'just now' : `${span(ms)} ago`);

export function quotesCheck(
  snapshot: MarketSnapshot | null,
  tracked: readonly string[],
  refreshIntervalMs: number,
  now: number,
): PlanCheck {
  const fail = (message: string): PlanCheck => ({ code: 'stale-quotes', ok: false, message });
  if (snapshot === null) return fail('No quotes have been received yet.');
  const age = Math.max(0, now - snapshot.at);
  if (snapshot.offline === true)
    return fail(`Premia is offline: the quotes were received ${ago(age)}.`);
  const stale = snapshot.assets
    .filter((a) => tracked.includes(a.asset) && a.stale)
    .map((a) => a.asset);
  if (stale.length > 0) return fail(`The quotes of ${stale.join(', ')} are not current.`);
  const limit = Math.max(QUOTES_MIN_AGE_MS, STALE_QUOTE_INTERVALS * refreshIntervalMs);
  if (age > limit) return fail(`The quotes were received ${ago(age)}, too long ago to trade on.`);
  return { code: 'stale-quotes', ok: true, message: `The quotes were received ${ago(age)}.` };
}

export function holdingsCheck(holdings: CountedHoldings, now: number): PlanCheck {
  if (holdings.oldestSync === null) {
    return { code: 'stale-holdings', ok: false, message: 'No holdings have been synced yet.' };
  }
  const when = ago(Math.max(0, now - holdings.oldestSync));
  return holdings.holdingsStale
    ? {
        code: 'stale-holdings',
        ok: false,
        message: `The holdings were last synced ${when}: sync them before trading.`,
      }
    : { code: 'stale-holdings', ok: true, message: `The holdings were synced ${when}.` };
}

/** The vault must be open to trade on an account of one's own; the demo account needs no key of it. */
export function vaultCheck(
  steps: readonly PlanStep[],
  accounts: readonly AccountMeta[],
  vault: VaultStatus,
  /** Accounts left out of the plan because the locked vault holds their keys. */
  leftOut: readonly AccountMeta[] = [],
): PlanCheck {
  if (leftOut.length > 0) {
    return {
      code: 'vault',
      ok: false,
      message: `The key vault is locked, so ${leftOut.map((a) => a.label).join(', ')} could not be read or planned on: unlock it and make the plan again.`,
    };
  }
  const traded = new Set(steps.map((s) => s.account));
  const own = accounts.filter((a) => traded.has(a.id) && !a.demo);
  if (own.length === 0) {
    return {
      code: 'vault',
      ok: true,
      message: 'No key from the vault is needed: the plan trades no account of your own.',
    };
  }
  return vault.state === 'unlocked'
    ? { code: 'vault', ok: true, message: 'The key vault is unlocked.' }
    : {
        code: 'vault',
        ok: false,
        message: `The key vault is ${vault.state === 'absent' ? 'not set up' : 'locked'}: unlock it to trade on ${own.map((a) => a.label).join(', ')}.`,
      };
}

export function expiryCheck(plan: Pick<RebalancePlan, 'expiresAt'>, now: number): PlanCheck {
  const left = plan.expiresAt - now;
  return left > 0
    ? {
        code: 'expired',
        ok: true,
        message: `The plan may be executed until ${utcTime(plan.expiresAt)}.`,
      }
    : {
        code: 'expired',
        ok: false,
        message: `The plan expired ${ago(-left)}: prices and holdings may have moved. Make a new plan.`,
      };
}

/** The plan with its `expired` check judged at `now`, and `ready` following from every check. */
export function judgedAt(plan: RebalancePlan, now: number): RebalancePlan {
  const checks = plan.checks.map((c) => (c.code === 'expired' ? expiryCheck(plan, now) : c));
  return { ...plan, checks, ready: checks.every((c) => c.ok) };
}

/**
 * A flatten's stand-in for the quotes check: the regime signal may be stale (a flatten only takes
 * risk off), but every close must be priced on its order book read just now. `read` holds the
 * `bookKey` of each book read.
 */
export function freshBooksCheck(
  orders: readonly OrderStep[],
  read: ReadonlySet<string>,
): PlanCheck {
  const unread = [
    ...new Set(orders.filter((o) => !read.has(bookKey(o.account, o.symbol))).map((o) => o.symbol)),
  ];
  return unread.length === 0
    ? {
        code: 'fresh-books',
        ok: true,
        message:
          'The regime signal may be stale, which a flatten allows: it only takes risk off, and every close is priced on its order book read just now.',
      }
    : {
        code: 'fresh-books',
        ok: false,
        message: `The order book could not be read just now for ${unread.join(', ')}, so those closes cannot be priced: try again.`,
      };
}
