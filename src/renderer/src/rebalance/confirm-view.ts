// What the confirmation before an execution shows of the whole plan: its transfers, its orders with
// their protected prices and costs, each short's risk and the buckets after, in the plan's own words.
import type { RebalancePlan } from '../../../shared/plan';
import {
  costRows,
  shortRows,
  stepRows,
  type CostRows,
  type ShortRow,
  type StepRow,
} from './plan-rows';
import { planTitle } from './plan-view';
import { portfolioWeightBars, type WeightsBar } from './plan-weights';

export interface PlanConfirmation {
  title: string;
  demo: boolean;
  transfers: StepRow[];
  /** Orders, each with its order cells (side, symbol, amount, limit and expected price, fee, slippage). */
  orders: (StepRow & { order: NonNullable<StepRow['order']> })[];
  shorts: ShortRow[];
  costs: CostRows;
  /** The portfolio's buckets once the plan is carried out. */
  after: WeightsBar;
  /** 'Execute 1 transfer and 2 orders', the confirming sentence. */
  question: string;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function planConfirmation(
  plan: RebalancePlan,
  accountLabel: (id: string) => string,
): PlanConfirmation {
  const rows = stepRows(plan, accountLabel);
  const transfers = rows.filter((r) => r.kind === 'transfer');
  const orders = rows.flatMap((r) => (r.order === null ? [] : [{ ...r, order: r.order }]));
  const parts = [
    ...(transfers.length > 0 ? [count(transfers.length, 'transfer', 'transfers')] : []),
    ...(orders.length > 0 ? [count(orders.length, 'order', 'orders')] : []),
  ];
  const where = plan.demo ? ' on the demo account' : '';
  return {
    title: planTitle(plan),
    demo: plan.demo,
    transfers,
    orders,
    shorts: shortRows(plan.shorts, accountLabel),
    costs: costRows(plan.costs),
    after: portfolioWeightBars(plan)[2]!,
    question: parts.length === 0 ? 'Nothing to execute' : `Execute ${parts.join(' and ')}${where}?`,
  };
}
