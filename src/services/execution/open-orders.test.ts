// Integration: orders left open on the venue, with the real ccxt over HTTP against the simulator —
// listed with the plan they belong to, cancelled with the journal told, and a journaled order found
// open followed to its end (cancelled, read back) rather than sent again.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { useGatewaySimulator } from '../gateway/gateway-testing';
import { ACCOUNT, EXECUTION_SIM_OPTIONS, harness, ordersOf } from './execution-testing';
import { settleJournaledOrder } from './order-follow';
import { orderChange } from './journal-testing';

const venue = useGatewaySimulator(() => startSimulator(EXECUTION_SIM_OPTIONS));

/** A resting buy far below the market, journaled as a plan's order the venue acknowledged. */
async function restingOrder(h: Awaited<ReturnType<typeof harness>>, planId: string) {
  const clientOrderId = `pm${planId}-0-0`;
  const placed = await h.gateway.placeOrder({
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    timeInForce: 'GTC',
    amount: 0.01,
    price: 20_000,
    clientOrderId,
  });
  const { entry } = await h.journal.append(
    orderChange({
      clientOrderId,
      planId,
      account: ACCOUNT,
      amount: 0.01,
      orderId: placed.id,
      status: 'acknowledged',
    }),
  );
  return { placed, entry };
}

describe('open orders', () => {
  it('are listed with the plan a Premia order belongs to, and cancelled with its journal entry ended', async () => {
    const h = await harness(venue.sim);
    const { placed } = await restingOrder(h, 'openone');
    const open = await h.service.listOpenOrders();
    expect(open).toContainEqual(
      expect.objectContaining({
        account: ACCOUNT,
        exchange: 'binance',
        market: 'spot',
        symbol: 'BTC/USDT',
        side: 'buy',
        amount: 0.01,
        price: 20_000,
        orderId: placed.id,
        clientOrderId: 'pmopenone-0-0',
        planId: 'openone',
      }),
    );
    const after = await h.service.cancelOrder({
      account: ACCOUNT,
      symbol: 'BTC/USDT',
      orderId: placed.id,
    });
    expect(after.map((o) => o.orderId)).not.toContain(placed.id);
    expect(h.journal.byPlan('openone')).toMatchObject([{ status: 'canceled', live: false }]);
    expect(h.service.journal({ planId: 'openone', status: ['canceled'] }).entries).toHaveLength(1);
  });

  it('answers not-found in words for an order no longer open', async () => {
    const h = await harness(venue.sim);
    await expect(
      h.service.cancelOrder({ account: ACCOUNT, symbol: 'BTC/USDT', orderId: '123456789' }),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/no open order/) });
  });

  it('a journaled order found still open is cancelled and read back, never sent again', async () => {
    const h = await harness(venue.sim);
    const { entry } = await restingOrder(h, 'follow');
    const settled = await settleJournaledOrder(h.journal, h.gateway, entry, 1, {
      sleep: async () => {},
    });
    expect(settled.problem).toBeNull();
    expect(settled.entry).toMatchObject({ status: 'canceled', live: false, filled: 0 });
    expect(ordersOf(venue.sim, 'follow')).toMatchObject([{ status: 'CANCELED' }]);
  });

  it('a journaled order the venue never got is abandoned, not sent', async () => {
    const h = await harness(venue.sim);
    const { entry } = await h.journal.append(
      orderChange({ clientOrderId: 'pmnever-0-0', planId: 'never', account: ACCOUNT }),
    );
    const sleeps: number[] = [];
    const settled = await settleJournaledOrder(h.journal, h.gateway, entry, 1, {
      sleep: async (ms) => void sleeps.push(ms),
      lookups: 3,
      lookupDelayMs: 200,
    });
    expect(settled.entry).toMatchObject({ status: 'abandoned', live: false });
    expect(settled.entry.reason).toMatch(/never arrived/);
    expect(sleeps).toEqual([200, 400]);
    expect(ordersOf(venue.sim, 'never')).toEqual([]);
  });
});

describe('the journal as the API shows it', () => {
  it('filters by plan, account, asset, status and time, and exports the fills as CSV', async () => {
    const h = await harness(venue.sim);
    await h.journal.append(
      orderChange({ clientOrderId: 'pmqa-0-0', planId: 'qa', account: ACCOUNT }),
    );
    await h.journal.append(
      orderChange({
        clientOrderId: 'pmqa-0-0',
        planId: 'qa',
        account: ACCOUNT,
        status: 'filled',
        live: false,
        filled: 0.5,
        price: 60_000,
        fee: 0.0005,
        feeCurrency: 'BTC',
        orderId: '77',
      }),
    );
    await h.journal.append(
      orderChange({
        clientOrderId: 'pmqb-0-0',
        planId: 'qb',
        account: 'acc-2',
        asset: 'ETH',
        symbol: 'ETH/USDT',
      }),
    );
    const all = h.service.journal({});
    expect(all.entries.map((e) => e.clientOrderId)).toEqual(['pmqa-0-0', 'pmqb-0-0']);
    expect(all.entries[0]).toMatchObject({ orderId: '77', status: 'filled', updatedAt: h.now() });
    expect(all.entries[0]).not.toHaveProperty('live');
    expect(h.service.journal({ planId: 'qb' }).entries).toHaveLength(1);
    expect(h.service.journal({ account: 'acc-2' }).entries[0]!.planId).toBe('qb');
    expect(h.service.journal({ asset: 'eth' }).entries[0]!.planId).toBe('qb');
    expect(h.service.journal({ status: ['intent'] }).entries[0]!.planId).toBe('qb');
    expect(h.service.journal({ from: h.now() + 1 }).entries).toEqual([]);
    expect(h.service.journal({ to: h.now() - 1 }).entries).toEqual([]);
    const csv = h.service.journalCsv().trim().split(/\r?\n/);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain('qa');
  });
});
