import { describe, expect, it } from 'vitest';
import { rebalancePlan } from '../../../shared/plan-testing';
import { planConfirmation } from './confirm-view';

const label = (id: string) => (id === 'acc-1' ? 'Main account' : id);

describe('planConfirmation', () => {
  it('splits the plan into its transfers and its orders with their prices and costs', () => {
    const confirmation = planConfirmation(rebalancePlan(), label);
    expect(confirmation.transfers.map((t) => t.what)).toEqual([
      'Transfer 1,250 USDT spot → futures',
    ]);
    expect(
      confirmation.orders.map((o) => [
        o.order.side,
        o.order.symbol,
        o.order.amount,
        o.order.limitPrice,
        o.order.price,
        o.order.fee,
        o.order.slippage,
        o.account,
      ]),
    ).toEqual([
      [
        'Buy',
        'BTC/USDT',
        '0.05 BTC',
        '50,160.00',
        '50,010.00',
        '2.50 USDT',
        '0.020%',
        'Main account',
      ],
      [
        'Sell',
        'BTC/USDT:USDT',
        '0.05 BTC',
        '49,880.00',
        '50,030.00',
        '1.25 USDT',
        '0.020%',
        'Main account',
      ],
    ]);
    expect(confirmation.question).toBe('Execute 1 transfer and 2 orders?');
  });

  it('shows each short’s margin, leverage and liquidation price and the buckets after', () => {
    const confirmation = planConfirmation(rebalancePlan(), label);
    expect(confirmation.shorts.map((s) => [s.margin, s.leverage, s.liquidationPrice])).toEqual([
      ['1,250.75 USDT', '2×', '74,500.00'],
    ]);
    expect(confirmation.after.description).toBe(
      'After the plan: Spot (unhedged) 70%, Hedged spot 12.5%, Stablecoins 17.5%',
    );
  });

  it('says the orders go to the demo account when the plan trades there', () => {
    const confirmation = planConfirmation(rebalancePlan({ demo: true, steps: [] }), label);
    expect(confirmation.demo).toBe(true);
    expect(confirmation.question).toBe('Nothing to execute');
    const demo = planConfirmation(rebalancePlan({ demo: true }), label);
    expect(demo.question).toBe('Execute 1 transfer and 2 orders on the demo account?');
  });
});
