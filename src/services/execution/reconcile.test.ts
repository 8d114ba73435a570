// Integration: the start-up reconciliation with the real ccxt over HTTP against the simulator, on a
// journal written as a stopped Premia would have left it — an order sent but never answered, an
// order that never arrived, a venue that cannot be asked, a transfer never confirmed, and pairs left
// with one leg filled: hedged while inside their time and price, else undone, else left as an alarm.
import { describe, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../core/client-order-id';
import type { OrderStep, RebalancePlan, TransferStep } from '../../shared/plan';
import { startSimulator } from '../../sim';
import { useGatewaySimulator } from '../gateway/gateway-testing';
import {
  ACCOUNT,
  bookOrder,
  EXECUTION_SIM_OPTIONS,
  expectSoundOrders,
  harness,
  ordersOf,
  savePlan,
  transfer,
  type Harness,
} from './execution-testing';
import type { JournalChange } from './journal-record';
import { RECONCILED_PROBLEM } from './reconcile-journal';

const venue = useGatewaySimulator(() => startSimulator(EXECUTION_SIM_OPTIONS));

function intentOf(plan: RebalancePlan, step: OrderStep | TransferStep, attempt = 0): JournalChange {
  const order = step.kind === 'order';
  return {
    kind: step.kind,
    clientOrderId: clientOrderIdFor({ planId: plan.id, step: step.step, attempt }),
    planId: plan.id,
    step: step.step,
    attempt,
    pair: step.pair,
    account: ACCOUNT,
    exchange: 'binance',
    asset: step.asset,
    symbol: order ? step.symbol : null,
    side: order ? step.side : null,
    from: order ? null : step.from,
    to: order ? null : step.to,
    amount: step.amount,
    filled: 0,
    price: null,
    fee: null,
    feeCurrency: null,
    orderId: null,
    status: 'intent',
    live: true,
    reason: null,
  };
}

/** Journals the order's intent and sends it, as a Premia killed right after sending leaves it. */
async function sentThenStopped(h: Harness, plan: RebalancePlan, step: OrderStep): Promise<string> {
  const intent = intentOf(plan, step);
  await h.journal.append(intent);
  await h.gateway.placeOrder({
    symbol: step.symbol,
    side: step.side,
    type: 'limit',
    timeInForce: 'IOC',
    amount: step.contracts ?? step.amount,
    price: step.limitPrice,
    clientOrderId: intent.clientOrderId,
  });
  return intent.clientOrderId;
}

async function basisTrade(h: Harness, amount: number, shortSlack = 0.01) {
  return savePlan(h, [
    await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount, pair: 'p1' }),
    await bookOrder(
      h,
      {
        symbol: 'BTC/USDT:USDT',
        side: 'sell',
        amount,
        pair: 'p1',
        purpose: 'open-short',
        marginMode: 'isolated',
        leverage: 2,
      },
      shortSlack,
    ),
  ]);
}

const entryOf = (h: Harness, id: string) => h.journal.entries().find((e) => e.clientOrderId === id);

describe('reconciling orders the journal left unfinished', () => {
  it('journals the end of an order sent just before the stop, as the venue reports it, sending nothing again', async () => {
    const h = await harness(venue.sim, { inFlightMs: 5_000 });
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }),
    ]);
    const id = await sentThenStopped(h, plan, plan.steps[0] as OrderStep);

    const report = await h.service.reconcile();
    expect(report).toMatchObject({ settled: [id], abandoned: [], pending: [], plans: [plan.id] });
    expect(entryOf(h, id)).toMatchObject({ status: 'filled', filled: 0.01, live: false });
    expect(ordersOf(venue.sim, plan.id)).toHaveLength(1);
    expect(report.message).toMatch(/1 order was found on the venue/);

    const execution = h.service.getExecution(plan.id);
    expect(execution.state).toBe('failed');
    expect(execution.problem).toContain(RECONCILED_PROBLEM);
    expect(execution.steps).toMatchObject([
      { step: 0, state: 'done', planned: 0.01, filled: 0.01 },
    ]);
    expect(h.events.at(-1)).toEqual(execution);
    await expect(h.service.executePlan(plan.id)).rejects.toThrow(/never executed twice/);
  });

  it('abandons an order the venue never received, once it could no longer arrive, and never sends it', async () => {
    const h = await harness(venue.sim, { inFlightMs: 5_000 });
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }),
    ]);
    const intent = intentOf(plan, plan.steps[0] as OrderStep);
    await h.journal.append(intent);

    const report = await h.service.reconcile();
    expect(report.abandoned).toEqual([intent.clientOrderId]);
    const entry = entryOf(h, intent.clientOrderId)!;
    expect(entry).toMatchObject({ status: 'abandoned', live: false, filled: 0 });
    expect(entry.reason).toMatch(/never arrived, and is not sent again/);
    // Given up only after the time a request in flight could still have reached the venue.
    expect(entry.at - entry.firstAt).toBeGreaterThanOrEqual(5_000);
    expect(ordersOf(venue.sim, plan.id)).toEqual([]);
    expect(report.message).toContain(`never reached the venue (${intent.clientOrderId})`);
    expect(h.service.getExecution(plan.id).steps[0]).toMatchObject({ state: 'failed', filled: 0 });
  });

  it('leaves an order as it was while the venue cannot be asked, says so, and settles it on the next reconcile', async () => {
    const h = await harness(venue.sim, { inFlightMs: 0 });
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'ETH/USDT', side: 'sell', amount: 0.2 }),
    ]);
    const id = await sentThenStopped(h, plan, plan.steps[0] as OrderStep);
    venue.sim.control.setFaults({ rate5xx: 1 });

    const first = await h.service.reconcile();
    expect(first.pending).toEqual([id]);
    expect(entryOf(h, id)).toMatchObject({ status: 'intent', live: true });
    expect(first.message).toMatch(
      /could not be looked up .* looked up again when Premia next reconciles/,
    );
    expect(h.service.getExecution(plan.id).nextSteps.join(' ')).toContain(`Check order ${id}`);

    venue.sim.control.clearFaults();
    const second = await h.service.reconcile();
    expect(second.settled).toEqual([id]);
    expect(entryOf(h, id)).toMatchObject({ status: 'filled', filled: 0.2 });
    expect(ordersOf(venue.sim, plan.id)).toHaveLength(1);
  });

  it('abandons a transfer never confirmed, telling the user to check both wallets', async () => {
    const h = await harness(venue.sim, { inFlightMs: 0 });
    const plan = savePlan(h, [transfer({ asset: 'USDT', amount: 100 })]);
    const intent = intentOf(plan, plan.steps[0] as TransferStep);
    await h.journal.append(intent);

    const report = await h.service.reconcile();
    expect(report).toMatchObject({
      abandoned: [intent.clientOrderId],
      transfers: [intent.clientOrderId],
    });
    expect(entryOf(h, intent.clientOrderId)!.reason).toMatch(/check both wallets' USDT balances/);
    expect(report.message).toMatch(/transfer of 100 USDT .* never confirmed: check both wallets/);
    expect(h.service.getExecution(plan.id).nextSteps.join(' ')).toMatch(/balances of both wallets/);
  });

  it('has nothing to say when the journal holds nothing unfinished', async () => {
    const h = await harness(venue.sim, { inFlightMs: 0 });
    const plan = savePlan(h, [
      await bookOrder(h, { symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }),
    ]);
    await h.service.executePlan(plan.id);
    const report = await h.service.reconcile();
    expect(report).toMatchObject({ settled: [], abandoned: [], pending: [], pairs: [], plans: [] });
    expect(report.message).toBeNull();
    expect(h.service.getExecution(plan.id).state).toBe('done');
  });
});

describe('reconciling a pair left with one leg filled', () => {
  it('hedges the missing amount with the next attempt while inside its time and price', async () => {
    const h = await harness(venue.sim, { inFlightMs: 0 });
    const plan = await basisTrade(h, 0.05);
    await sentThenStopped(h, plan, plan.steps[0] as OrderStep);

    const report = await h.service.reconcile();
    expect(report.pairs).toMatchObject([{ planId: plan.id, pair: 'p1', outcome: 'completed' }]);
    const orders = ordersOf(venue.sim, plan.id);
    expect(orders.map((o) => [o.venue, o.side, o.clientOrderId, o.filled])).toEqual([
      ['spot', 'BUY', `pm${plan.id}-0-0`, 0.05],
      ['futures', 'SELL', `pm${plan.id}-1-0`, 0.05],
    ]);
    expect(h.service.exposures()).toEqual([]);
    expect(report.message).toMatch(/hedged for the 0\.0\d+ BTC missing/);
    expect(h.service.getExecution(plan.id).steps.map((s) => [s.state, s.filled])).toEqual([
      ['done', 0.05],
      ['done', 0.05],
    ]);
    expectSoundOrders(venue.sim, plan);
  });

  it('undoes the first leg once the second leg’s time has passed, raising the alarm until it is undone', async () => {
    const h = await harness(venue.sim, { inFlightMs: 0 });
    const plan = await basisTrade(h, 0.05);
    const id = await sentThenStopped(h, plan, plan.steps[0] as OrderStep);
    h.advance(11_000);

    const report = await h.service.reconcile();
    expect(report.pairs).toMatchObject([{ outcome: 'unwound' }]);
    expect(ordersOf(venue.sim, plan.id).map((o) => [o.venue, o.side, o.clientOrderId])).toEqual([
      ['spot', 'BUY', id],
      ['spot', 'SELL', `pm${plan.id}-0-u0`],
    ]);
    expect(entryOf(h, id)).toMatchObject({ status: 'unwound', filled: 0.05 });
    expect(h.exposureCalls[0]).toMatchObject([{ cause: `unhedged:${plan.id}:p1` }]);
    expect(h.service.exposures()).toEqual([]);
    expect(report.message).toMatch(/left one-legged was undone/);
    expect(h.service.getExecution(plan.id).problem).toMatch(
      /time \(10 s after the first leg filled\)/,
    );
  });

  it('undoes the first leg when the book no longer offers the missing amount within the limit price', async () => {
    const h = await harness(venue.sim, { inFlightMs: 0 });
    // The short's limit sits far above the best bid: no bid within it.
    const plan = await basisTrade(h, 0.05, -0.5);
    await sentThenStopped(h, plan, plan.steps[0] as OrderStep);

    const report = await h.service.reconcile();
    expect(report.pairs).toMatchObject([{ outcome: 'unwound' }]);
    expect(ordersOf(venue.sim, plan.id).filter((o) => o.venue === 'futures')).toEqual([]);
    expect(h.service.getExecution(plan.id).problem).toMatch(/no longer offers the 0\.05 BTC/);
  });

  it('completes the undoing an earlier run began, under the next undoing attempt, never reusing an id', async () => {
    const h = await harness(venue.sim, { inFlightMs: 0 });
    const plan = await basisTrade(h, 0.05);
    const buy = plan.steps[0] as OrderStep;
    const id = await sentThenStopped(h, plan, buy);
    // An earlier undoing sold part of the fill back, then Premia stopped.
    const undo = {
      ...intentOf(plan, buy),
      clientOrderId: `pm${plan.id}-0-u0`,
      side: 'sell' as const,
      amount: 0.02,
    };
    await h.journal.append(undo);
    const book = await h.gateway.fetchOrderBook('BTC/USDT');
    await h.gateway.placeOrder({
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'limit',
      timeInForce: 'IOC',
      amount: 0.02,
      price: book.bids[0]![0] * 0.99,
      clientOrderId: undo.clientOrderId,
    });

    const report = await h.service.reconcile();
    expect(report.pairs).toMatchObject([{ outcome: 'unwound' }]);
    const sells = ordersOf(venue.sim, plan.id).filter((o) => o.side === 'SELL');
    expect(sells.map((o) => o.clientOrderId)).toEqual([undo.clientOrderId, `pm${plan.id}-0-u1`]);
    expect(sells.reduce((s, o) => s + o.filled, 0)).toBeCloseTo(0.05 * (1 - 0.001), 8);
    expect(entryOf(h, id)).toMatchObject({ status: 'unwound' });
  });

  it('keeps the unhedged alarm standing, and tells the user, when the undoing is refused', async () => {
    const h = await harness(venue.sim, { inFlightMs: 0 });
    const plan = await basisTrade(h, 0.05);
    await sentThenStopped(h, plan, plan.steps[0] as OrderStep);
    h.advance(11_000);
    venue.sim.control.setFaults({ rejectOrdersOn: ['spot:BTCUSDT'] });

    const report = await h.service.reconcile();
    expect(report.pairs).toMatchObject([{ outcome: 'exposed', asset: 'BTC' }]);
    expect(h.service.exposures()).toMatchObject([
      { kind: 'unhedged', cause: `unhedged:${plan.id}:p1`, level: 'critical' },
    ]);
    expect(report.message).toMatch(
      /is not hedged and could not be undone: hedge or close it by hand/,
    );
  });

  it('never tries an undoing that failed again on its own, and drops the alarm for good once the user says it was dealt with', async () => {
    const h = await harness(venue.sim, { inFlightMs: 0 });
    const plan = await basisTrade(h, 0.05);
    await sentThenStopped(h, plan, plan.steps[0] as OrderStep);
    h.advance(11_000);
    venue.sim.control.setFaults({ rejectOrdersOn: ['spot:BTCUSDT'] });
    await h.service.reconcile();
    venue.sim.control.clearFaults();
    const sent = ordersOf(venue.sim, plan.id).length;

    // The user may have sold or hedged it by hand meanwhile: nothing is sent, the alarm stands.
    const again = await h.service.reconcile();
    expect(again.pairs).toMatchObject([{ outcome: 'exposed', asset: 'BTC' }]);
    expect(ordersOf(venue.sim, plan.id)).toHaveLength(sent);
    const cause = `unhedged:${plan.id}:p1`;
    expect(h.service.exposures().map((c) => c.cause)).toEqual([cause]);

    expect(await h.service.resolveExposure(cause)).toBe(true);
    expect(h.service.exposures()).toEqual([]);
    const after = await h.service.reconcile();
    expect(after.pairs).toEqual([]);
    expect(h.service.exposures()).toEqual([]);
    expect(ordersOf(venue.sim, plan.id)).toHaveLength(sent);
    expect(await h.service.resolveExposure(cause)).toBe(false);
  });

  it('undoes the first leg, reduce-only for a short, when the plan is no longer kept', async () => {
    const h = await harness(venue.sim, { inFlightMs: 0 });
    const plan = await basisTrade(h, 0.05);
    const short = plan.steps[1] as OrderStep;
    await sentThenStopped(h, plan, short);
    h.plans.delete(plan.id);

    const report = await h.service.reconcile();
    expect(report.pairs).toMatchObject([{ outcome: 'unwound' }]);
    expect(
      ordersOf(venue.sim, plan.id).map((o) => [o.side, o.clientOrderId, o.reduceOnly]),
    ).toEqual([
      ['SELL', `pm${plan.id}-1-0`, false],
      ['BUY', `pm${plan.id}-1-u0`, true],
    ]);
    const execution = h.service.getExecution(plan.id);
    expect(execution.problem).toMatch(/no longer kept/);
    expect(execution.steps).toMatchObject([{ step: 1, state: 'unwound', filled: 0.05 }]);
  });
});
