// A rebalance plan as `premia plan` prints it: one JSON object of fixed shape, or tables for people
// (the steps, the shorts, the carry, the costs, the checks with the failed ones first, the notes and
// when the plan expires).
import { formatPercent, formatPrice } from '../../core';
import type { PlanCheck, PlanNote, PlanStep, RebalancePlan } from '../../shared/plan';
import type { Weights } from '../../shared/strategy';
import { textTable } from '../text-table';
import { formatUtcTime } from '../utc-time';

type Shares = { spot: number; hedged: number };

export interface PlanJson {
  id: string;
  at: number;
  expiresAt: number;
  ready: boolean;
  /** Portfolio value before the plan, USDT. */
  value: number;
  current: Weights;
  target: Weights;
  after: Weights;
  assets: {
    asset: string;
    regime: string | null;
    current: Shares;
    target: Weights;
    after: Shares;
  }[];
  steps: Record<string, unknown>[];
  shorts: {
    account: string;
    pair: string;
    symbol: string;
    marginMode: string;
    margin: number;
    leverage: number;
    liquidationPrice: number | null;
  }[];
  carry: {
    pair: string;
    kind: 'dated' | 'perp';
    gross: number;
    fees: number;
    net: number;
    netAnnualized: number;
    breakevenDays: number | null;
  }[];
  costs: { fees: number; slippage: number };
  checks: PlanCheck[];
  notes: PlanNote[];
}

const weights = (w: Weights): Weights => ({ spot: w.spot, hedged: w.hedged, stable: w.stable });
const shares = (s: Shares): Shares => ({ spot: s.spot, hedged: s.hedged });
/** JSON has no Infinity: a carry that never breaks even reads null. */
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function stepJson(step: PlanStep): Record<string, unknown> {
  const base = {
    step: step.step,
    kind: step.kind,
    account: step.account,
    asset: step.asset,
    pair: step.pair,
  };
  if (step.kind === 'transfer') {
    return { ...base, amount: step.amount, from: step.from, to: step.to };
  }
  return {
    ...base,
    market: step.market,
    symbol: step.symbol,
    side: step.side,
    amount: step.amount,
    contracts: step.contracts,
    price: step.price,
    limitPrice: step.limitPrice,
    timeInForce: step.timeInForce,
    notional: step.notional,
    reduceOnly: step.reduceOnly,
  };
}

export function planJson(plan: RebalancePlan): PlanJson {
  return {
    id: plan.id,
    at: plan.at,
    expiresAt: plan.expiresAt,
    ready: plan.ready,
    value: plan.value,
    current: weights(plan.current),
    target: weights(plan.target),
    after: weights(plan.after),
    assets: plan.assets.map((a) => ({
      asset: a.asset,
      regime: a.regime,
      current: shares(a.current),
      target: weights(a.target),
      after: shares(a.after),
    })),
    steps: plan.steps.map(stepJson),
    shorts: plan.shorts.map((s) => ({
      account: s.account,
      pair: s.pair,
      symbol: s.symbol,
      marginMode: s.marginMode,
      margin: s.margin,
      leverage: s.leverage,
      liquidationPrice: s.liquidationPrice,
    })),
    carry: plan.carry.map((c) => ({
      pair: c.pair,
      kind: c.kind,
      gross: c.gross,
      fees: c.fees,
      net: c.net,
      netAnnualized: c.netAnnualized,
      breakevenDays: finiteOrNull(c.breakevenDays),
    })),
    costs: { fees: plan.costs.fees, slippage: plan.costs.slippage },
    checks: plan.checks.map((c) => ({ code: c.code, ok: c.ok, message: c.message })),
    notes: plan.notes.map((n) => ({ code: n.code, asset: n.asset, message: n.message })),
  };
}

const usdt = (x: number): string => `${x.toFixed(2)} USDT`;
/** An amount of an asset to 8 significant digits, without trailing zeros. */
export const formatAmount = (x: number): string => String(Number(x.toPrecision(8)));

function stepRow(step: PlanStep): string[] {
  if (step.kind === 'transfer') {
    return [
      String(step.step),
      'transfer',
      step.asset,
      `${formatAmount(step.amount)} ${step.asset} ${step.from} → ${step.to}`,
      '',
      '',
      step.account,
    ];
  }
  return [
    String(step.step),
    `${step.side} ${step.market}${step.reduceOnly ? ' (reduce only)' : ''}`,
    step.symbol,
    step.contracts === null
      ? formatAmount(step.amount)
      : `${formatAmount(step.contracts)} contracts`,
    `${formatPrice(step.price)} (limit ${formatPrice(step.limitPrice)})`,
    usdt(step.notional),
    step.account,
  ];
}

export function planTable(plan: RebalancePlan): string[] {
  const lines: string[] = [];
  lines.push(`Plan ${plan.id}, made ${formatUtcTime(plan.at)}`);
  lines.push(
    plan.ready
      ? 'Ready: every check passes.'
      : 'Not ready: a check below fails, so this plan must not be executed.',
  );
  lines.push('');
  if (plan.steps.length === 0) lines.push('Nothing to do: no step is needed.');
  else {
    lines.push(
      ...textTable(
        [
          { title: 'Step', align: 'right' },
          { title: 'What', align: 'left' },
          { title: 'Instrument', align: 'left' },
          { title: 'Amount', align: 'right' },
          { title: 'Price', align: 'right' },
          { title: 'Notional', align: 'right' },
          { title: 'Account', align: 'left' },
        ],
        plan.steps.map(stepRow),
      ),
    );
  }
  if (plan.shorts.length > 0) {
    lines.push('', 'Shorts');
    lines.push(
      ...textTable(
        [
          { title: 'Symbol', align: 'left' },
          { title: 'Margin', align: 'right' },
          { title: 'Leverage', align: 'right' },
          { title: 'Liquidation', align: 'right' },
        ],
        plan.shorts.map((s) => [
          s.symbol,
          `${usdt(s.margin)} ${s.marginMode}`,
          `${s.leverage}×`,
          s.liquidationPrice === null ? 'unknown' : formatPrice(s.liquidationPrice),
        ]),
      ),
    );
  }
  if (plan.carry.length > 0) {
    lines.push('', 'Carry');
    lines.push(
      ...textTable(
        [
          { title: 'Symbol', align: 'left' },
          { title: 'Days', align: 'right' },
          { title: 'Net', align: 'right' },
          { title: 'Annualized', align: 'right' },
          { title: 'Breakeven', align: 'right' },
        ],
        plan.carry.map((c) => [
          c.symbol,
          String(Math.round(c.days)),
          usdt(c.net),
          formatPercent(c.netAnnualized),
          Number.isFinite(c.breakevenDays) ? `${c.breakevenDays.toFixed(1)} d` : 'never',
        ]),
      ),
    );
  }
  lines.push(
    '',
    `Costs: ${usdt(plan.costs.fees)} in fees, ${usdt(plan.costs.slippage)} expected slippage.`,
  );
  lines.push('', 'Checks');
  const ordered = [...plan.checks.filter((c) => !c.ok), ...plan.checks.filter((c) => c.ok)];
  for (const c of ordered) lines.push(`  ${c.ok ? 'ok    ' : 'FAILED'}  ${c.message}`);
  if (plan.notes.length > 0) {
    lines.push('', 'Notes');
    for (const n of plan.notes) lines.push(`  ${n.message}`);
  }
  lines.push('', `Expires ${formatUtcTime(plan.expiresAt)}.`);
  return lines;
}
