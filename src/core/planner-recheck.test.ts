import { describe, expect, it } from 'vitest';
import { orderStep, transferStep } from '../shared/plan-testing';
import { position } from './buckets-testing';
import { balanceShortfalls, freshFill } from './planner-recheck';

const BTC = 50_000;
const closeShort = orderStep({
  step: 0,
  market: 'perp',
  symbol: 'BTC/USDT:USDT',
  side: 'buy',
  amount: 1,
  contracts: 1,
  price: BTC,
  limitPrice: 50_150,
  notional: BTC,
  fee: 20,
  reduceOnly: true,
  purpose: 'close-short',
});

describe('freshFill', () => {
  const book = {
    bids: [[49_990, 2] as [number, number]],
    asks: [
      [50_010, 0.5],
      [50_200, 1],
    ] as [number, number][],
  };

  it('walks a buy through the asks and compares the average with the protected limit', () => {
    const fill = freshFill(closeShort, book);
    expect(fill.average).toBeCloseTo((0.5 * 50_010 + 0.5 * 50_200) / 1, 9);
    expect(fill).toMatchObject({ deepEnough: true, withinLimit: true });
    expect(freshFill({ ...closeShort, limitPrice: 50_100 }, book).withinLimit).toBe(false);
  });

  it('says a book that holds less than the amount is not deep enough', () => {
    expect(freshFill({ ...closeShort, amount: 2, contracts: 2 }, book).deepEnough).toBe(false);
    expect(freshFill(closeShort, { bids: [], asks: [] }).deepEnough).toBe(false);
  });

  it('walks a sell through the bids, a limit below which it must not fill', () => {
    const sell = { ...closeShort, side: 'sell' as const, limitPrice: 49_900 };
    expect(freshFill(sell, book)).toMatchObject({ average: 49_990, withinLimit: true });
    expect(freshFill({ ...sell, limitPrice: 49_995 }, book).withinLimit).toBe(false);
  });
});

describe('balanceShortfalls', () => {
  const short = position({
    asset: 'BTC',
    side: 'short',
    contracts: 1,
    markPrice: BTC,
    isolatedMargin: 25_000,
  });
  const positions = (_account: string, symbol: string) => (symbol === short.symbol ? short : null);

  it('counts what a close gives back before a later transfer takes it from the futures wallet', () => {
    const steps = [
      closeShort,
      transferStep({ step: 1, amount: 20_000, from: 'futures', to: 'spot' }),
    ];
    const balances = [{ account: 'acc-1', spot: {}, futures: 100 }];
    expect(balanceShortfalls(steps, balances, positions, 'USDT')).toEqual([]);
    // Without the position, nothing comes back and the transfer overdraws the wallet.
    expect(balanceShortfalls(steps, balances, () => null, 'USDT')).toEqual([
      { account: 'acc-1', wallet: 'futures', coin: 'USDT', missing: 20_000 - 100 + 20 },
    ]);
  });

  it('names the spot coin a buy spends beyond what is free', () => {
    const buy = orderStep({ step: 0, notional: 2_500, fee: 2.5 });
    const shortfalls = balanceShortfalls(
      [buy],
      [{ account: 'acc-1', spot: { USDT: 2_000 }, futures: 0 }],
      positions,
      'USDT',
    );
    expect(shortfalls).toHaveLength(1);
    expect(shortfalls[0]).toMatchObject({ account: 'acc-1', wallet: 'spot', coin: 'USDT' });
    expect(shortfalls[0]!.missing).toBeCloseTo(502.5, 9);
  });

  it('lets a wallet fall short by no more than the tolerance share of what the steps take from it', () => {
    const buy = orderStep({ step: 0, notional: 2_500, fee: 2.5 });
    const wallet = (usdt: number) => [{ account: 'acc-1', spot: { USDT: usdt }, futures: 0 }];
    // The buy takes 2,502.5; 0.3% of it is 7.5075.
    expect(balanceShortfalls([buy], wallet(2_496), positions, 'USDT', 0.003)).toEqual([]);
    expect(balanceShortfalls([buy], wallet(2_494), positions, 'USDT', 0.003)).toMatchObject([
      { wallet: 'spot', coin: 'USDT' },
    ]);
    expect(balanceShortfalls([buy], wallet(2_496), positions, 'USDT')).toHaveLength(1);
  });
});
