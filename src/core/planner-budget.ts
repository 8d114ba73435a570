// What each account can spend on the buys and shorts of a plan: its margin coin after the sales and
// closes, less a small reserve, plus other stablecoins sold for the margin coin when that is allowed
// and the account lists a market for them.
import type { OrderStep } from '../shared/plan';
import type { PlannerContext } from './planner-context';
import { buildOrder, marketsOf } from './planner-context';
import type { Intent } from './planner-intents';
import { meetsMinimum, roundBase } from './planner-sizing';
import type { PlanAccount } from './planner-types';
import type { WalletNeeds } from './planner-wallets';

// Kept back from every account's cash so rounding in transfers and fees never overdraws a wallet.
const CASH_RESERVE = 0.01;

/** Stablecoins other than the margin coin are converted only when allowed and a market exists. */
function convert(
  ctx: PlannerContext,
  account: PlanAccount,
  shortfall: number,
  conversions: OrderStep[],
): { raised: number; blocked: string | null } {
  const { settings, buckets } = ctx.input;
  const holdings = ctx.holdings.get(account.id);
  let raised = 0;
  let blocked: string | null = null;
  for (const coin of buckets.stablecoins) {
    if (coin === settings.marginCoin || raised >= shortfall) continue;
    const free = holdings?.spot.find((b) => b.asset === coin)?.free ?? 0;
    if (!(free > 0)) continue;
    const market = marketsOf(account, coin)?.spot ?? null;
    if (!settings.convertStablecoins || !market) {
      blocked = settings.convertStablecoins
        ? `${account.id} holds ${free} ${coin} but lists no market to convert it to ${settings.marginCoin}.`
        : `${account.id} holds ${free} ${coin}; converting it to ${settings.marginCoin} is turned off in the settings.`;
      continue;
    }
    const sized = roundBase(market, Math.min(free, ((shortfall - raised) * 1.02) / market.price));
    if (!meetsMinimum(market, sized, market.price)) continue;
    const step = buildOrder(ctx, {
      account: account.id,
      asset: coin,
      instrument: market,
      side: 'sell',
      sized,
      purpose: 'sell-spot',
      pair: null,
    });
    conversions.push(step);
    raised += step.notional - step.fee;
  }
  return { raised, blocked };
}

/**
 * Per account, what its cash can spend (`cash`: after the sales and closes) against what the intents
 * would take at full size (`first`, one per intent), stablecoins converted when it falls short; and,
 * per account, why a conversion that would have helped was not made.
 */
export function budgets(
  ctx: PlannerContext,
  intents: readonly Intent[],
  first: readonly WalletNeeds[],
  cash: Map<string, number>,
  conversions: OrderStep[],
): { budget: Map<string, number>; blocked: Map<string, string> } {
  const budget = new Map<string, number>();
  const blocked = new Map<string, string>();
  const wanted = new Map<string, number>();
  intents.forEach((intent, i) => {
    const c = first[i]!;
    wanted.set(intent.account.id, (wanted.get(intent.account.id) ?? 0) + c.spot + c.futures);
  });
  for (const [accountId, want] of wanted) {
    let have = (cash.get(accountId) ?? 0) - CASH_RESERVE;
    if (want > have) {
      const account = ctx.input.accounts.find((a) => a.id === accountId)!;
      const result = convert(ctx, account, want - have, conversions);
      have += result.raised;
      if (result.blocked) blocked.set(accountId, result.blocked);
    }
    budget.set(accountId, have);
  }
  return { budget, blocked };
}
