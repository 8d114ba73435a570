// The rebalance plan as it crosses every boundary: what the planner proposes (wallet transfers and
// orders in execution order, the shorts and their risk, the carry each hedge is expected to earn, the
// costs), the pre-trade checks that stand between it and execution, and the request that asks for one.
// An executor carries a saved plan out by its id, so a plan says everything an order needs.
import { z } from 'zod';
import type { MarginMode } from './portfolio';
import { assetSymbolSchema } from './settings';
import type { Regime, Weights } from './strategy';

/**
 * A plan id is at most this long, so a client order id built from (plan, step, attempt) fits the
 * venue's limit (binance: 36 characters of `[.A-Z:/a-z0-9_-]`).
 */
export const PLAN_ID_MAX_LENGTH = 16;
export const PLAN_ID_PATTERN = /^[a-z0-9]{1,16}$/;
export const planIdSchema = z
  .string()
  .regex(PLAN_ID_PATTERN, 'must be a plan id (1 to 16 lower-case letters and digits)');

/** The seed's single actions on one asset, each previewed by the same planner. */
export const PLAN_ACTIONS = [
  'hedge',
  'basis-trade',
  'close-hedge',
  'accumulate',
  'de-risk',
] as const;
export const planActionSchema = z.enum(PLAN_ACTIONS);
export type PlanActionKind = z.infer<typeof planActionSchema>;

export const PLAN_ACTION_LABELS: Record<PlanActionKind, string> = {
  hedge: 'Hedge with a short',
  'basis-trade': 'Open a basis trade',
  'close-hedge': 'Close the hedge',
  accumulate: 'Accumulate spot',
  'de-risk': 'De-risk by selling',
};

/**
 * What a plan is asked for: a full rebalance to every asset's target, one action on one asset, or a
 * flatten (every hedge and short closed, which only takes risk off).
 */
export const planRequestSchema = z
  .object({
    action: z.object({ asset: assetSymbolSchema, kind: planActionSchema }).strict().optional(),
    flatten: z.literal(true).optional(),
  })
  .strict()
  .refine((r) => !(r.action && r.flatten), {
    message: 'ask for one action or a flatten, not both',
    path: ['flatten'],
  });
export type PlanRequest = z.input<typeof planRequestSchema>;
export interface PlanAction {
  asset: string;
  kind: PlanActionKind;
}

export type PlanMarket = 'spot' | 'perp' | 'future';
export type WalletName = 'spot' | 'futures';
export type OrderSide = 'buy' | 'sell';

/** Why an order is in the plan, for people and for the executor's pairing. */
export type OrderPurpose =
  | 'buy-spot'
  | 'sell-spot'
  | 'open-short'
  | 'close-short'
  /** Closing a dated short inside its last days, to be replaced by a later contract. */
  | 'roll-close';

interface StepBase {
  /** 0, 1, 2 … in execution order. */
  step: number;
  account: string;
  /** The coin moved (transfer) or the asset traded (order). */
  asset: string;
  /** The legs of one basis trade or hedge share a pair id; null for an unpaired step. */
  pair: string | null;
}

/** Moves a coin between one account's spot and futures wallets. */
export interface TransferStep extends StepBase {
  kind: 'transfer';
  amount: number;
  from: WalletName;
  to: WalletName;
  /** Why the coin must move, in words for people. */
  reason: string;
}

/** One order, protected: immediate-or-cancel at a limit no worse than the plan's price by the slippage limit. */
export interface OrderStep extends StepBase {
  kind: 'order';
  market: PlanMarket;
  symbol: string;
  side: OrderSide;
  /** Base units of the asset, rounded down to the venue's step. */
  amount: number;
  /** Contracts for a contract market (amount / contract size); null for spot. */
  contracts: number | null;
  /** Expected average price per unit of the asset, from walking the order book. */
  price: number;
  /** The protected limit: price × (1 ± slippage limit), on the venue's tick. */
  limitPrice: number;
  timeInForce: 'IOC';
  /** amount × price, in USDT. */
  notional: number;
  reduceOnly: boolean;
  purpose: OrderPurpose;
  /** Expected fee in USDT, and the rate it was worked out at. */
  fee: number;
  feeRate: number;
  /** Where the rate came from: the account's own commission, or the venue's published default. */
  feeSource: 'account' | 'venue-default';
  /** |average / best − 1| walked through the book; 0 when no book was read (a check says so). */
  slippage: number;
  /** For a short being opened: the margin mode and leverage the executor sets first. */
  marginMode: MarginMode | null;
  leverage: number | null;
}

export type PlanStep = TransferStep | OrderStep;

/** Every short the plan opens or adds to, with its risk. */
export interface PlanShort {
  account: string;
  pair: string;
  asset: string;
  symbol: string;
  market: 'perp' | 'future';
  /** Base quantity of the position after the plan. */
  quantity: number;
  entryPrice: number;
  marginMode: MarginMode;
  /** Initial margin in USDT (notional / leverage for an isolated short). */
  margin: number;
  leverage: number;
  /** Null when the venue's own figure is unknown (a cross position it reports none for). */
  liquidationPrice: number | null;
  /** (liquidationPrice − price) / price: how far the price may rise before liquidation. */
  liquidationDistance: number | null;
  expiry: number | null;
}

/** What one hedged leg is expected to earn: a dated short to its expiry, a perpetual over the horizon. */
export interface PlanCarry {
  pair: string;
  asset: string;
  symbol: string;
  kind: 'dated' | 'perp';
  /** Spot notional hedged, in USDT. */
  notional: number;
  /** Days the carry is counted over: to expiry, or the holding horizon. */
  days: number;
  gross: number;
  fees: number;
  net: number;
  netAnnualized: number;
  breakevenDays: number;
  /** Expected slippage of both legs, in USDT (already in the plan's costs). */
  slippage: number;
  /** Capital the trade ties up: the spot bought (0 for spot already held) plus the short's margin. */
  capital: number;
  /** (net − slippage) / capital over a 365-day year; null when no capital is tied up. */
  returnOnCapital: number | null;
}

export const PLAN_CHECK_CODES = [
  'stale-quotes',
  'stale-holdings',
  'balance',
  'minimum',
  'slippage',
  'liquidity',
  'leverage',
  'margin-mode',
  'books',
  'vault',
  'trading-account',
  'expired',
  /** A flatten's stand-in for the quotes check: the signal may be stale, the books were read now. */
  'fresh-books',
] as const;
export type PlanCheckCode = (typeof PLAN_CHECK_CODES)[number];

/** A pre-trade check: every one is shown on the plan, passed or not. */
export interface PlanCheck {
  code: PlanCheckCode;
  ok: boolean;
  message: string;
}

export const PLAN_NOTE_CODES = [
  /** The asset's trade would be below the venue's minimum amount or notional. */
  'below-minimum',
  /** A basis trade whose net carry less its slippage is not positive (left out), or a hedge of spot held that costs more than it earns (kept, with its cost). */
  'carry-not-positive',
  /** Held by hand: may be hedged on an exchange, never sold by a plan. */
  'manual-not-sold',
  'no-market',
  'no-trading-account',
  'insufficient-balance',
  /** A stablecoin other than the margin coin would have to be converted, which the settings forbid. */
  'conversion-not-allowed',
  /** A dated short inside its last days is closed (and replaced when the target still asks for it). */
  'roll',
  /** An existing position in another margin mode keeps the venue's figures. */
  'existing-position',
  'no-price',
] as const;
export type PlanNoteCode = (typeof PLAN_NOTE_CODES)[number];

/** What the plan left out or changed and why, in words for people. */
export interface PlanNote {
  code: PlanNoteCode;
  asset: string | null;
  message: string;
}

/** One tracked asset's place before and after: shares of the portfolio value. */
export interface PlanAssetRow {
  asset: string;
  regime: Regime | null;
  current: { spot: number; hedged: number };
  target: Weights;
  after: { spot: number; hedged: number };
}

/** What the planner proposes (pure: no id, no clock beyond the `now` it was given). */
export interface PlanProposal {
  /** A full rebalance, or one action on one asset. */
  action: PlanAction | null;
  /**
   * True for a flatten: every short closed whole, reduce-only, and nothing else. Such a plan may be
   * made and executed while the regime signal is stale, since it only takes risk off.
   */
  flatten: boolean;
  /** Portfolio value V in USDT before the plan. */
  value: number;
  /** Portfolio bucket weights; each sums to 1 (zeros when V ≤ 0). */
  current: Weights;
  target: Weights;
  after: Weights;
  assets: PlanAssetRow[];
  steps: PlanStep[];
  shorts: PlanShort[];
  carry: PlanCarry[];
  costs: { fees: number; slippage: number };
  /** The checks the planner itself can judge (minimum, slippage, liquidity, leverage, balance …). */
  checks: PlanCheck[];
  notes: PlanNote[];
}

/** A plan as saved and shown: the proposal with an id, its age and every pre-trade check. */
export interface RebalancePlan extends PlanProposal {
  id: string;
  /** Wall time the plan was made, and after which it may no longer be executed. */
  at: number;
  expiresAt: number;
  /** True when the plan trades on the demo account. */
  demo: boolean;
  /** When the quotes and holdings it was made from were read. */
  basedOn: { quotesAt: number | null; holdingsAt: number | null };
  /** True when every check passes. */
  ready: boolean;
}
