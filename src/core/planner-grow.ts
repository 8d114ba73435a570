// The second half of a plan: the buys and shorts chosen for each asset, sized to the cash each
// account holds after the sales and closes. A pair whose expected carry does not beat its slippage is
// left out, both legs; another stablecoin is sold for the margin coin only when that is allowed.
import type { OrderStep, PlanCarry, PlanShort } from '../shared/plan';
import type { PlannerContext } from './planner-context';
import { buildOrder, note } from './planner-context';
import { budgets } from './planner-budget';
import type { Intent } from './planner-intents';
import { intentsFor } from './planner-intents';
import type { Reduced } from './planner-reduce';
import { carryOf, planCarry, planShort } from './planner-risk';
import type { Pricing, Sized } from './planner-sizing';
import { meetsMinimum, pairQuantity, priceOrder, roundBase } from './planner-sizing';
import type { AssetGoal } from './planner-targets';
import type { WalletNeeds } from './planner-wallets';

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

/** An intent rounded to the venue's grids and priced against its books. */
interface Costed extends WalletNeeds {
  spotLeg: Sized | null;
  shortLeg: Sized | null;
  spotPricing: Pricing | null;
  shortPricing: Pricing | null;
  /** Margin coin taken from the two wallets together. */
  total: number;
}

/** Rounds an intent to `quantity` on its legs' grids and prices what that costs. */
function cost(ctx: PlannerContext, intent: Intent, quantity: number): Costed {
  const { slippageLimit } = ctx.input.settings;
  let spotLeg: Sized | null = null;
  let shortLeg: Sized | null = null;
  if (intent.kind === 'pair') {
    const q = pairQuantity(intent.spot!, intent.short!, quantity);
    spotLeg = roundBase(intent.spot!, q);
    shortLeg = roundBase(intent.short!, q);
  } else if (intent.kind === 'buy') {
    spotLeg = roundBase(intent.spot!, quantity);
  } else {
    shortLeg = roundBase(intent.short!, quantity);
  }
  const spotPricing = spotLeg
    ? priceOrder(intent.spot!, intent.spotBook, 'buy', spotLeg, slippageLimit)
    : null;
  const shortPricing = shortLeg
    ? priceOrder(intent.short!, intent.shortBook, 'sell', shortLeg, slippageLimit)
    : null;
  const spotCash = spotPricing ? spotPricing.notional + spotPricing.fee : 0;
  const futuresCash = shortPricing
    ? shortPricing.notional / intent.terms!.leverage + shortPricing.fee
    : 0;
  return {
    spotLeg,
    shortLeg,
    spotPricing,
    shortPricing,
    spot: spotCash,
    futures: futuresCash,
    total: spotCash + futuresCash,
  };
}

/**
 * Records a pair once both legs are built, or leaves a basis trade out (false) when its expected
 * carry does not beat its slippage. A hedge of spot already held is kept whatever its carry.
 */
function recordPair(
  ctx: PlannerContext,
  grown: Grown,
  intent: Intent,
  pair: string,
  buy: OrderStep | null,
  sell: OrderStep,
): boolean {
  const { goal, account } = intent;
  const short = intent.short!;
  const terms = intent.terms!;
  const q = sell.amount;
  const spotPrice = buy ? buy.price : (intent.spot?.price ?? goal.price);
  const figures = carryOf({
    instrument: short,
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
    // A basis trade exists to earn its carry; a hedge of spot already held exists to take risk off,
    // so it stays, and the user is told what it costs.
    if (buy) {
      note(
        ctx,
        'carry-not-positive',
        goal.asset,
        `Shorting ${short.symbol} would earn ${figures.net.toFixed(2)} USDT net against ${slippage.toFixed(2)} USDT of slippage: the trade is left out.`,
      );
      return false;
    }
    note(
      ctx,
      'carry-not-positive',
      goal.asset,
      `The hedge on ${short.symbol} is expected to cost ${(slippage - figures.net).toFixed(2)} USDT after fees and slippage; it is kept because it takes risk off spot already held.`,
    );
  }
  const margin = sell.notional / terms.leverage;
  grown.carry.push(
    planCarry({
      pair,
      asset: goal.asset,
      instrument: short,
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
      instrument: short,
      quantity: q,
      price: sell.price,
      terms,
    }),
  );
  if (!terms.keepable) ctx.unkeptModes.push(short.symbol);
  if (terms.existing) {
    note(
      ctx,
      'existing-position',
      goal.asset,
      `${short.symbol} already has a ${terms.marginMode} short on ${account.id}: the plan adds to it at the venue's leverage of ${terms.leverage}×, and the venue's liquidation price stands.`,
    );
  }
  return true;
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
  const first = intents.map((intent) => cost(ctx, intent, intent.quantity));
  const { budget, blocked } = budgets(ctx, intents, first, cash, grown.conversions);

  let pairs = 0;
  intents.forEach((intent, i) => {
    const { goal, account } = intent;
    const left = budget.get(account.id) ?? 0;
    let quantity = intent.quantity;
    let c = first[i]!;
    let shrunk = false;
    for (let tries = 0; tries < 8 && c.total > left; tries++) {
      shrunk = true;
      quantity = left > 0 ? (quantity * left * 0.995) / c.total : 0;
      c = cost(ctx, intent, quantity);
    }
    const fits = c.total <= left;
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
      (!c.spotLeg || meetsMinimum(intent.spot!, c.spotLeg, intent.spot!.price)) &&
      (!c.shortLeg || meetsMinimum(intent.short!, c.shortLeg, intent.short!.price));
    if (!legsOk) {
      if (!shrunk)
        note(
          ctx,
          'below-minimum',
          goal.asset,
          `The ${goal.asset} trade of ${intent.quantity} is below the venue's minimum order on ${account.id}.`,
        );
      return;
    }
    const pair = intent.kind === 'buy' ? null : `p${pairs + 1}`;
    const buy =
      c.spotLeg && intent.kind !== 'hedge'
        ? buildOrder(ctx, {
            account: account.id,
            asset: goal.asset,
            instrument: intent.spot!,
            side: 'buy',
            sized: c.spotLeg,
            purpose: 'buy-spot',
            pair,
            pricing: c.spotPricing!,
          })
        : null;
    const sell = c.shortLeg
      ? buildOrder(ctx, {
          account: account.id,
          asset: goal.asset,
          instrument: intent.short!,
          side: 'sell',
          sized: c.shortLeg,
          purpose: 'open-short',
          pair,
          terms: intent.terms!,
          pricing: c.shortPricing!,
        })
      : null;
    if (sell && pair) {
      if (!recordPair(ctx, grown, intent, pair, buy, sell)) return;
      pairs += 1;
    }
    if (intent.kind === 'pair') grown.pairs.push(buy!, sell!);
    else if (intent.kind === 'buy') grown.buys.push(buy!);
    else grown.hedges.push(sell!);
    budget.set(account.id, left - c.spot - c.futures);
    const need = grown.needs.get(account.id) ?? { spot: 0, futures: 0 };
    need.spot += buy ? buy.notional + buy.fee : 0;
    need.futures += sell ? sell.notional / intent.terms!.leverage + sell.fee : 0;
    grown.needs.set(account.id, need);
  });
  return grown;
}
