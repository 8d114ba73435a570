import { describe, expect, it } from 'vitest';
import type { OrderStep, PlanProposal, TransferStep } from '../shared/plan';
import { account, futuresBalance, manualHolding, position, spotBalance } from './buckets-testing';
import { basisCarry, perpCarry } from './carry';
import { planRebalance } from './planner';
import {
  deepBook,
  futureOf,
  markets,
  perpOf,
  planAccount,
  plannerInput,
  PLAN_NOW,
  spotOf,
} from './planner-testing';
import type { PlanBook } from './planner-types';
import { bookKey } from './planner-types';
import { DAY_MS } from '../shared/time';

const BTC = 50_000;
const SPOT_RULES = { minAmount: 0.00001, minCost: 5, amountStep: 0.00001, priceStep: 0.01 };
const PERP_RULES = { minAmount: 0.001, minCost: 100, amountStep: 0.001, priceStep: 0.1 };
const btcMarkets = (change: Parameters<typeof markets>[1] = {}) =>
  markets('BTC', {
    spot: spotOf('BTC', BTC, { rules: SPOT_RULES }),
    perp: perpOf('BTC', BTC, { rules: PERP_RULES }),
    ...change,
  });
const books = (entries: [string, PlanBook][] = []): Record<string, PlanBook> => ({
  [bookKey('acc-1', 'BTC/USDT')]: deepBook(BTC),
  [bookKey('acc-1', 'BTC/USDT:USDT')]: deepBook(BTC),
  ...Object.fromEntries(entries),
});
const orders = (plan: PlanProposal): OrderStep[] =>
  plan.steps.filter((s): s is OrderStep => s.kind === 'order');
const check = (plan: PlanProposal, code: string) => plan.checks.find((c) => c.code === code)!;
const codes = (plan: PlanProposal) => plan.notes.map((n) => n.code);

/** BTC only, 70% spot and 30% USDT in one spot wallet: 100,000 USDT in all. */
function seventyThirty(regime: 'neutral' | 'moderate-contango' | 'extreme-contango') {
  return plannerInput({
    holdings: [account('acc-1', { spot: [spotBalance('BTC', 1.4), spotBalance('USDT', 30_000)] })],
    accounts: [planAccount('acc-1', [btcMarkets()])],
    books: books(),
    buckets: { tracked: ['BTC'], prices: { BTC }, regimes: { BTC: regime } },
  });
}

describe('planRebalance', () => {
  it('plans nothing for a neutral portfolio inside the band', () => {
    const plan = planRebalance(seventyThirty('neutral'));
    expect(plan.steps).toEqual([]);
    expect(plan.current.spot).toBeCloseTo(0.7, 12);
    expect(plan.after).toEqual(plan.current);
  });

  it('funds a basis trade from stablecoins in moderate contango: margin moved, spot bought, perpetual shorted in one pair', () => {
    const plan = planRebalance(seventyThirty('moderate-contango'));
    // Target: 70% spot, 15% hedged → 1.7 BTC long, 0.3 BTC short at 50,000.
    const [transfer, buy, short] = plan.steps as [TransferStep, OrderStep, OrderStep];
    expect(plan.steps).toHaveLength(3);
    expect(transfer).toMatchObject({
      step: 0,
      kind: 'transfer',
      from: 'spot',
      to: 'futures',
      asset: 'USDT',
    });
    // 0.3 × 50,000 / 2 margin + 0.04% fee on 15,000.
    expect(transfer.amount).toBeCloseTo(7_506, 6);
    expect(buy).toMatchObject({
      step: 1,
      market: 'spot',
      side: 'buy',
      amount: 0.3,
      pair: 'p1',
      purpose: 'buy-spot',
      timeInForce: 'IOC',
    });
    expect(short).toMatchObject({
      step: 2,
      market: 'perp',
      side: 'sell',
      amount: 0.3,
      pair: 'p1',
      purpose: 'open-short',
      marginMode: 'isolated',
      leverage: 2,
      reduceOnly: false,
    });
    expect(buy.limitPrice).toBeCloseTo(BTC * 1.003, 6);
    expect(short.limitPrice).toBeCloseTo(BTC * 0.997, 6);
    const byHand = perpCarry({
      notional: 15_000,
      annualizedFunding: 0.1,
      holdingDays: 30,
      spotFee: 0.001,
      perpFee: 0.0004,
    });
    expect(plan.carry).toHaveLength(1);
    expect(plan.carry[0]).toMatchObject({ pair: 'p1', kind: 'perp', days: 30, slippage: 0 });
    expect(plan.carry[0]!.net).toBeCloseTo(byHand.net, 9);
    expect(plan.carry[0]!.gross).toBeCloseTo(byHand.gross, 9);
    expect(plan.carry[0]!.capital).toBeCloseTo(15_000 + 7_500, 9);
    expect(plan.carry[0]!.returnOnCapital).toBeCloseTo((byHand.net / 22_500) * (365 / 30), 9);
    expect(plan.shorts[0]).toMatchObject({
      leverage: 2,
      marginMode: 'isolated',
      quantity: 0.3,
      margin: 7_500,
    });
    expect(plan.shorts[0]!.liquidationDistance).toBeCloseTo((BTC * 1.5) / 1.005 / BTC - 1, 9);
    expect(plan.after.hedged).toBeCloseTo(0.15, 3);
    expect(plan.checks.every((c) => c.ok)).toBe(true);
  });

  it('prefers the dated future when its basis to expiry earns more than funding, with the carry of basisCarry', () => {
    const dated = futureOf('BTC', 51_000, 90);
    const input = seventyThirty('moderate-contango');
    input.accounts = [planAccount('acc-1', [btcMarkets({ futures: [dated] })])];
    input.books = books([[bookKey('acc-1', dated.symbol), deepBook(51_000)]]);
    const plan = planRebalance(input);
    const short = orders(plan).find((o) => o.purpose === 'open-short')!;
    expect(short.symbol).toBe(dated.symbol);
    const byHand = basisCarry({
      spot: BTC,
      futures: 51_000,
      daysToExpiry: 90,
      notional: 15_000,
      spotFee: 0.001,
      futuresFee: 0.0004,
    });
    expect(plan.carry[0]!.kind).toBe('dated');
    expect(plan.carry[0]!.net).toBeCloseTo(byHand.net, 9);
    expect(plan.carry[0]!.days).toBeCloseTo(90, 9);
  });

  it('hedges spot already held with a short alone, counting no spot fee in its carry', () => {
    const input = plannerInput({
      holdings: [
        account('acc-1', {
          spot: [spotBalance('BTC', 1.4), spotBalance('USDT', 20_000)],
          balances: [futuresBalance('USDT', 10_000)],
        }),
      ],
      accounts: [planAccount('acc-1', [btcMarkets()])],
      books: books(),
      buckets: { tracked: ['BTC'], prices: { BTC }, regimes: { BTC: 'extreme-contango' } },
      settings: {},
    });
    const plan = planRebalance(input);
    // Target 50% spot, 20% hedged of 100,000: long stays 1.4, short 0.4.
    expect(orders(plan).map((o) => [o.purpose, o.amount])).toEqual([['open-short', 0.4]]);
    const byHand = perpCarry({
      notional: 20_000,
      annualizedFunding: 0.1,
      holdingDays: 30,
      spotFee: 0,
      perpFee: 0.0004,
    });
    expect(plan.carry[0]!.net).toBeCloseTo(byHand.net, 9);
    expect(plan.carry[0]!.capital).toBeCloseTo(10_000, 9);
    expect(orders(plan)[0]!.pair).toBe('p1');
  });

  it('sells spot to de-risk one asset', () => {
    const input = seventyThirty('neutral');
    input.action = { asset: 'BTC', kind: 'de-risk' };
    const plan = planRebalance(input);
    // extreme-contango.sell: 50% spot → 1 BTC, so 0.4 BTC sold.
    expect(orders(plan).map((o) => [o.side, o.market, o.amount])).toEqual([['sell', 'spot', 0.4]]);
    expect(plan.after.spot).toBeCloseTo(0.5, 3);
  });

  it('closes the hedge with a reduce-only buy and keeps the spot', () => {
    const input = plannerInput({
      holdings: [
        account('acc-1', {
          spot: [spotBalance('BTC', 1)],
          balances: [futuresBalance('USDT', 10_000)],
          positions: [
            position({
              asset: 'BTC',
              side: 'short',
              contracts: 0.5,
              markPrice: BTC,
              isolatedMargin: 12_500,
            }),
          ],
        }),
      ],
      accounts: [planAccount('acc-1', [btcMarkets()])],
      books: books(),
      buckets: { tracked: ['BTC'], prices: { BTC } },
      action: { asset: 'BTC', kind: 'close-hedge' },
    });
    const plan = planRebalance(input);
    expect(orders(plan).map((o) => [o.purpose, o.side, o.reduceOnly, o.amount])).toEqual([
      ['close-short', 'buy', true, 0.5],
    ]);
    expect(plan.assets[0]!.after.hedged).toBe(0);
  });

  it('rolls a dated short inside its last days: closed whole and replaced on the perpetual', () => {
    const expiring = futureOf('BTC', BTC, 3, { rules: PERP_RULES });
    const held = {
      ...position({
        asset: 'BTC',
        side: 'short',
        contracts: 0.3,
        markPrice: BTC,
        kind: 'future',
        isolatedMargin: 7_500,
      }),
      symbol: expiring.symbol,
      expiry: expiring.expiry,
    };
    const input = plannerInput({
      holdings: [
        account('acc-1', {
          spot: [spotBalance('BTC', 1.7), spotBalance('USDT', 15_000)],
          balances: [futuresBalance('USDT', 10_000)],
          positions: [held],
        }),
      ],
      accounts: [planAccount('acc-1', [btcMarkets({ futures: [expiring] })])],
      books: books([[bookKey('acc-1', expiring.symbol), deepBook(BTC)]]),
      buckets: { tracked: ['BTC'], prices: { BTC }, regimes: { BTC: 'moderate-contango' } },
    });
    const plan = planRebalance(input);
    // V = 110,000: 1.87 BTC long and 0.33 short wanted; 0.17 comes as a basis trade, 0.16 hedges spot held.
    expect(orders(plan).map((o) => [o.purpose, o.symbol, o.amount, o.pair])).toEqual([
      ['roll-close', expiring.symbol, 0.3, null],
      ['buy-spot', 'BTC/USDT', 0.17, 'p1'],
      ['open-short', 'BTC/USDT:USDT', 0.17, 'p1'],
      ['open-short', 'BTC/USDT:USDT', 0.16, 'p2'],
    ]);
    expect(codes(plan)).toContain('roll');
  });

  it('counts the loss an underwater isolated short realizes when closed, so the spot bought after it never overdraws the futures wallet', () => {
    // 1 BTC short on the perpetual, isolated at 2×: entered at 40,000, marked at 50,000, so 10,000
    // under water. Its 20,000 isolated wallet is inside the futures wallet balance but not in
    // `available` (0). The 20,000 USDC may not be converted, so only the futures wallet can pay.
    const underwater = position({
      asset: 'BTC',
      side: 'short',
      contracts: 1,
      markPrice: BTC,
      entryPrice: 40_000,
      isolatedMargin: 20_000,
    });
    const input = plannerInput({
      holdings: [
        account('acc-1', {
          spot: [spotBalance('BTC', 1), spotBalance('USDC', 20_000)],
          balances: [{ ...futuresBalance('USDT', 20_000, -10_000), available: 0 }],
          positions: [underwater],
        }),
      ],
      accounts: [planAccount('acc-1', [btcMarkets()])],
      books: books(),
      buckets: { tracked: ['BTC'], prices: { BTC } },
      action: { asset: 'BTC', kind: 'accumulate' },
    });
    const plan = planRebalance(input);
    // V = 50,000 BTC + 20,000 USDC + 10,000 futures margin = 80,000; 85% spot wants 1.36 BTC: the
    // short is closed and 0.36 BTC (18,018 with its fee) would be bought.
    const [close, transfer, buy] = plan.steps as [OrderStep, TransferStep, OrderStep];
    expect(plan.steps).toHaveLength(3);
    expect(close).toMatchObject({ purpose: 'close-short', amount: 1, price: BTC, fee: 20 });
    // The close gives back 20,000 of isolated wallet less the 10,000 it realizes, less its 20 fee:
    // 9,980, not the 19,980 the margin alone would say.
    const futuresAfterClose = 0 + 20_000 + 1 * (40_000 - BTC) - 20;
    expect(futuresAfterClose).toBe(9_980);
    expect(transfer).toMatchObject({ from: 'futures', to: 'spot', asset: 'USDT' });
    expect(transfer.amount).toBeLessThanOrEqual(futuresAfterClose);
    expect(transfer.amount).toBeCloseTo(buy.notional + buy.fee, 6);
    // Sized to 9,979.99 (a cent kept back): 0.36 × 9,979.99 × 0.995 / 18,018 on the 0.00001 grid.
    expect(buy).toMatchObject({ purpose: 'buy-spot', amount: 0.1984 });
    expect(codes(plan)).toEqual(
      expect.arrayContaining(['insufficient-balance', 'conversion-not-allowed']),
    );
    expect(check(plan, 'balance').ok).toBe(true);
  });

  it('fails the leverage check when adding to a cross short at 10× with a cap of 2', () => {
    const cross = {
      ...position({ asset: 'BTC', side: 'short', contracts: 0.1, markPrice: BTC }),
      leverage: 10,
      liquidationPrice: 60_000,
    };
    const input = plannerInput({
      holdings: [
        account('acc-1', {
          spot: [spotBalance('BTC', 1.4), spotBalance('USDT', 25_000)],
          balances: [futuresBalance('USDT', 5_000)],
          positions: [cross],
        }),
      ],
      accounts: [planAccount('acc-1', [btcMarkets()])],
      books: books(),
      buckets: { tracked: ['BTC'], prices: { BTC }, regimes: { BTC: 'moderate-contango' } },
    });
    const plan = planRebalance(input);
    const short = orders(plan).find((o) => o.purpose === 'open-short')!;
    expect(short).toMatchObject({ marginMode: 'cross', leverage: 10 });
    expect(plan.shorts[0]).toMatchObject({
      marginMode: 'cross',
      leverage: 10,
      liquidationPrice: 60_000,
    });
    expect(check(plan, 'leverage').ok).toBe(false);
    expect(codes(plan)).toContain('existing-position');
  });

  it('explains an asset left off its target by the contract grid even when it also carries a note about its open position', () => {
    // Contracts of 10 BTC traded in steps of 0.01: the short moves in steps of 0.1 BTC.
    const coarse = perpOf('BTC', BTC, {
      contractSize: 10,
      rules: { minAmount: null, minCost: null, amountStep: 0.01, priceStep: null },
    });
    const open = {
      ...position({
        asset: 'BTC',
        side: 'short',
        contracts: 0.001,
        markPrice: BTC,
        contractSize: 10,
      }),
      leverage: 3,
    };
    const input = seventyThirty('moderate-contango');
    input.buckets.holdings[0]!.futures.positions.push(open);
    input.accounts = [planAccount('acc-1', [btcMarkets({ perp: coarse })])];
    input.settings.driftBand = 0.02;
    const plan = planRebalance(input);
    // V = 100,000 wants 0.3 BTC short; 0.01 is open, the 0.29 to add rounds down to 0.2, so about
    // 10.5% ends hedged against 15%: outside the 2% band.
    const short = orders(plan).find((o) => o.purpose === 'open-short')!;
    expect(short.amount).toBe(0.2);
    expect(plan.assets[0]!.after.hedged).toBeCloseTo(0.105, 3);
    expect(codes(plan)).toEqual(expect.arrayContaining(['existing-position', 'below-minimum']));
  });

  it('never sells a holding kept by hand, and says so', () => {
    const input = plannerInput({
      holdings: [account('acc-1', { spot: [spotBalance('USDT', 10_000)] })],
      accounts: [planAccount('acc-1', [btcMarkets()])],
      books: books(),
      buckets: { tracked: ['BTC'], prices: { BTC }, manual: [manualHolding('BTC', 2)] },
      action: { asset: 'BTC', kind: 'de-risk' },
    });
    const plan = planRebalance(input);
    expect(orders(plan).filter((o) => o.side === 'sell')).toEqual([]);
    expect(codes(plan)).toContain('manual-not-sold');
  });

  it('keeps a hedge of spot already held when funding turns against it, and says what it costs', () => {
    const input = plannerInput({
      holdings: [
        account('acc-1', {
          spot: [spotBalance('BTC', 1.4), spotBalance('USDT', 20_000)],
          balances: [futuresBalance('USDT', 10_000)],
        }),
      ],
      accounts: [
        planAccount('acc-1', [
          btcMarkets({ perp: perpOf('BTC', BTC, { annualizedFunding: -0.05 }) }),
        ]),
      ],
      books: books(),
      buckets: { tracked: ['BTC'], prices: { BTC }, regimes: { BTC: 'extreme-contango' } },
      settings: {},
    });
    const plan = planRebalance(input);
    expect(orders(plan).map((o) => [o.purpose, o.amount])).toEqual([['open-short', 0.4]]);
    expect(plan.carry[0]!.net).toBeLessThan(0);
    const costly = plan.notes.find((n) => n.code === 'carry-not-positive');
    expect(costly?.message).toMatch(/kept because it takes risk off/);
  });

  it('leaves out both legs of a pair whose carry does not beat its costs', () => {
    const input = seventyThirty('moderate-contango');
    input.accounts = [
      planAccount('acc-1', [
        btcMarkets({ perp: perpOf('BTC', BTC, { annualizedFunding: -0.05 }) }),
      ]),
    ];
    const plan = planRebalance(input);
    expect(orders(plan).some((o) => o.pair !== null)).toBe(false);
    expect(plan.carry).toEqual([]);
    expect(codes(plan)).toContain('carry-not-positive');
  });

  it('fails the liquidity check when the book cannot fill the order', () => {
    const input = seventyThirty('moderate-contango');
    input.books = books([
      [bookKey('acc-1', 'BTC/USDT'), { bids: [[BTC, 0.1]], asks: [[BTC, 0.1]] }],
    ]);
    const plan = planRebalance(input);
    expect(check(plan, 'liquidity').ok).toBe(false);
    expect(check(plan, 'liquidity').message).toContain('BTC/USDT');
  });

  it('prices at the reference price without a book and fails the books check', () => {
    const input = seventyThirty('moderate-contango');
    input.books = {};
    const plan = planRebalance(input);
    expect(orders(plan).every((o) => o.slippage === 0 && o.price === BTC)).toBe(true);
    expect(check(plan, 'books').ok).toBe(false);
  });

  it('fails the slippage check when the walk through the book goes past the limit', () => {
    const input = seventyThirty('moderate-contango');
    // Funding high enough that the pair still pays for its slippage.
    input.accounts = [
      planAccount('acc-1', [btcMarkets({ perp: perpOf('BTC', BTC, { annualizedFunding: 0.5 }) })]),
    ];
    input.books = books([
      [
        bookKey('acc-1', 'BTC/USDT'),
        {
          bids: [[BTC, 10]],
          asks: [
            [BTC, 0.1],
            [BTC * 1.01, 10],
          ],
        },
      ],
    ]);
    const plan = planRebalance(input);
    expect(check(plan, 'slippage').ok).toBe(false);
    expect(plan.costs.slippage).toBeGreaterThan(0);
  });

  it('notes no trading account when every key is read-only', () => {
    const input = seventyThirty('moderate-contango');
    input.accounts = [planAccount('acc-1', [btcMarkets()], false)];
    const plan = planRebalance(input);
    expect(plan.steps).toEqual([]);
    expect(codes(plan)).toContain('no-trading-account');
    expect(check(plan, 'trading-account').ok).toBe(false);
  });

  it('returns every check the planner judges, with zero weights when nothing is held', () => {
    const plan = planRebalance(plannerInput({ holdings: [], accounts: [] }));
    expect(plan.steps).toEqual([]);
    expect(plan.current).toEqual({ spot: 0, hedged: 0, stable: 0 });
    expect(plan.checks.map((c) => c.code).sort()).toEqual([
      'balance',
      'books',
      'leverage',
      'liquidity',
      'margin-mode',
      'minimum',
      'slippage',
      'trading-account',
    ]);
    expect(plan.notes.length).toBeGreaterThan(0);
  });

  it('counts a dated expiry from the now it is given', () => {
    expect(futureOf('BTC', BTC, 90).expiry! - PLAN_NOW).toBe(90 * DAY_MS);
  });
});
