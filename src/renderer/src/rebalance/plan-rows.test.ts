import { describe, expect, it } from 'vitest';
import {
  orderStep,
  planCarry,
  planShort,
  rebalancePlan,
  transferStep,
} from '../../../shared/plan-testing';
import { carryRows, costRows, shortRows, stepRows } from './plan-rows';

const labels = (id: string) => (id === 'acc-1' ? 'Main Binance' : id);

describe('stepRows', () => {
  it('words a transfer with its coin, amount and wallets, and leaves the order columns empty', () => {
    const [row] = stepRows({ steps: [transferStep()] }, labels);
    expect(row).toMatchObject({
      number: 1,
      kind: 'transfer',
      what: 'Transfer 1,250 USDT spot → futures',
      reason: 'Margin for the BTC short',
      order: null,
      account: 'Main Binance',
      pair: '—',
    });
  });

  it('shows every figure of an order for people', () => {
    const rows = stepRows(rebalancePlan(), labels);
    expect(rows[2]).toMatchObject({
      number: 3,
      what: 'Sell 0.05 BTC (perpetual)',
      pair: 'p1',
      order: {
        market: 'Perpetual',
        symbol: 'BTC/USDT:USDT',
        side: 'Sell',
        amount: '0.05 BTC',
        contracts: '0.05',
        price: '50,030.00',
        limitPrice: '49,880.00',
        notional: '2,501.50 USDT',
        fee: '1.25 USDT',
        slippage: '0.020%',
        reduceOnly: 'No',
      },
    });
    expect(rows[1]?.order?.contracts).toBe('—');
  });

  it('lists the steps in execution order whatever order they arrive in', () => {
    const rows = stepRows(
      { steps: [orderStep({ step: 2 }), transferStep({ step: 0 }), orderStep({ step: 1 })] },
      labels,
    );
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3]);
  });

  it('marks a reduce-only order', () => {
    const [row] = stepRows({ steps: [orderStep({ reduceOnly: true, side: 'buy' })] }, labels);
    expect(row?.order?.reduceOnly).toBe('Yes');
  });
});

describe('carryRows', () => {
  it('shows a perpetual over its holding horizon with its figures', () => {
    const [row] = carryRows([planCarry()]);
    expect(row).toEqual({
      key: 'p1-BTC/USDT:USDT',
      pair: 'p1',
      symbol: 'BTC/USDT:USDT',
      kind: 'Perpetual over 30 days',
      notional: '2,500.00 USDT',
      gross: '24.66 USDT',
      fees: '7.50 USDT',
      net: '17.16 USDT',
      netAnnualized: '8.35%',
      breakeven: '9.1 days',
      returnOnCapital: '5.37%',
    });
  });

  it('shows a dated future to its expiry', () => {
    const [row] = carryRows([
      planCarry({ kind: 'dated', days: 87, symbol: 'BTC/USDT:USDT-260626' }),
    ]);
    expect(row?.kind).toBe('Dated, 87 days to expiry');
  });

  it('says never for a carry that never pays its fees, and a dash with no capital tied up', () => {
    const [row] = carryRows([
      planCarry({ breakevenDays: Number.POSITIVE_INFINITY, returnOnCapital: null }),
    ]);
    expect(row?.breakeven).toBe('never');
    expect(row?.returnOnCapital).toBe('—');
  });
});

describe('shortRows', () => {
  it('shows the margin, leverage and how far the price may rise before liquidation', () => {
    const [row] = shortRows([planShort()], labels);
    expect(row).toMatchObject({
      symbol: 'BTC/USDT:USDT',
      account: 'Main Binance',
      marginMode: 'Isolated',
      margin: '1,250.75 USDT',
      leverage: '2×',
      liquidationPrice: '74,500.00',
      distance: '49.00%',
    });
  });

  it('says when the venue gives no liquidation price', () => {
    const [row] = shortRows(
      [planShort({ marginMode: 'cross', liquidationPrice: null, liquidationDistance: null })],
      labels,
    );
    expect(row).toMatchObject({ marginMode: 'Cross', liquidationPrice: 'unknown', distance: '—' });
  });
});

describe('costRows', () => {
  it('adds fees and slippage into the total', () => {
    expect(costRows({ fees: 3.75, slippage: 1 })).toEqual({
      fees: '3.75 USDT',
      slippage: '1.00 USDT',
      total: '4.75 USDT',
    });
  });
});
