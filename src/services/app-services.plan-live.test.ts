// The plan made by the core's planner on the live path: the demo account's holdings synced from the
// simulator, its books read over HTTP by the real ccxt, and every order of the plan checked against
// the same simulator's books, the venue's lot steps and the plan's own arithmetic.
import { describe, expect, it } from 'vitest';
import { walkBook } from '../core';
import type { OrderStep } from '../shared/plan';
import type { AppServices } from './app-services';
import { servicesFolder, startSyncedDemo } from './app-services-testing';
import { createExchangeGateway } from './gateway';

const dataFolder = servicesFolder();

function startDemo(): Promise<AppServices> {
  return startSyncedDemo(dataFolder);
}

/** How many whole steps `value` is, within float noise. */
function onGrid(value: number, step: number): boolean {
  const steps = value / step;
  return Math.abs(steps - Math.round(steps)) < 1e-6;
}

describe('a plan on the demo market', () => {
  it('prices every order from the venue’s own book, on its lot step, within the slippage limit', async () => {
    const s = await startDemo();
    const plan = await s.api.createPlan({});
    const orders = plan.steps.filter((step): step is OrderStep => step.kind === 'order');
    // The demo starts away from its targets (see the portfolio tests), so there is work to do.
    expect(orders.length).toBeGreaterThan(0);
    expect(plan.steps.map((step) => step.step)).toEqual(plan.steps.map((_, i) => i));
    const settings = await s.api.getSettings();
    const limit = settings.rebalance.slippageLimit;

    const url = s.diagnostics.demoMarketUrl();
    if (url === null) throw new Error('the demo market is not running');
    const { gateway } = createExchangeGateway({
      exchange: 'binance',
      redirectTo: url,
      rateLimitMs: 1,
      retry: { retries: 0 },
    });
    const [btc] = await gateway.discover(['BTC']);
    const eth = (await gateway.discover(['ETH']))[0];
    const instruments = [btc, eth].flatMap((a) => (a ? [a.spot, a.perp, ...a.futures] : []));

    for (const order of orders) {
      const instrument = instruments.find((i) => i?.symbol === order.symbol);
      if (!instrument)
        throw new Error(`the plan trades ${order.symbol}, which the venue lists not`);
      const contractSize = instrument.kind === 'spot' ? 1 : instrument.contractSize;
      const units = order.contracts ?? order.amount;
      expect(units * (instrument.kind === 'spot' ? 1 : contractSize)).toBeCloseTo(order.amount, 9);
      if (instrument.limits.amountStep !== null) {
        expect(onGrid(units, instrument.limits.amountStep)).toBe(true);
      }
      expect(units).toBeGreaterThanOrEqual(instrument.limits.minAmount ?? 0);
      expect(order.notional).toBeGreaterThanOrEqual(instrument.limits.minCost ?? 0);
      expect(order.notional).toBeCloseTo(order.amount * order.price, 6);
      expect(order.fee).toBeCloseTo(order.notional * order.feeRate, 6);

      // The book now, walked for the same amount: the market moves a little between the two reads.
      const book = await gateway.fetchOrderBook(order.symbol, 100);
      const levels = order.side === 'buy' ? book.asks : book.bids;
      const walked = walkBook(levels, units);
      expect(walked.filled).toBeCloseTo(units, 9);
      expect(Math.abs(order.price / walked.averagePrice - 1)).toBeLessThan(limit);
      expect(order.slippage).toBeLessThanOrEqual(limit);

      // The protection: a buy never pays more, a sell never takes less, than the limit allows.
      if (order.side === 'buy') {
        expect(order.limitPrice).toBeGreaterThan(order.price);
        expect(order.limitPrice).toBeLessThanOrEqual(order.price * (1 + limit) + 1e-9);
      } else {
        expect(order.limitPrice).toBeLessThan(order.price);
        expect(order.limitPrice).toBeGreaterThanOrEqual(order.price * (1 - limit) - 1e-9);
      }
      expect(order.reduceOnly).toBe(
        order.purpose === 'close-short' || order.purpose === 'roll-close',
      );
    }

    const sum = (w: { spot: number; hedged: number; stable: number }) =>
      w.spot + w.hedged + w.stable;
    expect(sum(plan.after)).toBeCloseTo(1, 9);
    expect(plan.costs.fees).toBeCloseTo(
      orders.reduce((total, order) => total + order.fee, 0),
      6,
    );
    // Moving to the targets leaves every bucket inside the band, or a note says why not.
    const band = settings.rebalance.driftBand;
    const outside = (['spot', 'hedged', 'stable'] as const).filter(
      (b) => Math.abs(plan.after[b] - plan.target[b]) > band,
    );
    if (outside.length > 0) expect(plan.notes.length).toBeGreaterThan(0);
  });
});
