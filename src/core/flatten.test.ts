import { describe, expect, it } from 'vitest';
import type { OrderStep, PlanProposal, TransferStep } from '../shared/plan';
import { account, futuresBalance, position, spotBalance } from './buckets-testing';
import { planFlatten } from './flatten';
import { planRebalance } from './planner';
import {
  deepBook,
  futureOf,
  markets,
  perpOf,
  planAccount,
  plannerInput,
  spotOf,
  type PlannerInputParts,
} from './planner-testing';
import type { InstrumentRules, PlanBook } from './planner-types';
import { bookKey } from './planner-types';

const BTC = 50_000;
const ETH = 2_500;
const DATED = 'BTC/USDT:USDT-261225';
const PERP_RULES: InstrumentRules = {
  minAmount: 0.001,
  minCost: 100,
  amountStep: 0.001,
  priceStep: 0.1,
};
const btcMarkets = (rules: InstrumentRules = PERP_RULES) =>
  markets('BTC', {
    spot: spotOf('BTC', BTC),
    perp: perpOf('BTC', BTC, { rules }),
    futures: [futureOf('BTC', 50_500, 177, { symbol: DATED, rules })],
  });
const ethMarkets = () =>
  markets('ETH', { spot: spotOf('ETH', ETH), perp: perpOf('ETH', ETH, { rules: PERP_RULES }) });
const orders = (plan: PlanProposal): OrderStep[] =>
  plan.steps.filter((s): s is OrderStep => s.kind === 'order');
const check = (plan: PlanProposal, code: string) => plan.checks.find((c) => c.code === code)!;

/** Two accounts: BTC hedged on a perpetual and a dated future on one, ETH on a perpetual on the other. */
function hedgedTwice(change: Partial<PlannerInputParts> = {}) {
  return plannerInput({
    holdings: [
      account('acc-1', {
        spot: [spotBalance('BTC', 2), spotBalance('USDT', 10_000)],
        balances: [futuresBalance('USDT', 40_000)],
        positions: [
          position({ asset: 'BTC', side: 'short', contracts: 0.7, markPrice: BTC }),
          {
            ...position({
              asset: 'BTC',
              side: 'short',
              contracts: 0.5,
              markPrice: 50_500,
              kind: 'future',
            }),
            symbol: DATED,
          },
        ],
      }),
      account('acc-2', {
        spot: [spotBalance('ETH', 10)],
        balances: [futuresBalance('USDT', 10_000)],
        positions: [position({ asset: 'ETH', side: 'short', contracts: 4, markPrice: ETH })],
      }),
    ],
    accounts: [planAccount('acc-1', [btcMarkets()]), planAccount('acc-2', [ethMarkets()])],
    books: {
      [bookKey('acc-1', 'BTC/USDT:USDT')]: deepBook(BTC),
      [bookKey('acc-1', DATED)]: deepBook(50_500),
      [bookKey('acc-2', 'ETH/USDT:USDT')]: deepBook(ETH),
    },
    buckets: {
      tracked: ['BTC', 'ETH'],
      prices: { BTC, ETH },
      regimes: { BTC: 'neutral', ETH: 'neutral' },
    },
    ...change,
  });
}

describe('planFlatten', () => {
  it('closes every short of every account whole with a reduce-only buy, perpetual and dated alike, and nothing else', () => {
    const plan = planFlatten(hedgedTwice());
    expect(plan.flatten).toBe(true);
    expect(plan.action).toBeNull();
    expect(plan.steps.every((s) => s.kind === 'order')).toBe(true);
    expect(
      orders(plan).map((o) => [o.step, o.account, o.symbol, o.side, o.amount, o.contracts]),
    ).toEqual([
      [0, 'acc-1', 'BTC/USDT:USDT', 'buy', 0.7, 0.7],
      [1, 'acc-1', DATED, 'buy', 0.5, 0.5],
      [2, 'acc-2', 'ETH/USDT:USDT', 'buy', 4, 4],
    ]);
    for (const o of orders(plan)) {
      expect(o).toMatchObject({ reduceOnly: true, purpose: 'close-short', timeInForce: 'IOC' });
      expect(o.marginMode).toBeNull();
    }
    expect(plan.shorts).toEqual([]);
    expect(plan.carry).toEqual([]);
    expect(plan.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('is made by the planner when a flatten is asked for, even while a neutral portfolio needs no rebalance', () => {
    const input = hedgedTwice();
    expect(planRebalance(input).flatten).toBe(false);
    expect(planRebalance({ ...input, flatten: true })).toEqual(planFlatten(input));
  });

  it('closes the shorts while no regime is known, since it only takes risk off', () => {
    const plan = planFlatten(
      hedgedTwice({ buckets: { tracked: ['BTC', 'ETH'], prices: { BTC, ETH }, regimes: {} } }),
    );
    expect(orders(plan)).toHaveLength(3);
  });

  it('moves the hedged weight to unhedged spot: after the plan nothing is hedged', () => {
    const plan = planFlatten(hedgedTwice());
    expect(plan.current.hedged).toBeGreaterThan(0);
    expect(plan.after.hedged).toBe(0);
    expect(plan.target.hedged).toBe(0);
    expect(plan.after.spot).toBeCloseTo(plan.current.spot + plan.current.hedged, 3);
    for (const row of plan.assets) expect(row.after.hedged).toBe(0);
  });

  it('prices each close on its book, and fails the books check naming a short whose book was not read', () => {
    const thin: PlanBook = {
      bids: [[49_990, 10]],
      asks: [
        [50_010, 0.2],
        [50_100, 10],
      ],
    };
    const books = {
      [bookKey('acc-1', 'BTC/USDT:USDT')]: thin,
      [bookKey('acc-2', 'ETH/USDT:USDT')]: deepBook(ETH),
    };
    const plan = planFlatten(hedgedTwice({ books }));
    const perp = orders(plan).find((o) => o.symbol === 'BTC/USDT:USDT')!;
    // 0.2 at 50,010 and 0.5 at 50,100.
    expect(perp.price).toBeCloseTo((0.2 * 50_010 + 0.5 * 50_100) / 0.7, 6);
    expect(perp.limitPrice).toBeGreaterThan(perp.price);
    expect(check(plan, 'books')).toMatchObject({ ok: false });
    expect(check(plan, 'books').message).toContain(DATED);
    expect(check(plan, 'books').message).not.toContain('ETH');
  });

  it('rounds each close down to the venue step and notes the part below it that stays open', () => {
    const input = hedgedTwice();
    input.buckets.holdings[1]!.futures.positions[0] = position({
      asset: 'ETH',
      side: 'short',
      contracts: 4.0005,
      markPrice: ETH,
    });
    const plan = planFlatten(input);
    expect(orders(plan).find((o) => o.asset === 'ETH')).toMatchObject({ amount: 4, contracts: 4 });
    expect(plan.notes.find((n) => n.asset === 'ETH')?.code).toBe('below-minimum');
  });

  it('closes a short worth less than the minimum order value where the venue waives it for reduce-only orders', () => {
    const waived = { ...PERP_RULES, minCostForReduceOnly: false };
    const input = hedgedTwice({
      accounts: [planAccount('acc-1', [btcMarkets(waived)]), planAccount('acc-2', [ethMarkets()])],
    });
    // 0.001 BTC at 50,000 is 50 USDT, below the 100 USDT minimum.
    input.buckets.holdings[0]!.futures.positions = [
      position({ asset: 'BTC', side: 'short', contracts: 0.001, markPrice: BTC }),
    ];
    const plan = planFlatten(input);
    expect(orders(plan).find((o) => o.asset === 'BTC')).toMatchObject({ amount: 0.001 });
    expect(check(plan, 'minimum').ok).toBe(true);
  });

  it('leaves a short below the minimum the venue holds even a reduce-only order to, and says so', () => {
    const input = hedgedTwice();
    input.buckets.holdings[0]!.futures.positions = [
      position({ asset: 'BTC', side: 'short', contracts: 0.001, markPrice: BTC }),
    ];
    const plan = planFlatten(input);
    expect(orders(plan).map((o) => o.asset)).toEqual(['ETH']);
    const note = plan.notes.find((n) => n.asset === 'BTC')!;
    expect(note.code).toBe('below-minimum');
    expect(note.message).toMatch(/BTC\/USDT:USDT short .* stays open/);
  });

  it('notes a short on a read-only account and fails the trading-account check for it', () => {
    const plan = planFlatten(
      hedgedTwice({
        accounts: [
          planAccount('acc-1', [btcMarkets()]),
          planAccount('acc-2', [ethMarkets()], false),
        ],
      }),
    );
    expect(orders(plan).map((o) => o.asset)).toEqual(['BTC', 'BTC']);
    expect(plan.notes.find((n) => n.asset === 'ETH')?.code).toBe('no-trading-account');
    expect(check(plan, 'trading-account')).toMatchObject({ ok: false });
  });

  it('moves the margin coin from spot first when closing a cross short in loss would overdraw the futures wallet', () => {
    const input = hedgedTwice();
    // Nothing available in futures; the close fills at 52,000 against a mark of 50,000.
    input.buckets.holdings[1]!.futures.balances = [futuresBalance('USDT', 0)];
    input.buckets.holdings[1]!.spot.push(spotBalance('USDT', 5_000));
    input.buckets.holdings[1]!.futures.positions = [
      { ...position({ asset: 'ETH', side: 'short', contracts: 4, markPrice: ETH }), leverage: 20 },
    ];
    const books = { ...input.books, [bookKey('acc-2', 'ETH/USDT:USDT')]: deepBook(2_700) };
    const plan = planFlatten({ ...input, books });
    const [transfer] = plan.steps as [TransferStep];
    expect(transfer).toMatchObject({
      step: 0,
      kind: 'transfer',
      account: 'acc-2',
      from: 'spot',
      to: 'futures',
      asset: 'USDT',
    });
    // Margin back 4 × 2,500 / 20 = 500, loss 4 × 200 = 800, fee 0.04% of 10,800.
    expect(transfer.amount).toBeCloseTo(800 - 500 + 10_800 * 0.0004, 6);
    expect(check(plan, 'balance').ok).toBe(true);
  });

  it('plans nothing and says so when no short is open', () => {
    const input = hedgedTwice();
    for (const h of input.buckets.holdings) h.futures.positions = [];
    const plan = planFlatten(input);
    expect(plan.steps).toEqual([]);
    expect(plan.notes.map((n) => n.message)).toEqual([
      'No short is open, so there is nothing to flatten.',
    ]);
  });
});
