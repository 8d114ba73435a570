// Integration: the two legs of a trade when things go wrong, with the real ccxt over HTTP against the
// simulator — the second leg refused (the first undone, its alarm raised then cleared), the undoing
// refused too (the alarm stays), a first leg the book fills only in part (hedged to what filled).
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { useGatewaySimulator } from '../gateway/gateway-testing';
import {
  bookOrder,
  EXECUTION_SIM_OPTIONS,
  expectSoundOrders,
  harness,
  LABEL,
  ordersOf,
  savePlan,
  type Harness,
} from './execution-testing';

const venue = useGatewaySimulator(() => startSimulator(EXECUTION_SIM_OPTIONS));

async function basisTrade(h: Harness, amount: number) {
  return savePlan(h, [
    await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount, pair: 'p1' }),
    await bookOrder(h, {
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      amount,
      pair: 'p1',
      purpose: 'open-short',
      marginMode: 'isolated',
      leverage: 2,
    }),
  ]);
}

describe('a pair whose second leg cannot be completed', () => {
  it('undoes the first leg, raising the unhedged alarm meanwhile and clearing it once undone', async () => {
    const h = await harness(venue.sim);
    const plan = await basisTrade(h, 0.05);
    venue.sim.control.setFaults({ rejectOrdersOn: ['futures:BTCUSDT'] });
    const execution = await h.service.executePlan(plan.id);
    expect(execution.state).toBe('failed');
    expect(execution.steps.map((s) => [s.state, s.filled])).toEqual([
      ['unwound', 0.05],
      ['failed', 0],
    ]);
    expect(execution.problem).toMatch(/could not be completed/);
    expect(execution.nextSteps.join(' ')).toMatch(/Make a new plan/);
    // The short was tried as often as the settings allow, spaced within their time.
    const orders = ordersOf(venue.sim, plan.id);
    expect(orders.map((o) => [o.venue, o.side, o.outcome, o.clientOrderId])).toEqual([
      ['spot', 'BUY', 'accepted', `pm${plan.id}-0-0`],
      ['futures', 'SELL', 'refused', `pm${plan.id}-1-0`],
      ['futures', 'SELL', 'refused', `pm${plan.id}-1-1`],
      ['futures', 'SELL', 'refused', `pm${plan.id}-1-2`],
      ['spot', 'SELL', 'accepted', `pm${plan.id}-0-u0`],
    ]);
    expect(h.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
    // The purchase's fee was taken in BTC: what was held is what was sold back.
    expect(orders[4]!.filled).toBeCloseTo(0.05 * (1 - 0.001), 8);

    const [raised, ...rest] = h.exposureCalls;
    expect(raised).toMatchObject([
      {
        kind: 'unhedged',
        cause: `unhedged:${plan.id}:p1`,
        level: 'critical',
        asset: 'BTC',
        accountId: 'acc-1',
      },
    ]);
    expect(raised![0]!.message).toContain(`0.05 BTC bought on ${LABEL}`);
    expect(rest.at(-1)).toEqual([]);
    expect(h.service.exposures()).toEqual([]);

    const journal = h.journal.byPlan(plan.id);
    expect(journal.find((e) => e.clientOrderId === `pm${plan.id}-0-0`)).toMatchObject({
      status: 'unwound',
      filled: 0.05,
    });
    expect(journal.find((e) => e.clientOrderId === `pm${plan.id}-0-u0`)).toMatchObject({
      status: 'filled',
      side: 'sell',
    });
    expectSoundOrders(venue.sim, plan);
  });

  it('keeps the alarm standing, with the amount and what to check, when the undoing is refused too', async () => {
    const h = await harness(venue.sim, {
      // Once the short has been refused, the spot market starts refusing as well.
      onSleep: (_ms, count) => {
        if (count === 1) {
          venue.sim.control.setFaults({ rejectOrdersOn: ['futures:BTCUSDT', 'spot:BTCUSDT'] });
        }
      },
    });
    const plan = await basisTrade(h, 0.05);
    venue.sim.control.setFaults({ rejectOrdersOn: ['futures:BTCUSDT'] });
    const execution = await h.service.executePlan(plan.id);

    expect(execution.state).toBe('failed');
    expect(execution.problem).toMatch(/Undoing the first leg failed too/);
    expect(execution.nextSteps.join(' ')).toContain(`Check the BTC spot balance on ${LABEL}`);
    const standing = h.service.exposures();
    expect(standing).toHaveLength(1);
    expect(standing[0]).toMatchObject({ kind: 'unhedged', cause: `unhedged:${plan.id}:p1` });
    expect(h.exposureCalls.at(-1)).toHaveLength(1);
    expect(
      ordersOf(venue.sim, plan.id).filter(
        (o) => o.clientOrderId!.includes('-u') && o.outcome === 'accepted',
      ),
    ).toEqual([]);
    expect(h.journal.byPlan(plan.id)[0]).toMatchObject({ status: 'filled', filled: 0.05 });
  });
});

describe('a pair whose first leg fills in part', () => {
  it('works the thinner leg first and hedges exactly what it filled', async () => {
    const h = await harness(venue.sim);
    const book = await h.gateway.fetchOrderBook('BTC/USDT', 5);
    const [bestAsk, topAmount] = book.asks[0]!;
    const amount = Number((topAmount + 1).toFixed(3));
    // Planned with the short first; the spot leg, limited to the best ask, is the thinner one.
    const short = await bookOrder(h, {
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      amount,
      pair: 'p1',
      purpose: 'open-short',
      marginMode: 'isolated',
      leverage: 2,
    });
    const buy = await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount, pair: 'p1' }, 0);
    expect(buy.limitPrice).toBe(bestAsk);
    const plan = savePlan(h, [short, buy]);
    const execution = await h.service.executePlan(plan.id);

    const orders = ordersOf(venue.sim, plan.id);
    expect(orders.map((o) => o.venue)).toEqual(['spot', 'futures']);
    const bought = orders[0]!.filled;
    expect(bought).toBeCloseTo(topAmount, 8);
    const hedged = Math.floor(bought * 1000 + 1e-9) / 1000;
    expect(orders[1]!.filled).toBeCloseTo(hedged, 8);
    expect(execution.steps.map((s) => s.state)).toEqual(['partial', 'partial']);
    expect(execution.steps[0]!.message).toContain(`Hedged the ${bought}`);
    expect(execution.state).toBe('failed');
    expect(execution.problem).toMatch(/hedged/);
    expect(h.service.exposures()).toEqual([]);
    expectSoundOrders(venue.sim, plan);
  });
});
