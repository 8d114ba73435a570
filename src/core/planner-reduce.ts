// The first half of a plan: shorts reduced (a dated short in its last days closed whole, then
// perpetuals, then dated futures nearest expiry first) and spot sold from the exchange wallets that
// hold it free, never below the shorts still open and never from holdings kept by hand.
import type { OrderStep } from '../shared/plan';
import type { FuturesPosition } from '../shared/portfolio';
import { positionQuantity } from './buckets-quantities';
import type { PlannerContext } from './planner-context';
import { buildOrder, instrumentOf, marketsOf, note } from './planner-context';
import { daysToExpiry } from './planner-risk';
import { meetsMinimum, roundBase } from './planner-sizing';
import type { AssetGoal } from './planner-targets';

export interface Reduced {
  closes: OrderStep[];
  sells: OrderStep[];
  /** Per asset, long and short after the closes and sales. */
  long: Map<string, number>;
  short: Map<string, number>;
}

interface OpenShort {
  account: string;
  position: FuturesPosition;
  quantity: number;
}

function openShorts(ctx: PlannerContext, asset: string): OpenShort[] {
  const out: OpenShort[] = [];
  for (const holdings of ctx.input.buckets.holdings) {
    for (const position of holdings.futures.positions) {
      if (position.asset !== asset || position.side !== 'short') continue;
      const quantity = positionQuantity(position);
      if (quantity > 0) out.push({ account: holdings.accountId, position, quantity });
    }
  }
  return out;
}

/**
 * What closing `closed` of a short's `held` base quantity at `price` gives back to the futures wallet's
 * available balance, before the fee: its share of the margin plus the P&L the close realizes, counted
 * once. An isolated position's margin and P&L sit outside `available`: the close returns its share of
 * the isolated wallet plus closed × (entry − price), never less than 0, since the venue liquidates an
 * isolated position before its wallet is gone. A cross position's unrealized P&L is already in
 * `available`: the close returns its share of the initial margin plus what it realizes beyond that,
 * closed × (entry − price) − share × unrealized P&L (closed × (mark − price) when the venue's figures
 * agree), which is below 0 when the fill is worse than the mark by more than the margin it frees.
 */
export function closeRelease(
  position: FuturesPosition,
  closed: number,
  held: number,
  price: number,
): number {
  const share = closed / held;
  const realized = closed * (position.entryPrice - price);
  if (position.marginMode === 'isolated') {
    const wallet = position.isolatedMargin ?? position.notional / (position.leverage ?? 1);
    return Math.max(0, Math.max(0, wallet) * share + realized);
  }
  const margin = Math.max(0, position.notional / (position.leverage ?? 1));
  return margin * share + realized - share * position.unrealizedPnl;
}

/** Closes up to `quantity` of one short; the base quantity closed (0 when it could not be). */
function close(
  ctx: PlannerContext,
  open: OpenShort,
  quantity: number,
  purpose: 'close-short' | 'roll-close',
  closes: OrderStep[],
): number {
  const { asset } = open.position;
  const account = ctx.input.accounts.find((a) => a.id === open.account);
  const instrument = account?.canTrade ? instrumentOf(account, asset, open.position.symbol) : null;
  if (!account || !instrument) {
    note(
      ctx,
      'no-trading-account',
      asset,
      `The ${open.position.symbol} short on ${open.account} cannot be closed from here: ` +
        'the account is read-only or does not list the contract.',
    );
    return 0;
  }
  const sized =
    quantity >= open.quantity
      ? { amount: open.quantity, contracts: open.quantity / instrument.contractSize }
      : roundBase(instrument, quantity);
  if (!meetsMinimum(instrument, sized, instrument.price, true)) {
    note(
      ctx,
      'below-minimum',
      asset,
      `Closing ${quantity} ${asset} of the ${instrument.symbol} short is below the venue's minimum order.`,
    );
    return 0;
  }
  const step = buildOrder(ctx, {
    account: open.account,
    asset,
    instrument,
    side: 'buy',
    sized,
    purpose,
    pair: null,
  });
  ctx.releases.set(step, closeRelease(open.position, sized.amount, open.quantity, step.price));
  closes.push(step);
  return sized.amount;
}

function reduceShorts(ctx: PlannerContext, goal: AssetGoal, closes: OrderStep[]): number {
  const { now, settings } = ctx.input;
  let short = goal.short;
  const open = openShorts(ctx, goal.asset);
  const kept: OpenShort[] = [];
  for (const o of open) {
    const days = o.position.kind === 'future' ? daysToExpiry(o.position.expiry, now) : null;
    if (days !== null && days < settings.minDaysToExpiry) {
      const closed = close(ctx, o, o.quantity, 'roll-close', closes);
      if (closed > 0) {
        short -= closed;
        note(
          ctx,
          'roll',
          goal.asset,
          `The ${o.position.symbol} short has ${Math.max(0, days).toFixed(1)} days left, fewer than ` +
            `${settings.minDaysToExpiry}: it is closed and, where the target still wants a hedge, replaced.`,
        );
        continue;
      }
    }
    kept.push(o);
  }
  const byOrder = [...kept].sort((a, b) => {
    const ea = a.position.expiry ?? -Infinity;
    const eb = b.position.expiry ?? -Infinity;
    return ea - eb;
  });
  for (const o of byOrder) {
    const excess = short - goal.wantShort;
    if (!(excess > 0)) break;
    short -= close(ctx, o, Math.min(excess, o.quantity), 'close-short', closes);
  }
  return short;
}

function sellSpot(ctx: PlannerContext, goal: AssetGoal, short: number, sells: OrderStep[]): number {
  let long = goal.long;
  // Never below what the shorts still open hedge: a sale must not leave a short naked.
  const wanted = Math.min(goal.long - goal.wantLong, goal.long - short);
  // A difference this small is float noise in the targets, not a sale.
  if (!(wanted > 1e-9 * Math.max(goal.long, goal.wantLong))) return long;
  const sellers = ctx.input.accounts
    .filter((a) => a.canTrade && marketsOf(a, goal.asset)?.spot)
    .map((a) => {
      const free = ctx.holdings.get(a.id)?.spot.find((b) => b.asset === goal.asset)?.free ?? 0;
      return { account: a, free: Math.max(0, free) };
    })
    .filter((s) => s.free > 0)
    .sort((a, b) => b.free - a.free);
  let left = wanted;
  for (const { account, free } of sellers) {
    if (!(left > 0)) break;
    const instrument = marketsOf(account, goal.asset)!.spot!;
    const sized = roundBase(instrument, Math.min(left, free));
    if (!meetsMinimum(instrument, sized, instrument.price)) {
      note(
        ctx,
        'below-minimum',
        goal.asset,
        `Selling ${Math.min(left, free)} ${goal.asset} on ${account.id} is below the venue's minimum order.`,
      );
      continue;
    }
    sells.push(
      buildOrder(ctx, {
        account: account.id,
        asset: goal.asset,
        instrument,
        side: 'sell',
        sized,
        purpose: 'sell-spot',
        pair: null,
      }),
    );
    left -= sized.amount;
    long -= sized.amount;
  }
  const free = sellers.reduce((sum, s) => sum + s.free, 0);
  if (wanted > free + 1e-12) {
    const manual = ctx.input.buckets.manual
      .filter((m) => m.asset === goal.asset)
      .reduce((sum, m) => sum + m.amount, 0);
    if (manual > 0) {
      note(
        ctx,
        'manual-not-sold',
        goal.asset,
        `The target wants ${wanted} ${goal.asset} sold but only ${free} is free on the exchanges; ` +
          'holdings kept by hand are never sold by a plan.',
      );
    } else {
      note(
        ctx,
        'insufficient-balance',
        goal.asset,
        `The target wants ${wanted} ${goal.asset} sold but only ${free} is free to sell on a tradable account.`,
      );
    }
  }
  return long;
}

export function planReductions(ctx: PlannerContext, goals: readonly AssetGoal[]): Reduced {
  const closes: OrderStep[] = [];
  const sells: OrderStep[] = [];
  const long = new Map<string, number>();
  const short = new Map<string, number>();
  for (const goal of goals) {
    const shortAfter = reduceShorts(ctx, goal, closes);
    short.set(goal.asset, shortAfter);
    long.set(goal.asset, sellSpot(ctx, goal, shortAfter, sells));
  }
  return { closes, sells, long, short };
}
