// Integration: a venue that misbehaves while a plan runs, with the real ccxt over HTTP against the
// simulator — an order carried out whose answer is lost (looked up, never sent again), a venue that
// cannot be asked at all (the order left to check, nothing more sent), and a 429 between two steps
// (waited out, then a new attempt).
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { useGatewaySimulator } from '../gateway/gateway-testing';
import {
  bookOrder,
  EXECUTION_SIM_OPTIONS,
  expectSoundOrders,
  harness,
  ordersOf,
  savePlan,
} from './execution-testing';

const venue = useGatewaySimulator(() => startSimulator(EXECUTION_SIM_OPTIONS));

describe('an order whose answer is lost', () => {
  it('is looked up by its client id and followed to its fill, never sent again', async () => {
    const h = await harness(venue.sim);
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.02 }),
    ]);
    venue.sim.control.setFaults({ loseOrderAnswers: 1 });
    const execution = await h.service.executePlan(plan.id);

    expect(execution).toMatchObject({ state: 'done' });
    expect(execution.steps[0]).toMatchObject({ state: 'done', filled: 0.02 });
    expect(ordersOf(venue.sim, plan.id)).toMatchObject([
      { clientOrderId: `pm${plan.id}-0-0`, outcome: 'accepted', status: 'FILLED' },
    ]);
    expect(h.journal.byPlan(plan.id)).toMatchObject([
      { clientOrderId: `pm${plan.id}-0-0`, status: 'filled', filled: 0.02, live: false },
    ]);
    expect(h.journal.byPlan(plan.id)[0]!.orderId).not.toBeNull();
    expectSoundOrders(venue.sim, plan);
  });

  it('stops the plan with the order to check when the venue cannot be asked, sending nothing more', async () => {
    const h = await harness(venue.sim);
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.02 }),
      await bookOrder(h, { symbol: 'ETH/USDT', side: 'buy', amount: 0.2 }),
    ]);
    venue.sim.control.setFaults({ rate5xx: 1 });
    const execution = await h.service.executePlan(plan.id);
    venue.sim.control.clearFaults();

    expect(execution.state).toBe('failed');
    expect(execution.steps.map((s) => s.state)).toEqual(['failed', 'skipped']);
    expect(execution.nextSteps[0]).toContain(`Check order pm${plan.id}-0-0`);
    // Its fate unknown, the order stays in the journal as sent, for a later look-up.
    expect(h.journal.byPlan(plan.id)).toMatchObject([
      { clientOrderId: `pm${plan.id}-0-0`, status: 'sent', live: true },
    ]);
    expect(h.journal.nonFinal().map((e) => e.clientOrderId)).toContain(`pm${plan.id}-0-0`);
    expect(ordersOf(venue.sim, plan.id)).toEqual([]);
  });
});

describe('a venue limiting requests in the middle of a plan', () => {
  it('waits out its Retry-After and sends the step again under a new attempt', async () => {
    let throttled = false;
    const h = await harness(venue.sim, {
      onEvent: (execution) => {
        if (!throttled && execution.steps[0]!.state === 'done') {
          throttled = true;
          venue.sim.control.setFaults({ throttleOrders: 1, retryAfterSeconds: 2 });
        }
      },
    });
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }),
      await bookOrder(h, { symbol: 'ETH/USDT', side: 'buy', amount: 0.1 }),
    ]);
    const execution = await h.service.executePlan(plan.id);

    expect(throttled).toBe(true);
    expect(execution.state).toBe('done');
    expect(execution.steps.map((s) => s.state)).toEqual(['done', 'done']);
    expect(h.sleeps).toContain(2_000);
    const journal = h.journal.byPlan(plan.id);
    expect(journal.map((e) => [e.clientOrderId, e.status])).toEqual([
      [`pm${plan.id}-0-0`, 'filled'],
      [`pm${plan.id}-1-0`, 'failed'],
      [`pm${plan.id}-1-1`, 'filled'],
    ]);
    expect(journal[1]!.reason).toMatch(/limiting/);
    // The throttled try never reached the venue's order desk; the next one did, once.
    expect(ordersOf(venue.sim, plan.id).map((o) => o.clientOrderId)).toEqual([
      `pm${plan.id}-0-0`,
      `pm${plan.id}-1-1`,
    ]);
    expectSoundOrders(venue.sim, plan);
  });
});
