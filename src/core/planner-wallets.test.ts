import { describe, expect, it } from 'vitest';
import type { OrderStep, PlanStep, TransferStep } from '../shared/plan';
import { account, futuresBalance, position, spotBalance } from './buckets-testing';
import type { WalletNeeds } from './planner-wallets';
import {
  applyStep,
  CROSS_MOVE_RESERVE,
  fundingTransfers,
  replay,
  usableFutures,
  Wallets,
} from './planner-wallets';

function order(change: Partial<OrderStep> & Pick<OrderStep, 'market' | 'side'>): OrderStep {
  return {
    step: -1,
    kind: 'order',
    account: 'acc-1',
    asset: 'BTC',
    pair: null,
    symbol: change.market === 'spot' ? 'BTC/USDT' : 'BTC/USDT:USDT',
    amount: 0.1,
    contracts: null,
    price: 50_000,
    limitPrice: 50_000,
    timeInForce: 'IOC',
    notional: 5_000,
    reduceOnly: false,
    purpose: 'buy-spot',
    fee: 5,
    feeRate: 0.001,
    feeSource: 'venue-default',
    slippage: 0,
    marginMode: null,
    leverage: null,
    ...change,
  };
}

function transfer(amount: number, from: 'spot' | 'futures'): TransferStep {
  return {
    step: -1,
    kind: 'transfer',
    account: 'acc-1',
    asset: 'USDT',
    pair: null,
    amount,
    from,
    to: from === 'spot' ? 'futures' : 'spot',
    reason: 'test',
  };
}

describe('Wallets.opening', () => {
  it('starts from free spot and the available margin coin, never from a negative or unknown figure', () => {
    const w = Wallets.opening(
      [
        account('acc-1', {
          spot: [spotBalance('BTC', 0.5), spotBalance('USDT', 1_000), spotBalance('ETH', NaN)],
          balances: [
            { ...futuresBalance('USDT', 800), available: -50 },
            futuresBalance('USDC', 300),
          ],
        }),
      ],
      'USDT',
    );
    expect(w.get('acc-1', 'spot', 'BTC')).toBe(0.5);
    expect(w.get('acc-1', 'spot', 'USDT')).toBe(1_000);
    expect(w.get('acc-1', 'spot', 'ETH')).toBe(0);
    // Only the margin coin's available balance, and an overdrawn one counts as 0.
    expect(w.get('acc-1', 'futures', 'USDT')).toBe(0);
    expect(w.entries()).toHaveLength(3);
  });

  it('keeps the cross reserve of every cross position free in the futures wallet, and none for an isolated one', () => {
    // 0.6 BTC at 50,000 is 30,000 of cross notional; the isolated ETH short keeps its own margin.
    const cross = position({ asset: 'BTC', side: 'short', contracts: 0.6, markPrice: 50_000 });
    const isolated = position({
      asset: 'ETH',
      side: 'short',
      contracts: 5,
      markPrice: 2_000,
      isolatedMargin: 5_000,
    });
    const holdings = account('acc-1', {
      balances: [futuresBalance('USDT', 5_000)],
      positions: [cross, isolated],
    });
    const w = Wallets.opening([holdings], 'USDT');
    expect(w.get('acc-1', 'futures', 'USDT')).toBeCloseTo(5_000 - CROSS_MOVE_RESERVE * 30_000, 9);
    // A reserve beyond what is available leaves nothing to put to work, never a negative wallet.
    const thin = account('acc-1', { balances: [futuresBalance('USDT', 100)], positions: [cross] });
    expect(usableFutures(thin, 'USDT')).toBe(0);
  });
});

describe('applyStep', () => {
  const start = (): Wallets => {
    const w = new Wallets();
    w.add('acc-1', 'spot', 'USDT', 10_000);
    w.add('acc-1', 'futures', 'USDT', 2_000);
    return w;
  };

  it('takes notional + fee for a spot buy and gives notional − fee for a sale', () => {
    const w = start();
    applyStep(w, order({ market: 'spot', side: 'buy' }), 'USDT', 0);
    expect([w.get('acc-1', 'spot', 'BTC'), w.get('acc-1', 'spot', 'USDT')]).toEqual([0.1, 4_995]);
    applyStep(w, order({ market: 'spot', side: 'sell', purpose: 'sell-spot' }), 'USDT', 0);
    expect([w.get('acc-1', 'spot', 'BTC'), w.get('acc-1', 'spot', 'USDT')]).toEqual([0, 9_990]);
  });

  it('takes notional / leverage + fee for a new short and adds what a close gives back less its fee', () => {
    const w = start();
    const short = order({
      market: 'perp',
      side: 'sell',
      purpose: 'open-short',
      leverage: 2,
      fee: 2,
    });
    applyStep(w, short, 'USDT', 0);
    expect(w.get('acc-1', 'futures', 'USDT')).toBe(2_000 - 2_500 - 2);
    const close = order({
      market: 'perp',
      side: 'buy',
      purpose: 'close-short',
      reduceOnly: true,
      fee: 2,
    });
    // A close whose loss outweighs the margin it frees gives back less than nothing.
    applyStep(w, close, 'USDT', -300);
    expect(w.get('acc-1', 'futures', 'USDT')).toBe(-502 - 302);
  });

  it('moves a transfer from one wallet to the other', () => {
    const w = start();
    applyStep(w, transfer(1_500, 'spot'), 'USDT', 0);
    expect([w.get('acc-1', 'spot', 'USDT'), w.get('acc-1', 'futures', 'USDT')]).toEqual([
      8_500, 3_500,
    ]);
  });
});

describe('replay', () => {
  it('keeps the lowest each balance went while the steps ran, and leaves the start untouched', () => {
    const start = new Wallets();
    start.add('acc-1', 'spot', 'USDT', 1_000);
    const steps: PlanStep[] = [
      order({ market: 'spot', side: 'buy', notional: 900, fee: 1 }),
      order({ market: 'spot', side: 'sell', purpose: 'sell-spot', notional: 900, fee: 1 }),
    ];
    const { end, lowest } = replay(start, steps, 'USDT', () => 0);
    expect(lowest.get('acc-1', 'spot', 'USDT')).toBe(99);
    expect(end.get('acc-1', 'spot', 'USDT')).toBe(998);
    expect(start.get('acc-1', 'spot', 'USDT')).toBe(1_000);
  });
});

describe('fundingTransfers', () => {
  /** The transfers of acc-1's USDT: what the trades need, what each wallet has, its lowest on the way. */
  const transfers = (needs: WalletNeeds, have: WalletNeeds, floor: WalletNeeds) =>
    fundingTransfers('acc-1', 'USDT', needs, have, floor);

  it('moves up front what the other wallet held all along and the rest right after the proceeds', () => {
    // The shorts need 800 of margin; the futures wallet holds nothing. The spot wallet holds 300
    // from the start and 1,000 once a sale has brought 700.
    const { upFront, afterProceeds } = transfers(
      { spot: 0, futures: 800 },
      { spot: 1_000, futures: 0 },
      { spot: 300, futures: 0 },
    );
    expect(upFront.map((t) => [t.from, t.to, t.amount])).toEqual([['spot', 'futures', 300]]);
    expect(afterProceeds.map((t) => [t.from, t.to, t.amount])).toEqual([['spot', 'futures', 500]]);
    expect(upFront[0]!.reason).toBe('Margin and fees for the shorts');
  });

  it('never takes a wallet below zero when its transfers run in their places', () => {
    // 300 USDT held; a sale of 0.014 BTC brings 700.7 − 0.7 = 700; the short takes 1,598 / 2 + 1 = 800.
    const start = new Wallets();
    start.add('acc-1', 'spot', 'USDT', 300);
    start.add('acc-1', 'spot', 'BTC', 0.014);
    const sale = order({
      market: 'spot',
      side: 'sell',
      purpose: 'sell-spot',
      amount: 0.014,
      notional: 700.7,
      fee: 0.7,
    });
    const short = order({
      market: 'perp',
      side: 'sell',
      purpose: 'open-short',
      notional: 1_598,
      leverage: 2,
      fee: 1,
    });
    const afterSale = replay(start, [sale], 'USDT', () => 0);
    const t = transfers(
      { spot: 0, futures: 800 },
      { spot: afterSale.end.get('acc-1', 'spot', 'USDT'), futures: 0 },
      { spot: afterSale.lowest.get('acc-1', 'spot', 'USDT'), futures: 0 },
    );
    const { lowest } = replay(
      start,
      [...t.upFront, sale, ...t.afterProceeds, short],
      'USDT',
      () => 0,
    );
    for (const [, , , amount] of lowest.entries()) expect(amount).toBeGreaterThanOrEqual(0);
    expect(t.upFront[0]!.amount + t.afterProceeds[0]!.amount).toBe(800);
  });

  it('moves no more than the other wallet can spare and rounds a shortfall up to 1e-8', () => {
    const capped = transfers(
      { spot: 500, futures: 800 },
      { spot: 700, futures: 0 },
      { spot: 700, futures: 0 },
    );
    // 700 held, 500 of it wanted by the spot buys: 200 can go.
    expect(capped.upFront.map((t) => t.amount)).toEqual([200]);
    const rounded = transfers(
      { spot: 100.000000001, futures: 0 },
      { spot: 0, futures: 1_000 },
      { spot: 0, futures: 1_000 },
    );
    expect(rounded.upFront.map((t) => [t.from, t.amount])).toEqual([['futures', 100.00000001]]);
    expect(
      transfers({ spot: 0, futures: 100 }, { spot: 0, futures: 100 }, { spot: 0, futures: 0 }),
    ).toEqual({ upFront: [], afterProceeds: [] });
  });
});
