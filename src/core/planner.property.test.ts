import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderStep, PlanProposal } from '../shared/plan';
import type { AccountHoldings, FuturesPosition } from '../shared/portfolio';
import { REGIMES } from '../shared/strategy';
import { account, futuresBalance, manualHolding, position, spotBalance } from './buckets-testing';
import { positionQuantity } from './buckets-quantities';
import { portfolioBuckets } from './buckets';
import { planRebalance } from './planner';
import { futureOf, markets, perpOf, planAccount, plannerInput, spotOf } from './planner-testing';
import type { PlanAccount, PlanBook, PlanInstrument, PlannerInput } from './planner-types';
import { bookKey } from './planner-types';
import { meetsMinimum } from './planner-sizing';

const PRICES: Record<string, number> = { BTC: 50_000, ETH: 2_500, USDC: 1 };
// Float sums of fees and notionals land a hair off; a wallet this close to 0 is at 0.
const TOLERANCE = 1e-6;

/** A decimal in [min, max] on a grid of 1e-4, the way venues report balances (no subnormal noise). */
const amount = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 1e4), max: Math.round(max * 1e4) }).map((n) => n / 1e4);

const rulesArb = fc.record({
  minAmount: fc.constantFrom(null, 0.001, 0.01),
  minCost: fc.constantFrom(null, 5, 100),
  amountStep: fc.constantFrom(null, 0.00001, 0.001, 0.01),
  priceStep: fc.constantFrom(null, 0.01, 0.1),
});

const instrumentArb = (make: (rules: PlanInstrument['rules'], size: number) => PlanInstrument) =>
  fc.tuple(rulesArb, fc.constantFrom(1, 0.01, 10)).map(([rules, size]) => make(rules, size));

const assetMarketsArb = (asset: string) => {
  const price = PRICES[asset]!;
  return fc
    .record({
      spot: fc.option(
        instrumentArb((rules) => spotOf(asset, price, { rules })),
        { freq: 8 },
      ),
      perp: fc.option(
        fc
          .tuple(
            instrumentArb((rules, contractSize) => perpOf(asset, price, { rules, contractSize })),
            amount(-0.1, 0.6),
          )
          .map(([i, funding]) => ({ ...i, annualizedFunding: funding })),
        { freq: 4 },
      ),
      futures: fc.array(
        fc
          .tuple(fc.integer({ min: 1, max: 120 }), amount(-0.02, 0.05), rulesArb)
          .map(([days, basis, rules]) => futureOf(asset, price * (1 + basis), days, { rules })),
        { maxLength: 2 },
      ),
    })
    .map((m) => markets(asset, m));
};

const accountArb = (id: string) =>
  fc
    .record({
      btc: assetMarketsArb('BTC'),
      eth: assetMarketsArb('ETH'),
      usdc: fc.boolean(),
      spot: fc.record({
        BTC: amount(0, 3),
        ETH: amount(0, 40),
        USDT: amount(0, 60_000),
        USDC: amount(0, 5_000),
      }),
      futures: amount(0, 20_000),
      positions: fc.array(
        fc.record({
          asset: fc.constantFrom('BTC', 'ETH'),
          which: fc.nat(2),
          side: fc.constantFrom<'long' | 'short'>('short', 'short', 'long'),
          quantity: amount(0.01, 2),
          leverage: fc.constantFrom<number | null>(1, 2, 5, 10, null),
          isolated: fc.boolean(),
          // Entry against the mark: a short entered lower is under water (never past its liquidation).
          entry: fc.constantFrom(0.93, 1, 1.1),
        }),
        { maxLength: 3 },
      ),
      readOnly: fc.nat(9),
    })
    .map((a) => {
      const assetMarkets = [a.btc, a.eth];
      if (a.usdc)
        assetMarkets.push(
          markets('USDC', {
            spot: spotOf('USDC', 1, {
              rules: { minAmount: 1, minCost: 5, amountStep: 0.01, priceStep: 0.0001 },
            }),
          }),
        );
      const plan: PlanAccount = planAccount(id, assetMarkets, a.readOnly > 0);
      const positions: FuturesPosition[] = [];
      for (const p of a.positions) {
        const m = assetMarkets.find((x) => x.asset === p.asset)!;
        const contracts = [m.perp, ...m.futures].filter((i): i is PlanInstrument => i !== null);
        const instrument = contracts[p.which % Math.max(1, contracts.length)];
        if (!instrument || positions.some((x) => x.symbol === instrument.symbol)) continue;
        const held = position({
          asset: p.asset,
          side: p.side,
          contracts: p.quantity / instrument.contractSize,
          markPrice: instrument.price,
          contractSize: instrument.contractSize,
          kind: instrument.market === 'future' ? 'future' : 'perp',
          isolatedMargin: p.isolated
            ? (p.quantity * instrument.price) / (p.leverage ?? 2)
            : undefined,
          entryPrice: p.side === 'short' ? instrument.price * p.entry : undefined,
        });
        positions.push({
          ...held,
          symbol: instrument.symbol,
          expiry: instrument.expiry,
          leverage: p.leverage,
        });
      }
      const holdings: AccountHoldings = account(id, {
        spot: Object.entries(a.spot).map(([coin, amount]) => spotBalance(coin, amount)),
        balances: [futuresBalance('USDT', a.futures)],
        positions,
      });
      return { plan, holdings };
    });

const bookArb = (price: number) =>
  fc.oneof(
    fc.constant<PlanBook | null>(null),
    fc.constant<PlanBook>({ bids: [[price, 1e9]], asks: [[price, 1e9]] }),
    fc.tuple(amount(0.01, 5), amount(0.0001, 0.02)).map(([depth, step]): PlanBook => ({
      bids: [
        [price, depth],
        [price * (1 - step), depth * 10],
      ],
      asks: [
        [price, depth],
        [price * (1 + step), depth * 10],
      ],
    })),
  );

const inputArb: fc.Arbitrary<PlannerInput> = fc
  .record({
    accounts: fc
      .integer({ min: 1, max: 3 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => accountArb(`acc-${i + 1}`)))),
    tracked: fc.constantFrom(['BTC'], ['ETH'], ['BTC', 'ETH']),
    regimes: fc.record({ BTC: fc.constantFrom(...REGIMES), ETH: fc.constantFrom(...REGIMES) }),
    manual: fc.option(amount(0.01, 2)),
    driftBand: fc.constantFrom(0.02, 0.05, 0.1),
    leverageCap: fc.constantFrom(1, 2, 3),
    convert: fc.boolean(),
    extreme: fc.constantFrom<'hedge' | 'sell'>('hedge', 'sell'),
    seed: fc.array(bookArb(1), { minLength: 40, maxLength: 40 }),
  })
  .map((r) => {
    const books: Record<string, PlanBook> = {};
    let k = 0;
    for (const { plan } of r.accounts) {
      for (const m of plan.markets) {
        for (const i of [m.spot, m.perp, ...m.futures]) {
          if (!i) continue;
          const shape = r.seed[k++ % r.seed.length];
          if (shape)
            books[bookKey(plan.id, i.symbol)] = {
              bids: shape.bids.map(([p, a]) => [p * i.price, a / i.contractSize]),
              asks: shape.asks.map(([p, a]) => [p * i.price, a / i.contractSize]),
            };
        }
      }
    }
    return plannerInput({
      holdings: r.accounts.map((a) => a.holdings),
      accounts: r.accounts.map((a) => a.plan),
      books,
      buckets: {
        tracked: r.tracked,
        prices: PRICES,
        regimes: r.regimes,
        manual: r.manual === null ? [] : [manualHolding(r.tracked[0]!, r.manual)],
        driftBand: r.driftBand,
      },
      settings: {
        driftBand: r.driftBand,
        leverageCap: r.leverageCap,
        convertStablecoins: r.convert,
      },
    });
  });

const orders = (plan: PlanProposal): OrderStep[] =>
  plan.steps.filter((s): s is OrderStep => s.kind === 'order');

function instrumentOf(input: PlannerInput, step: OrderStep): PlanInstrument {
  const m = input.accounts
    .find((a) => a.id === step.account)!
    .markets.find((x) => x.asset === step.asset)!;
  return [m.spot, m.perp, ...m.futures].find((i) => i?.symbol === step.symbol)!;
}

function positionOf(input: PlannerInput, step: OrderStep): FuturesPosition | undefined {
  return input.buckets.holdings
    .find((h) => h.accountId === step.account)!
    .futures.positions.find((p) => p.symbol === step.symbol && p.side === 'short');
}

/** Each wallet's balance after each step, worked out here from the steps alone. */
function walletsThrough(
  input: PlannerInput,
  plan: PlanProposal,
  visit: (balances: Map<string, number>) => void,
): void {
  const balances = new Map<string, number>();
  const add = (key: string, delta: number) => balances.set(key, (balances.get(key) ?? 0) + delta);
  for (const h of input.buckets.holdings) {
    for (const b of h.spot) add(`${h.accountId} spot ${b.asset}`, b.free);
    for (const b of h.futures.balances)
      if (b.asset === 'USDT') add(`${h.accountId} futures USDT`, b.available);
  }
  for (const s of plan.steps) {
    if (s.kind === 'transfer') {
      add(`${s.account} ${s.from} ${s.asset}`, -s.amount);
      add(`${s.account} ${s.to} ${s.asset}`, s.amount);
    } else if (s.market === 'spot') {
      const sign = s.side === 'buy' ? 1 : -1;
      add(`${s.account} spot ${s.asset}`, sign * s.amount);
      add(`${s.account} spot USDT`, -sign * s.notional - s.fee);
    } else if (s.reduceOnly) {
      // A close frees its share of the margin and realizes its P&L at the fill; a cross position's
      // unrealized P&L was in `available` already, an isolated one's loss stops at its wallet.
      const p = positionOf(input, s)!;
      const share = s.amount / positionQuantity(p);
      const realized = s.amount * (p.entryPrice - s.price);
      const back =
        p.marginMode === 'isolated'
          ? Math.max(0, p.isolatedMargin! * share + realized)
          : (p.notional / (p.leverage ?? 1)) * share + realized - share * p.unrealizedPnl;
      add(`${s.account} futures USDT`, back - s.fee);
    } else {
      add(`${s.account} futures USDT`, -s.notional / s.leverage! - s.fee);
    }
    visit(balances);
  }
}

const RUNS = { numRuns: 200 };

describe('planRebalance over random portfolios', () => {
  it('numbers the steps 0 to n − 1 and plans nothing while every bucket is inside the band', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planRebalance(input);
        expect(plan.steps.map((s) => s.step)).toEqual(plan.steps.map((_, i) => i));
        if (!portfolioBuckets(input.buckets).rebalanceDue) expect(plan.steps).toEqual([]);
      }),
      RUNS,
    );
  });

  it("never places an order below the venue's minimum", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const o of orders(planRebalance(input))) {
          expect(meetsMinimum(instrumentOf(input, o), o, instrumentOf(input, o).price)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never takes any wallet below zero at any step', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planRebalance(input);
        walletsThrough(input, plan, (balances) => {
          for (const [key, amount] of balances)
            expect([key, amount >= -TOLERANCE]).toEqual([key, true]);
        });
        expect(plan.checks.find((c) => c.code === 'balance')!.ok).toBe(true);
      }),
      RUNS,
    );
  });

  it('never leaves a short larger than the spot it hedges after a sale or a new short', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planRebalance(input);
        const before = portfolioBuckets(input.buckets);
        const long = new Map(before.assets.map((a) => [a.asset, a.long]));
        const short = new Map(before.assets.map((a) => [a.asset, a.short]));
        for (const o of orders(plan)) {
          const sign = o.side === 'buy' ? 1 : -1;
          if (o.market === 'spot') long.set(o.asset, (long.get(o.asset) ?? 0) + sign * o.amount);
          else short.set(o.asset, (short.get(o.asset) ?? 0) - sign * o.amount);
          const grows = o.purpose === 'open-short' || o.purpose === 'sell-spot';
          if (grows && before.assets.some((a) => a.asset === o.asset)) {
            expect(short.get(o.asset)!).toBeLessThanOrEqual(long.get(o.asset)! + TOLERANCE);
          }
        }
      }),
      RUNS,
    );
  });

  it('never opens a new isolated short above the leverage cap', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const o of orders(planRebalance(input))) {
          if (o.purpose !== 'open-short' || positionOf(input, o)) continue;
          expect(o.marginMode).toBe('isolated');
          expect(o.leverage!).toBeLessThanOrEqual(input.settings.leverageCap);
        }
      }),
      RUNS,
    );
  });

  it('leaves in only basis trades whose carry beats their slippage, and says what a costly hedge costs', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planRebalance(input);
        const bought = new Set(
          orders(plan).flatMap((o) => (o.pair && o.purpose === 'buy-spot' ? [o.pair] : [])),
        );
        for (const c of plan.carry) {
          if (bought.has(c.pair)) expect(c.net - c.slippage).toBeGreaterThan(0);
          else if (!(c.net - c.slippage > 0)) {
            expect(
              plan.notes.some((n) => n.code === 'carry-not-positive' && n.asset === c.asset),
            ).toBe(true);
          }
        }
        const pairs = new Set(orders(plan).flatMap((o) => (o.pair ? [o.pair] : [])));
        expect(new Set(plan.carry.map((c) => c.pair))).toEqual(pairs);
      }),
      RUNS,
    );
  });

  it('brings every bucket inside the band, or says for that asset why not', () => {
    const why = new Set([
      'below-minimum',
      'carry-not-positive',
      'manual-not-sold',
      'insufficient-balance',
      'conversion-not-allowed',
      'no-market',
      'no-trading-account',
      'no-price',
    ]);
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planRebalance(input);
        if (plan.steps.length === 0 && !portfolioBuckets(input.buckets).rebalanceDue) return;
        const band = input.settings.driftBand + 1e-9;
        const explained = (asset: string | null) =>
          plan.notes.some(
            (n) => why.has(n.code) && (asset === null || n.asset === asset || n.asset === null),
          );
        for (const row of plan.assets) {
          const off =
            Math.abs(row.after.spot - row.target.spot) > band ||
            Math.abs(row.after.hedged - row.target.hedged) > band;
          if (off) expect([row.asset, explained(row.asset)]).toEqual([row.asset, true]);
        }
        const portfolioOff = (['spot', 'hedged', 'stable'] as const).some(
          (b) => Math.abs(plan.after[b] - plan.target[b]) > band,
        );
        if (portfolioOff) expect(explained(null) || plan.notes.length > 0).toBe(true);
      }),
      RUNS,
    );
  });
});
