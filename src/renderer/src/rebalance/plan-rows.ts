// A plan's tables as people read them: each step in execution order, the carry of each hedged pair,
// the shorts and their risk, and what the whole plan costs.
import { formatPercent, formatPrice, MISSING } from '../../../core/format';
import type {
  OrderStep,
  PlanCarry,
  PlanMarket,
  PlanShort,
  PlanStep,
  RebalancePlan,
  WalletName,
} from '../../../shared/plan';
import { formatQuantity, formatUsdt } from '../portfolio/value-text';

const MARKET_NAMES: Record<PlanMarket, string> = {
  spot: 'Spot',
  perp: 'Perpetual',
  future: 'Dated future',
};

const WALLET_NAMES: Record<WalletName, string> = { spot: 'spot', futures: 'futures' };

/** The order-only columns; a transfer shows a dash in each. */
export interface OrderCells {
  market: string;
  symbol: string;
  side: 'Buy' | 'Sell';
  amount: string;
  contracts: string;
  price: string;
  limitPrice: string;
  notional: string;
  fee: string;
  slippage: string;
  reduceOnly: 'Yes' | 'No';
}

export interface StepRow {
  key: string;
  /** 1, 2, 3 … in execution order. */
  number: number;
  kind: PlanStep['kind'];
  /** The step in one sentence: 'Transfer 1,250 USDT spot → futures', 'Sell 0.05 BTC (perpetual)'. */
  what: string;
  /** Why a transfer is needed; null for an order. */
  reason: string | null;
  order: OrderCells | null;
  account: string;
  pair: string;
}

function orderCells(step: OrderStep): OrderCells {
  return {
    market: MARKET_NAMES[step.market],
    symbol: step.symbol,
    side: step.side === 'buy' ? 'Buy' : 'Sell',
    amount: `${formatQuantity(step.amount)} ${step.asset}`,
    contracts: step.contracts === null ? MISSING : formatQuantity(step.contracts),
    price: formatPrice(step.price),
    limitPrice: formatPrice(step.limitPrice),
    notional: formatUsdt(step.notional),
    fee: formatUsdt(step.fee),
    slippage: formatPercent(step.slippage, 3),
    reduceOnly: step.reduceOnly ? 'Yes' : 'No',
  };
}

function stepSentence(step: PlanStep): string {
  if (step.kind === 'transfer') {
    return `Transfer ${formatQuantity(step.amount)} ${step.asset} ${WALLET_NAMES[step.from]} → ${WALLET_NAMES[step.to]}`;
  }
  const side = step.side === 'buy' ? 'Buy' : 'Sell';
  return `${side} ${formatQuantity(step.amount)} ${step.asset} (${MARKET_NAMES[step.market].toLowerCase()})`;
}

/** Every step in execution order, whatever order the list arrived in. */
export function stepRows(
  plan: Pick<RebalancePlan, 'steps'>,
  accountLabel: (accountId: string) => string,
): StepRow[] {
  return [...plan.steps]
    .sort((a, b) => a.step - b.step)
    .map((step) => ({
      key: `step-${step.step}`,
      number: step.step + 1,
      kind: step.kind,
      what: stepSentence(step),
      reason: step.kind === 'transfer' ? step.reason : null,
      order: step.kind === 'order' ? orderCells(step) : null,
      account: accountLabel(step.account),
      pair: step.pair ?? MISSING,
    }));
}

export interface CarryRow {
  key: string;
  pair: string;
  symbol: string;
  /** 'Dated, 87 days to expiry' or 'Perpetual over 30 days'. */
  kind: string;
  notional: string;
  gross: string;
  fees: string;
  net: string;
  netAnnualized: string;
  /** Days until the carry has paid the fees; 'never' when it never does. */
  breakeven: string;
  returnOnCapital: string;
}

function dayCount(days: number): string {
  const shown = Number(days.toFixed(1));
  return shown === 1 ? '1 day' : `${shown.toLocaleString('en-US')} days`;
}

export function carryRows(carry: readonly PlanCarry[]): CarryRow[] {
  return carry.map((c) => ({
    key: `${c.pair}-${c.symbol}`,
    pair: c.pair,
    symbol: c.symbol,
    kind:
      c.kind === 'dated'
        ? `Dated, ${dayCount(c.days)} to expiry`
        : `Perpetual over ${dayCount(c.days)}`,
    notional: formatUsdt(c.notional),
    gross: formatUsdt(c.gross),
    fees: formatUsdt(c.fees),
    net: formatUsdt(c.net),
    netAnnualized: formatPercent(c.netAnnualized),
    breakeven: Number.isFinite(c.breakevenDays) ? dayCount(c.breakevenDays) : 'never',
    returnOnCapital: c.returnOnCapital === null ? MISSING : formatPercent(c.returnOnCapital),
  }));
}

export interface ShortRow {
  key: string;
  symbol: string;
  account: string;
  marginMode: string;
  margin: string;
  leverage: string;
  liquidationPrice: string;
  /** How far the price may rise before liquidation. */
  distance: string;
}

export function shortRows(
  shorts: readonly PlanShort[],
  accountLabel: (accountId: string) => string,
): ShortRow[] {
  return shorts.map((s) => ({
    key: `${s.account}-${s.pair}-${s.symbol}`,
    symbol: s.symbol,
    account: accountLabel(s.account),
    marginMode: s.marginMode === 'isolated' ? 'Isolated' : 'Cross',
    margin: formatUsdt(s.margin),
    leverage: `${Number(s.leverage.toPrecision(6))}×`,
    liquidationPrice: s.liquidationPrice === null ? 'unknown' : formatPrice(s.liquidationPrice),
    distance: s.liquidationDistance === null ? MISSING : formatPercent(s.liquidationDistance),
  }));
}

export interface CostRows {
  fees: string;
  slippage: string;
  total: string;
}

export function costRows(costs: RebalancePlan['costs']): CostRows {
  return {
    fees: formatUsdt(costs.fees),
    slippage: formatUsdt(costs.slippage),
    total: formatUsdt(costs.fees + costs.slippage),
  };
}
