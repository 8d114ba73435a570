// What every part of the planner shares while one plan is made: the input, the notes so far, the
// pricing of every order, the margin each close gives back, and the order builder they all use.
import type { OrderPurpose, OrderSide, OrderStep, PlanNote, PlanNoteCode } from '../shared/plan';
import type { AccountHoldings } from '../shared/portfolio';
import type { PlanAccount, PlanAssetMarkets, PlanInstrument, PlannerInput } from './planner-types';
import { bookKey } from './planner-types';
import type { Pricing, Sized } from './planner-sizing';
import { priceOrder } from './planner-sizing';
import type { ShortTerms } from './planner-risk';
import { usableFutures } from './planner-wallets';

export interface PlannerContext {
  input: PlannerInput;
  notes: PlanNote[];
  pricing: Map<OrderStep, Pricing>;
  /** What a close gives back to the futures wallet before its fee: margin and realized P&L. */
  releases: Map<OrderStep, number>;
  holdings: Map<string, AccountHoldings>;
  /** Symbols of open positions added to whose terms the plan cannot keep. */
  unkeptModes: string[];
  /** Margin coin each account held before the plan, worked out once. */
  held: Map<string, number>;
}

export function plannerContext(input: PlannerInput): PlannerContext {
  return {
    input,
    notes: [],
    pricing: new Map(),
    releases: new Map(),
    holdings: new Map(input.buckets.holdings.map((h) => [h.accountId, h])),
    unkeptModes: [],
    held: new Map(),
  };
}

/** Adds a note once per code and asset: the first reason given is the one shown. */
export function note(
  ctx: PlannerContext,
  code: PlanNoteCode,
  asset: string | null,
  message: string,
): void {
  if (ctx.notes.some((n) => n.code === code && n.asset === asset)) return;
  ctx.notes.push({ code, asset, message });
}

// Each account's markets by asset, built once: the planner looks them up for every asset it trades.
const marketIndex = new WeakMap<PlanAccount, Map<string, PlanAssetMarkets>>();

export function marketsOf(account: PlanAccount, asset: string): PlanAssetMarkets | null {
  let index = marketIndex.get(account);
  if (!index) {
    index = new Map(account.markets.map((m) => [m.asset, m]));
    marketIndex.set(account, index);
  }
  return index.get(asset) ?? null;
}

/** The account's instrument with this symbol for the asset, whatever its market. */
export function instrumentOf(
  account: PlanAccount,
  asset: string,
  symbol: string,
): PlanInstrument | null {
  const markets = marketsOf(account, asset);
  if (!markets) return null;
  const all = [markets.spot, markets.perp, ...markets.futures];
  return all.find((i) => i?.symbol === symbol) ?? null;
}

/** Spot free plus the futures wallet's usable margin coin: how much an account can put to work. */
export function marginCoinHeld(ctx: PlannerContext, accountId: string): number {
  const known = ctx.held.get(accountId);
  if (known !== undefined) return known;
  const held = marginCoinOf(ctx, accountId);
  ctx.held.set(accountId, held);
  return held;
}

function marginCoinOf(ctx: PlannerContext, accountId: string): number {
  const coin = ctx.input.settings.marginCoin;
  const holdings = ctx.holdings.get(accountId);
  if (!holdings) return 0;
  const spot = holdings.spot.find((b) => b.asset === coin)?.free ?? 0;
  return Math.max(0, spot) + usableFutures(holdings, coin);
}

/** The tradable account holding the most margin coin among those `lists` accepts. */
export function richestAccount(
  ctx: PlannerContext,
  lists: (markets: PlanAssetMarkets) => boolean,
  asset: string,
): PlanAccount | null {
  let best: PlanAccount | null = null;
  let most = -Infinity;
  for (const account of ctx.input.accounts) {
    if (!account.canTrade) continue;
    const markets = marketsOf(account, asset);
    if (!markets || !lists(markets)) continue;
    const held = marginCoinHeld(ctx, account.id);
    if (held > most) {
      best = account;
      most = held;
    }
  }
  return best;
}

export interface OrderSpec {
  account: string;
  asset: string;
  instrument: PlanInstrument;
  side: OrderSide;
  sized: Sized;
  purpose: OrderPurpose;
  pair: string | null;
  terms?: ShortTerms;
  /** The order already priced against the account's book, when the caller sized it that way. */
  pricing?: Pricing;
}

/** An immediate-or-cancel order priced against the account's book; numbered once the plan is ordered. */
export function buildOrder(ctx: PlannerContext, spec: OrderSpec): OrderStep {
  const { instrument, sized } = spec;
  const pricing =
    spec.pricing ??
    priceOrder(
      instrument,
      ctx.input.books[bookKey(spec.account, instrument.symbol)],
      spec.side,
      sized,
      ctx.input.settings.slippageLimit,
    );
  const opening = spec.purpose === 'open-short';
  const step: OrderStep = {
    step: -1,
    kind: 'order',
    account: spec.account,
    asset: spec.asset,
    pair: spec.pair,
    market: instrument.market,
    symbol: instrument.symbol,
    side: spec.side,
    amount: sized.amount,
    contracts: sized.contracts,
    price: pricing.price,
    limitPrice: pricing.limitPrice,
    timeInForce: 'IOC',
    notional: pricing.notional,
    reduceOnly: spec.purpose === 'close-short' || spec.purpose === 'roll-close',
    purpose: spec.purpose,
    fee: pricing.fee,
    feeRate: instrument.takerFee,
    feeSource: instrument.feeSource,
    slippage: pricing.slippage,
    marginMode: opening ? (spec.terms?.marginMode ?? 'isolated') : null,
    leverage: opening ? (spec.terms?.leverage ?? ctx.input.settings.leverageCap) : null,
  };
  ctx.pricing.set(step, pricing);
  return step;
}
