// Plans carried out by the services on the demo market: made, re-checked, executed through the real
// ccxt against the simulator over HTTP, journaled, and seen in the holdings afterwards.
import { describe, expect, it } from 'vitest';
import type { PremiaEvent } from '../shared/api';
import type { OrderStep } from '../shared/plan';
import { clientOrderIdFor } from '../core/client-order-id';
import { servicesFolder, startSyncedDemo } from './app-services-testing';
import { openJournal } from './execution';

const dataFolder = servicesFolder();

describe('executing a plan on the demo market', () => {
  it('hedges ETH with a short, journals each step and shows the short in the holdings', async () => {
    const s = await startSyncedDemo(dataFolder);
    const events: PremiaEvent[] = [];
    s.onEvent((event) => events.push(event));
    const plan = await s.api.createPlan({ action: { asset: 'ETH', kind: 'hedge' } });
    expect(plan.ready).toBe(true);
    const short = plan.steps.find(
      (step): step is OrderStep => step.kind === 'order' && step.purpose === 'open-short',
    );
    if (!short) throw new Error('the hedge plan opens no short');

    const execution = await s.api.executePlan({ planId: plan.id });
    expect({ state: execution.state, problem: execution.problem }).toEqual({
      state: 'done',
      problem: null,
    });
    expect(execution.steps.map((step) => step.state)).toEqual(plan.steps.map(() => 'done'));
    expect(events.some((e) => e.type === 'execution' && e.execution.state === 'running')).toBe(
      true,
    );
    expect(await s.api.getExecution(plan.id)).toEqual(execution);

    const journal = await s.api.getJournal({ planId: plan.id });
    expect(journal.entries.map((e) => [e.step, e.kind, e.status])).toEqual(
      plan.steps.map((step) => [step.step, step.kind, 'filled']),
    );
    const csv = await s.api.exportJournalCsv();
    expect(csv).toContain(short.symbol);

    const view = await s.api.syncHoldings();
    const positions = view.holdings.flatMap((h) => h.futures.positions);
    const ethShort = positions.find((p) => p.symbol === short.symbol);
    expect(ethShort?.side).toBe('short');
    expect(ethShort?.contracts).toBeCloseTo(short.contracts ?? short.amount, 9);
  });

  it('refuses to carry the same plan out twice, and nothing more reaches the venue', async () => {
    const s = await startSyncedDemo(dataFolder);
    const plan = await s.api.createPlan({ action: { asset: 'ETH', kind: 'hedge' } });
    await s.api.executePlan({ planId: plan.id });
    const before = (await s.api.getJournal({})).entries.length;
    await expect(s.api.executePlan({ planId: plan.id })).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect((await s.api.getJournal({})).entries).toHaveLength(before);
  });

  it.each([
    ['de-risk', 'BTC'],
    ['accumulate', 'ETH'],
    ['close-hedge', 'BTC'],
  ] as const)(
    'carries out the %s plan on %s to done, every step filled as planned',
    async (kind, asset) => {
      const s = await startSyncedDemo(dataFolder);
      const plan = await s.api.createPlan({ action: { asset, kind } });
      expect(plan.steps.length).toBeGreaterThan(0);
      const execution = await s.api.executePlan({ planId: plan.id });
      expect({ state: execution.state, problem: execution.problem }).toEqual({
        state: 'done',
        problem: null,
      });
      const journal = await s.api.getJournal({ planId: plan.id });
      expect(journal.entries.map((e) => e.status)).toEqual(plan.steps.map(() => 'filled'));
      for (const [i, step] of plan.steps.entries()) {
        expect(journal.entries[i]!.filled).toBeCloseTo(step.amount, 9);
      }
    },
  );

  it('carries out the full rebalance, then flattens every short it left', async () => {
    const s = await startSyncedDemo(dataFolder);
    const plan = await s.api.createPlan({});
    expect(plan.steps.length).toBeGreaterThan(0);
    const rebalanced = await s.api.executePlan({ planId: plan.id });
    expect({ state: rebalanced.state, problem: rebalanced.problem }).toEqual({
      state: 'done',
      problem: null,
    });

    await s.api.syncHoldings();
    const flatten = await s.api.createPlan({ flatten: true });
    expect(flatten.flatten).toBe(true);
    expect(flatten.steps.length).toBeGreaterThan(0);
    const flattened = await s.api.executePlan({ planId: flatten.id });
    expect({ state: flattened.state, problem: flattened.problem }).toEqual({
      state: 'done',
      problem: null,
    });
    const view = await s.api.syncHoldings();
    const shorts = view.holdings.flatMap((h) =>
      h.futures.positions.filter((p) => p.side === 'short'),
    );
    expect(shorts).toEqual([]);
  });

  it('reconciles at start-up an order the journal holds as about to be sent: abandoned, never sent, and the user told', async () => {
    let s = await startSyncedDemo(dataFolder);
    const account = (await s.api.syncHoldings()).holdings[0]!.accountId;
    await s.close();

    // Written a minute ago, as by a Premia that stopped before the order left it.
    const journal = await openJournal({ dataDir: dataFolder.dir, now: () => Date.now() - 60_000 });
    await journal.append({
      kind: 'order',
      clientOrderId: clientOrderIdFor({ planId: 'crashed1', step: 0, attempt: 0 }),
      planId: 'crashed1',
      step: 0,
      attempt: 0,
      pair: null,
      account,
      exchange: 'binance',
      asset: 'ETH',
      symbol: 'ETH/USDT',
      side: 'buy',
      from: null,
      to: null,
      amount: 0.01,
      filled: 0,
      price: null,
      fee: null,
      feeCurrency: null,
      orderId: null,
      status: 'intent',
      live: true,
      reason: null,
    });
    await journal.close();

    s = await startSyncedDemo(dataFolder);
    await expect
      .poll(async () => (await s.api.getJournal({ planId: 'crashed1' })).entries[0]?.status, {
        timeout: 20_000,
      })
      .toBe('abandoned');
    const notices = (await s.api.getAppInfo()).notices.map((n) => n.message);
    expect(notices.some((m) => /abandon|never reached/i.test(m))).toBe(true);
    expect((await s.api.getExecution('crashed1')).state).toBe('failed');
  });

  it('raises again at start-up an exposure whose undoing failed, sends nothing for it, and drops it for good once acknowledged as dealt with by hand', async () => {
    let s = await startSyncedDemo(dataFolder);
    const account = (await s.api.syncHoldings()).holdings[0]!.accountId;
    await s.close();

    // A Premia bought ETH for a pair, could not short it, and could not sell it back either.
    const journal = await openJournal({ dataDir: dataFolder.dir, now: () => Date.now() - 600_000 });
    const leg = {
      kind: 'order' as const,
      planId: 'onelegged1',
      step: 0,
      pair: 'p1',
      account,
      exchange: 'binance',
      asset: 'ETH',
      symbol: 'ETH/USDT',
      from: null,
      to: null,
      amount: 0.01,
      fee: 0,
      feeCurrency: 'USDT',
      reason: null,
    };
    await journal.append({
      ...leg,
      clientOrderId: clientOrderIdFor({ planId: 'onelegged1', step: 0, attempt: 0 }),
      attempt: 0,
      side: 'buy',
      filled: 0.01,
      price: 3_000,
      orderId: '1',
      status: 'filled',
      live: false,
    });
    await journal.append({
      ...leg,
      clientOrderId: clientOrderIdFor({
        planId: 'onelegged1',
        step: 0,
        attempt: 0,
        role: 'unwind',
      }),
      attempt: 0,
      side: 'sell',
      filled: 0,
      price: null,
      orderId: null,
      status: 'failed',
      live: false,
      reason: 'The venue refused it.',
    });
    await journal.close();

    s = await startSyncedDemo(dataFolder);
    const cause = 'unhedged:onelegged1:p1';
    const unhedged = async () =>
      (await s.api.listAlerts()).active.filter((a) => a.kind === 'unhedged');
    await expect
      .poll(async () => (await unhedged()).map((a) => a.cause), { timeout: 20_000 })
      .toEqual([cause]);
    expect((await s.api.getJournal({ planId: 'onelegged1' })).entries).toHaveLength(2);

    const alert = (await unhedged())[0]!;
    const view = await s.api.acknowledgeAlert(alert.id);
    expect(view.active.filter((a) => a.kind === 'unhedged')).toEqual([]);
    expect(view.history.map((a) => a.cause)).toContain(cause);
    await s.close();

    // Started again: the journal still holds the pair, but it was dealt with.
    s = await startSyncedDemo(dataFolder);
    // An execution waits for the reconciliation the sync started, so once one has run it is over.
    const hedge = await s.api.createPlan({ action: { asset: 'BTC', kind: 'hedge' } });
    await s.api.executePlan({ planId: hedge.id });
    const notices = (await s.api.getAppInfo()).notices.map((n) => n.message);
    expect(notices.filter((m) => m.includes('onelegged1'))).toEqual([]);
    expect(await unhedged()).toEqual([]);
    expect((await s.api.getJournal({ planId: 'onelegged1' })).entries).toHaveLength(2);
  });
});
