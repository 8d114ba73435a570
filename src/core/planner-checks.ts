// The pre-trade checks the planner can judge itself, every one present whether it passed or not,
// each with a message for people.
import type { OrderStep, PlanCheck, PlanNote, PlanShort, PlanStep } from '../shared/plan';
import type { Pricing } from './planner-sizing';
import { meetsMinimum } from './planner-sizing';
import type { PlanInstrument } from './planner-types';
import type { Wallets } from './planner-wallets';

// A balance this far below 0 after float arithmetic is still 0.
const BALANCE_TOLERANCE = 1e-9;

export interface CheckFacts {
  steps: readonly PlanStep[];
  pricing: ReadonlyMap<OrderStep, Pricing>;
  instrumentOf: (step: OrderStep) => PlanInstrument | null;
  shorts: readonly PlanShort[];
  notes: readonly PlanNote[];
  /** The lowest every wallet went while the steps ran. */
  lowest: Wallets;
  slippageLimit: number;
  leverageCap: number;
  /** Shorts added to an open position whose terms the plan cannot keep (leverage unknown). */
  unkeptModes: readonly string[];
}

const list = (items: readonly string[]): string => [...new Set(items)].join(', ');

function check(
  code: PlanCheck['code'],
  failures: readonly string[],
  ok: string,
  bad: string,
): PlanCheck {
  return failures.length === 0
    ? { code, ok: true, message: ok }
    : { code, ok: false, message: `${bad}: ${list(failures)}.` };
}

export function plannerChecks(f: CheckFacts): PlanCheck[] {
  const orders = f.steps.filter((s): s is OrderStep => s.kind === 'order');
  const priced = orders.map((o) => ({ o, p: f.pricing.get(o)! }));
  const under = orders.filter((o) => {
    const instrument = f.instrumentOf(o);
    return !instrument || !meetsMinimum(instrument, o, instrument.price, o.reduceOnly);
  });
  const left = f.notes.filter((n) => n.code === 'below-minimum').length;
  const overdrawn = f.lowest
    .entries()
    .filter(([, , , amount]) => amount < -BALANCE_TOLERANCE)
    .map(([account, wallet, coin]) => `${account} ${wallet} ${coin}`.trim());
  const noAccount = f.notes
    .filter((n) => n.code === 'no-trading-account')
    .map((n) => n.asset ?? '');
  return [
    check(
      'minimum',
      under.map((o) => o.symbol),
      left === 0
        ? "Every order meets the venue's minimum amount and value."
        : `Every order meets the venue's minimum; ${left} trade(s) too small were left out (see the notes).`,
      "Orders below the venue's minimum",
    ),
    check(
      'slippage',
      priced.filter(({ p }) => p.slippage > f.slippageLimit).map(({ o }) => o.symbol),
      'Every order is expected to fill within the slippage limit.',
      'Expected slippage above the limit on',
    ),
    check(
      'liquidity',
      priced.filter(({ p }) => !p.filled).map(({ o }) => o.symbol),
      'The order books are deep enough for every order.',
      'The order book is too thin for the whole order on',
    ),
    check(
      'leverage',
      f.shorts
        .filter((s) => s.leverage > f.leverageCap + 1e-12)
        .map((s) => `${s.symbol} at ${s.leverage}×`),
      'No short is above the leverage cap.',
      `Shorts above the ${f.leverageCap}× leverage cap`,
    ),
    check(
      'margin-mode',
      f.unkeptModes,
      'Every short can be opened in its margin mode.',
      'The plan cannot keep the terms of the open position on',
    ),
    check(
      'books',
      priced.filter(({ p }) => !p.hasBook).map(({ o }) => o.symbol),
      'Every order was priced from its order book.',
      'No order book was read for',
    ),
    check(
      'balance',
      overdrawn,
      'Every wallet holds enough at every step.',
      'A wallet would run short',
    ),
    check(
      'trading-account',
      noAccount,
      'Every trade has an account allowed to make it.',
      'No account allowed to trade for',
    ),
  ];
}
