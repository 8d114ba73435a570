// What the second half of a plan means to trade, before any cash is counted: for each asset, spot to
// buy paired with a new short (a basis trade), spot to buy alone, and shorts that hedge spot already
// held, each placed on an account and on the short instrument with the best expected carry.
import type { PlannerContext } from './planner-context';
import { marketsOf, note, richestAccount } from './planner-context';
import type { Reduced } from './planner-reduce';
import type { ShortTerms } from './planner-risk';
import { bestShortInstrument, shortCandidates, shortTerms } from './planner-risk';
import type { AssetGoal } from './planner-targets';
import type { PlanAccount, PlanAssetMarkets, PlanBook, PlanInstrument } from './planner-types';
import { bookKey } from './planner-types';

// Quantities this small (relative to what is held) are float noise, not a trade.
const NOISE = 1e-9;

export interface Intent {
  kind: 'pair' | 'buy' | 'hedge';
  goal: AssetGoal;
  account: PlanAccount;
  spot: PlanInstrument | null;
  short: PlanInstrument | null;
  terms: ShortTerms | null;
  /** Base quantity wanted, before rounding and before the cash is counted. */
  quantity: number;
  /** The account's books for the two legs, looked up once: each leg is priced several times. */
  spotBook: PlanBook | undefined;
  shortBook: PlanBook | undefined;
}

function missingMarket(
  ctx: PlannerContext,
  asset: string,
  what: string,
  lists: (m: PlanAssetMarkets) => boolean,
): void {
  const listed = ctx.input.accounts.some((a) => {
    const m = marketsOf(a, asset);
    return m !== null && lists(m);
  });
  if (listed) {
    note(ctx, 'no-trading-account', asset, `No account that may trade lists ${what}.`);
  } else {
    note(ctx, 'no-market', asset, `No account lists ${what}.`);
  }
}

function chooseShort(
  ctx: PlannerContext,
  goal: AssetGoal,
  account: PlanAccount,
  quantity: number,
  spotFee: number,
): { short: PlanInstrument; terms: ShortTerms } | null {
  const { now, settings } = ctx.input;
  const positions = ctx.holdings.get(account.id)?.futures.positions ?? [];
  // A long on the same contract would be reduced, not hedged, by a sell: that contract is passed over.
  const candidates = shortCandidates(
    marketsOf(account, goal.asset)!,
    now,
    settings.minDaysToExpiry,
  ).filter((i) => !positions.some((p) => p.symbol === i.symbol && p.side === 'long'));
  const short = bestShortInstrument(candidates, {
    spotPrice: goal.price,
    quantity,
    spotFee,
    now,
    holdingDays: settings.holdingDays,
  });
  if (!short) return null;
  const existing = positions.find((p) => p.symbol === short.symbol && p.side === 'short') ?? null;
  return { short, terms: shortTerms(existing, settings.leverageCap) };
}

function intent(
  ctx: PlannerContext,
  kind: Intent['kind'],
  goal: AssetGoal,
  account: PlanAccount,
  quantity: number,
  chosen: { short: PlanInstrument; terms: ShortTerms } | null,
): Intent {
  const spot = marketsOf(account, goal.asset)?.spot ?? null;
  const short = chosen?.short ?? null;
  const { books } = ctx.input;
  return {
    kind,
    goal,
    account,
    spot,
    short,
    terms: chosen?.terms ?? null,
    quantity,
    spotBook: spot && kind !== 'hedge' ? books[bookKey(account.id, spot.symbol)] : undefined,
    shortBook: short ? books[bookKey(account.id, short.symbol)] : undefined,
  };
}

/** What one asset's goal asks to buy and short, after the closes and sales already planned. */
export function intentsFor(ctx: PlannerContext, goal: AssetGoal, reduced: Reduced): Intent[] {
  const { now, settings } = ctx.input;
  const long = reduced.long.get(goal.asset) ?? goal.long;
  const short = reduced.short.get(goal.asset) ?? goal.short;
  const noise = NOISE * Math.max(goal.long, goal.wantLong, 1e-12);
  const addShort = goal.wantShort - short;
  const buy = Math.max(0, goal.wantLong - long);
  // New shorts pair first with the spot bought for them (a basis trade funded from stablecoins), and
  // only then hedge spot already held.
  // A short already larger than the spot (one that could not be closed) takes no new short: the
  // spot bought covers it first.
  const covered = short <= long;
  const basis = addShort > noise && covered ? Math.min(addShort, buy) : 0;
  const hedge = addShort > noise && covered ? Math.min(addShort - basis, long - short) : 0;
  const unpaired = buy - basis;
  const canShort = (m: PlanAssetMarkets): boolean =>
    shortCandidates(m, now, settings.minDaysToExpiry).length > 0;
  const intents: Intent[] = [];
  if (basis > noise) {
    const account = richestAccount(ctx, (m) => m.spot !== null && canShort(m), goal.asset);
    const chosen =
      account &&
      chooseShort(ctx, goal, account, basis, marketsOf(account, goal.asset)!.spot!.takerFee);
    if (account && chosen) {
      intents.push(intent(ctx, 'pair', goal, account, basis, chosen));
    } else {
      missingMarket(
        ctx,
        goal.asset,
        `both ${goal.asset} spot and a contract to short it`,
        (m) => m.spot !== null && canShort(m),
      );
    }
  }
  if (unpaired > noise) {
    const account = richestAccount(ctx, (m) => m.spot !== null, goal.asset);
    if (account) {
      intents.push(intent(ctx, 'buy', goal, account, unpaired, null));
    } else {
      missingMarket(ctx, goal.asset, `${goal.asset} spot`, (m) => m.spot !== null);
    }
  }
  if (hedge > noise) {
    const account = richestAccount(ctx, canShort, goal.asset);
    const chosen = account && chooseShort(ctx, goal, account, hedge, 0);
    if (account && chosen) {
      intents.push(intent(ctx, 'hedge', goal, account, hedge, chosen));
    } else {
      missingMarket(ctx, goal.asset, `a contract to short ${goal.asset}`, canShort);
    }
  }
  return intents;
}
