// The second half of a plan: spot bought and shorts opened, sized to the cash each account holds.
// A new short is paired with the spot buy that funds it (a basis trade) or hedges spot already held;
// a pair whose expected carry does not beat its slippage is left out, both legs.
import type { OrderStep, PlanCarry, PlanShort } from '../shared/plan';
import type { PlannerContext } from './planner-context';
import { buildOrder, marketsOf, note, richestAccount } from './planner-context';
import type { ShortTerms } from './planner-risk';
import {
  bestShortInstrument,
  carryOf,
  planCarry,
  planShort,
  shortCandidates,
  shortTerms,
} from './planner-risk';
import type { Sized } from './planner-sizing';
import { meetsMinimum, pairQuantity, priceOrder, roundBase } from './planner-sizing';
import type { AssetGoal } from './planner-targets';
import type { PlanAccount, PlanAssetMarkets, PlanInstrument } from './planner-types';
import type { Reduced } from './planner-reduce';
import { bookKey } from './planner-types';
import type { WalletNeeds } from './planner-wallets';

// Kept back from every account's cash so rounding in transfers and fees never overdraws a wallet.
const CASH_RESERVE = 0.01;
// Quantities this small (relative to what is held) are float noise, not a trade.
const NOISE = 1e-9;

export interface Grown {
  /** Stablecoins sold for the margin coin, run with the other sales. */
  conversions: OrderStep[];
  pairs: OrderStep[];
  buys: OrderStep[];
  hedges: OrderStep[];
  shorts: PlanShort[];
  carry: PlanCarry[];
  /** Per account, what the buys and shorts take from each wallet. */
  needs: Map<string, WalletNeeds>;
}

interface Intent {
  kind: 'pair' | 'buy' | 'hedge';
  goal: AssetGoal;
  account: PlanAccount;
  spot: PlanInstrument | null;
  short: PlanInstrument | null;
  terms: ShortTerms | null;
  quantity: number;
}

interface Sizing {
  spot: Sized | null;
  short: Sized | null;
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

function intentsFor(ctx: PlannerContext, goal: AssetGoal, reduced: Reduced): Intent[] {
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
      intents.push({
        kind: 'pair',
        goal,
        account,
        spot: marketsOf(account, goal.asset)!.spot,
        ...chosen,
        quantity: basis,
      });
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
      intents.push({
        kind: 'buy',
        goal,
        account,
        spot: marketsOf(account, goal.asset)!.spot,
        short: null,
        terms: null,
        quantity: unpaired,
      });
    } else {
      missingMarket(ctx, goal.asset, `${goal.asset} spot`, (m) => m.spot !== null);
    }
  }
  if (hedge > noise) {
    const account = richestAccount(ctx, canShort, goal.asset);
    const chosen = account && chooseShort(ctx, goal, account, hedge, 0);
    if (account && chosen) {
      intents.push({
        kind: 'hedge',
        goal,
        account,
        spot: marketsOf(account, goal.asset)?.spot ?? null,
        ...chosen,
        quantity: hedge,
      });
    } else {
      missingMarket(ctx, goal.asset, `a contract to short ${goal.asset}`, canShort);
    }
  }
  return intents;
}

function sizeIntent(intent: Intent, quantity: number): Sizing {
  if (intent.kind === 'pair') {
    const q = pairQuantity(intent.spot!, intent.short!, quantity);
    return { spot: roundBase(intent.spot!, q), short: roundBase(intent.short!, q) };
  }
  if (intent.kind === 'buy') return { spot: roundBase(intent.spot!, quantity), short: null };
  return { spot: null, short: roundBase(intent.short!, quantity) };
}

function costOf(ctx: PlannerContext, intent: Intent, sizing: Sizing): WalletNeeds {
  const { books, settings } = ctx.input;
  const account = intent.account.id;
  let spot = 0;
  let futures = 0;
  if (sizing.spot) {
    const p = priceOrder(
      intent.spot!,
      books[bookKey(account, intent.spot!.symbol)],
      'buy',
      sizing.spot,
      settings.slippageLimit,
    );
    spot = p.notional + p.fee;
  }
  if (sizing.short) {
    const p = priceOrder(
      intent.short!,
      books[bookKey(account, intent.short!.symbol)],
      'sell',
      sizing.short,
      settings.slippageLimit,
    );
    futures = p.notional / intent.terms!.leverage + p.fee;
  }
  return { spot, futures };
}

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
 * Sizes every buy and short to the cash of its account after the sales and closes (`cash`: spot
 * plus futures margin coin), in order: pairs, unpaired buys, hedges of spot held.
 */
export function planGrowth(
  ctx: PlannerContext,
  goals: readonly AssetGoal[],
  reduced: Reduced,
  cash: Map<string, number>,
): Grown {
  const grown: Grown = {
    conversions: [],
    pairs: [],
    buys: [],
    hedges: [],
    shorts: [],
    carry: [],
    needs: new Map(),
  };
  const intents = goals.flatMap((g) => intentsFor(ctx, g, reduced));
  const order = { pair: 0, buy: 1, hedge: 2 } as const;
  intents.sort((a, b) => order[a.kind] - order[b.kind]);

  const budget = new Map<string, number>();
  const blocked = new Map<string, string>();
  const wanted = new Map<string, number>();
  for (const intent of intents) {
    const c = costOf(ctx, intent, sizeIntent(intent, intent.quantity));
    wanted.set(intent.account.id, (wanted.get(intent.account.id) ?? 0) + c.spot + c.futures);
  }
  for (const [accountId, want] of wanted) {
    let have = (cash.get(accountId) ?? 0) - CASH_RESERVE;
    if (want > have) {
      const account = ctx.input.accounts.find((a) => a.id === accountId)!;
      const result = convert(ctx, account, want - have, grown.conversions);
      have += result.raised;
      if (result.blocked) blocked.set(accountId, result.blocked);
    }
    budget.set(accountId, have);
  }

  let pairs = 0;
  for (const intent of intents) {
    const { goal, account } = intent;
    const left = budget.get(account.id) ?? 0;
    let quantity = intent.quantity;
    let sizing = sizeIntent(intent, quantity);
    let cost = costOf(ctx, intent, sizing);
    let shrunk = false;
    for (let i = 0; i < 8 && cost.spot + cost.futures > left; i++) {
      shrunk = true;
      quantity = left > 0 ? (quantity * left * 0.995) / (cost.spot + cost.futures) : 0;
      sizing = sizeIntent(intent, quantity);
      cost = costOf(ctx, intent, sizing);
    }
    const fits = cost.spot + cost.futures <= left;
    if (shrunk) {
      note(
        ctx,
        'insufficient-balance',
        goal.asset,
        `${account.id} lacks the ${ctx.input.settings.marginCoin} for the whole ${goal.asset} trade: it is made smaller or left out.`,
      );
      const why = blocked.get(account.id);
      if (why) note(ctx, 'conversion-not-allowed', goal.asset, why);
    }
    const legsOk =
      fits &&
      (!sizing.spot || meetsMinimum(intent.spot!, sizing.spot, intent.spot!.price)) &&
      (!sizing.short || meetsMinimum(intent.short!, sizing.short, intent.short!.price));
    if (!legsOk) {
      if (!shrunk)
        note(
          ctx,
          'below-minimum',
          goal.asset,
          `The ${goal.asset} trade of ${intent.quantity} is below the venue's minimum order on ${account.id}.`,
        );
      continue;
    }
    const pair = intent.kind === 'buy' ? null : `p${pairs + 1}`;
    const buy =
      sizing.spot && intent.kind !== 'hedge'
        ? buildOrder(ctx, {
            account: account.id,
            asset: goal.asset,
            instrument: intent.spot!,
            side: 'buy',
            sized: sizing.spot,
            purpose: 'buy-spot',
            pair,
          })
        : null;
    const sell = sizing.short
      ? buildOrder(ctx, {
          account: account.id,
          asset: goal.asset,
          instrument: intent.short!,
          side: 'sell',
          sized: sizing.short,
          purpose: 'open-short',
          pair,
          terms: intent.terms!,
        })
      : null;
    if (sell && pair) {
      const q = sell.amount;
      const spotPrice = buy ? buy.price : (intent.spot?.price ?? goal.price);
      const figures = carryOf({
        instrument: intent.short!,
        spotPrice,
        shortPrice: sell.price,
        quantity: q,
        spotFee: buy ? intent.spot!.takerFee : 0,
        now: ctx.input.now,
        holdingDays: ctx.input.settings.holdingDays,
      });
      const slippage =
        ctx.pricing.get(sell)!.slippageCost + (buy ? ctx.pricing.get(buy)!.slippageCost : 0);
      if (!(figures.net - slippage > 0)) {
        note(
          ctx,
          'carry-not-positive',
          goal.asset,
          `Shorting ${intent.short!.symbol} would earn ${figures.net.toFixed(2)} USDT net against ${slippage.toFixed(2)} USDT of slippage: the trade is left out.`,
        );
        continue;
      }
      const margin = sell.notional / intent.terms!.leverage;
      grown.carry.push(
        planCarry({
          pair,
          asset: goal.asset,
          instrument: intent.short!,
          figures,
          notional: q * spotPrice,
          slippage,
          capital: (buy?.notional ?? 0) + margin,
        }),
      );
      grown.shorts.push(
        planShort({
          account: account.id,
          pair,
          asset: goal.asset,
          instrument: intent.short!,
          quantity: q,
          price: sell.price,
          terms: intent.terms!,
        }),
      );
      if (!intent.terms!.keepable) ctx.unkeptModes.push(intent.short!.symbol);
      if (intent.terms!.existing) {
        note(
          ctx,
          'existing-position',
          goal.asset,
          `${intent.short!.symbol} already has a ${intent.terms!.marginMode} short on ${account.id}: the plan adds to it at the venue's leverage of ${intent.terms!.leverage}×, and the venue's liquidation price stands.`,
        );
      }
      pairs += 1;
    }
    if (intent.kind === 'pair') grown.pairs.push(buy!, sell!);
    else if (intent.kind === 'buy') grown.buys.push(buy!);
    else grown.hedges.push(sell!);
    budget.set(account.id, left - cost.spot - cost.futures);
    const need = grown.needs.get(account.id) ?? { spot: 0, futures: 0 };
    need.spot += buy ? buy.notional + buy.fee : 0;
    need.futures += sell ? sell.notional / intent.terms!.leverage + sell.fee : 0;
    grown.needs.set(account.id, need);
  }
  return grown;
}
