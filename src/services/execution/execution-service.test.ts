// Integration: plans carried out with the real ccxt over HTTP against the simulator — each kind of
// step on its own, a basis trade, and the refusals that keep a plan from running twice, from running
// on stale checks, or beside another execution on the same account.
import { describe, expect, it } from 'vitest';
import {
  bookOrder,
  expectSoundOrders,
  harness,
  LABEL,
  ordersOf,
  savePlan,
  transfer,
  EXECUTION_SIM_OPTIONS,
} from './execution-testing';
import { startSimulator } from '../../sim';
import { useGatewaySimulator } from '../gateway/gateway-testing';

const venue = useGatewaySimulator(() => startSimulator(EXECUTION_SIM_OPTIONS));

describe('executing a plan', () => {
  it('buys spot: the order is journaled before it is sent and ends filled at its average price', async () => {
    const h = await harness(venue.sim);
    const buy = await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.02 });
    const plan = savePlan(h, [buy]);
    const execution = await h.service.executePlan(plan.id);
    expect(execution).toMatchObject({ state: 'done', problem: null, nextSteps: [] });
    expect(execution.steps[0]).toMatchObject({ state: 'done', planned: 0.02, filled: 0.02 });
    expect(execution.steps[0]!.averagePrice).toBeLessThanOrEqual(buy.limitPrice);
    const [entry] = h.journal.byPlan(plan.id);
    expect(entry).toMatchObject({
      clientOrderId: `pm${plan.id}-0-0`,
      status: 'filled',
      filled: 0.02,
      live: false,
      side: 'buy',
      symbol: 'BTC/USDT',
    });
    expect(entry!.firstAt).toBeLessThanOrEqual(entry!.at);
    const [sent] = ordersOf(venue.sim, plan.id);
    expect(sent).toMatchObject({ type: 'LIMIT', timeInForce: 'IOC', price: buy.limitPrice });
    expectSoundOrders(venue.sim, plan);
    // Every change was told, the last being the ended execution.
    expect(h.events.map((e) => e.state)).toContain('running');
    expect(h.events.at(-1)).toEqual(execution);
    expect(h.service.getExecution(plan.id)).toEqual(execution);
  });

  it('sells spot', async () => {
    const h = await harness(venue.sim);
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'ETH/USDT', side: 'sell', amount: 0.5 }),
    ]);
    const execution = await h.service.executePlan(plan.id);
    expect(execution.steps[0]).toMatchObject({ state: 'done', filled: 0.5 });
    expect(ordersOf(venue.sim, plan.id)).toMatchObject([{ side: 'SELL', symbol: 'ETHUSDT' }]);
  });

  it('hedges spot already held with one short, its margin mode and leverage set first', async () => {
    const h = await harness(venue.sim);
    const short = await bookOrder(h, {
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      amount: 0.03,
      pair: 'p1',
      purpose: 'open-short',
      marginMode: 'isolated',
      leverage: 3,
    });
    const plan = savePlan(h, [short]);
    const execution = await h.service.executePlan(plan.id);
    expect(execution.steps[0]).toMatchObject({ state: 'done', filled: 0.03 });
    expect(ordersOf(venue.sim, plan.id)).toMatchObject([
      { venue: 'futures', side: 'SELL', reduceOnly: false, amount: 0.03 },
    ]);
    // The venue now holds the contract in the mode and leverage the plan asked for.
    const modes = await h.gateway.fetchHoldings();
    expect(modes.futures.positions.find((p) => p.symbol === 'BTC/USDT:USDT')).toMatchObject({
      marginMode: 'isolated',
      leverage: 3,
    });
  });

  it('closes a short reduce-only', async () => {
    const h = await harness(venue.sim);
    const open = savePlan(h, [
      await bookOrder(h, {
        symbol: 'ETH/USDT:USDT',
        side: 'sell',
        amount: 1,
        purpose: 'open-short',
      }),
    ]);
    await h.service.executePlan(open.id);
    const close = savePlan(h, [
      await bookOrder(h, {
        symbol: 'ETH/USDT:USDT',
        side: 'buy',
        amount: 1,
        reduceOnly: true,
        purpose: 'close-short',
      }),
    ]);
    const execution = await h.service.executePlan(close.id);
    expect(execution.state).toBe('done');
    expect(ordersOf(venue.sim, close.id)).toMatchObject([
      { side: 'BUY', reduceOnly: true, status: 'FILLED' },
    ]);
  });

  it('opens a basis trade: margin moved, spot bought and the perpetual shorted for the same amount', async () => {
    const h = await harness(venue.sim);
    const before = await h.gateway.fetchBalances();
    const plan = savePlan(h, [
      transfer({ asset: 'USDT', amount: 1_500, from: 'spot', to: 'futures' }),
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.04, pair: 'p1' }),
      await bookOrder(h, {
        symbol: 'BTC/USDT:USDT',
        side: 'sell',
        amount: 0.04,
        pair: 'p1',
        purpose: 'open-short',
        marginMode: 'isolated',
        leverage: 2,
      }),
    ]);
    const execution = await h.service.executePlan(plan.id);
    expect(execution.state).toBe('done');
    expect(execution.steps.map((s) => [s.state, s.filled])).toEqual([
      ['done', 1_500],
      ['done', 0.04],
      ['done', 0.04],
    ]);
    expect(h.journal.byPlan(plan.id).map((e) => [e.kind, e.status])).toEqual([
      ['transfer', 'filled'],
      ['order', 'filled'],
      ['order', 'filled'],
    ]);
    const after = await h.gateway.fetchBalances();
    expect(after.futures.USDT!.total - before.futures.USDT!.total).toBeGreaterThan(1_400);
    expect(
      ordersOf(venue.sim, plan.id)
        .map((o) => o.venue)
        .sort(),
    ).toEqual(['futures', 'spot']);
    expectSoundOrders(venue.sim, plan);
    expect(h.service.exposures()).toEqual([]);
  });

  it('moves a coin back from the futures wallet to spot once', async () => {
    const h = await harness(venue.sim);
    const before = await h.gateway.fetchBalances();
    const plan = savePlan(h, [
      transfer({ asset: 'USDT', amount: 250, from: 'futures', to: 'spot' }),
    ]);
    const execution = await h.service.executePlan(plan.id);
    expect(execution.steps[0]).toMatchObject({ state: 'done', filled: 250 });
    const after = await h.gateway.fetchBalances();
    expect(after.spot.USDT!.total - before.spot.USDT!.total).toBeCloseTo(250, 6);
    expect(h.journal.byPlan(plan.id)).toMatchObject([
      { kind: 'transfer', clientOrderId: `pm${plan.id}-0-0`, status: 'filled', from: 'futures' },
    ]);
  });
});

describe('refusing to execute', () => {
  it('refuses, sending nothing, when a check fails on fresh data, and says which', async () => {
    const h = await harness(venue.sim, {
      checks: async () => [
        { code: 'balance', ok: true, message: 'Every wallet holds what its steps spend.' },
        { code: 'stale-quotes', ok: false, message: 'Quotes are 5 minutes old.' },
      ],
    });
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }),
    ]);
    const execution = await h.service.executePlan(plan.id);
    expect(execution.state).toBe('refused');
    expect(execution.problem).toContain('Quotes are 5 minutes old.');
    expect(execution.problem).not.toContain('Every wallet');
    expect(execution.steps[0]!.state).toBe('skipped');
    expect(ordersOf(venue.sim, plan.id)).toEqual([]);
    expect(h.journal.byPlan(plan.id)).toEqual([]);
  });

  it('refuses an expired plan even when the checks it was given pass', async () => {
    const h = await harness(venue.sim);
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }),
    ]);
    h.plans.set(plan.id, { ...plan, expiresAt: h.now() - 1 });
    const execution = await h.service.executePlan(plan.id);
    expect(execution).toMatchObject({ state: 'refused' });
    expect(execution.problem).toMatch(/expired/);
    expect(ordersOf(venue.sim, plan.id)).toEqual([]);
  });

  it('never executes a plan twice: not in the same run, nor after a restart that finds it in the journal', async () => {
    const h = await harness(venue.sim);
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }),
    ]);
    await h.service.executePlan(plan.id);
    await expect(h.service.executePlan(plan.id)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/never executed twice/),
    });
    const restarted = await harness(venue.sim, { journal: h.journal, plans: h.plans });
    await expect(restarted.service.executePlan(plan.id)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/in the journal/),
    });
    expect(ordersOf(venue.sim, plan.id)).toHaveLength(1);
  });

  it('refuses a second execution on an account while one runs there, naming the account', async () => {
    const h = await harness(venue.sim);
    const first = savePlan(h, [
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }),
    ]);
    const second = savePlan(h, [
      await bookOrder(h, { symbol: 'ETH/USDT', side: 'buy', amount: 0.1 }),
    ]);
    const running = h.service.executePlan(first.id);
    const refused = h.service.executePlan(second.id);
    await expect(refused).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining(`An execution is already running on ${LABEL}`),
    });
    expect((await running).state).toBe('done');
    expect(ordersOf(venue.sim, second.id)).toEqual([]);
    // Once the first ended, the account is free again.
    expect((await h.service.executePlan(second.id)).state).toBe('done');
  });

  it('answers not-found for a plan never executed', async () => {
    const h = await harness(venue.sim);
    expect(() => h.service.getExecution('neverrun')).toThrow(/has not been executed/);
  });
});
