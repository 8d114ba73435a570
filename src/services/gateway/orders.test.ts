// Integration: orders already on the venue, with the real ccxt binance class over HTTP against the
// simulator: immediate-or-cancel limit orders, cancelling by either id, listing open orders, and
// finding a done order by its client id.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { MARKET_TIME, useGatewaySimulator } from './gateway-testing';

const venue = useGatewaySimulator(() =>
  startSimulator({
    seed: 17,
    marketTime: MARKET_TIME,
    speed: 0,
    balances: { spot: { USDT: 20_000_000, BTC: 2 }, futuresUsdt: 100_000 },
  }),
);
const { gateway } = venue;

describe('an immediate-or-cancel limit order', () => {
  it('fills what the book gives within its limit, expires the rest, and is found by its client id once done', async () => {
    const { g } = gateway({ credentials: venue.sim.credentials });
    const book = await g.fetchOrderBook('BTC/USDT', 10);
    const [first, second, third] = book.asks;
    const reachable = first![1] + second![1];
    const order = await g.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      timeInForce: 'IOC',
      amount: Number((reachable + third![1]).toFixed(5)),
      price: second![0],
      clientOrderId: 'pmioc1-0-0',
    });
    expect(order.status).toBe('expired');
    expect(order.filled).toBeCloseTo(reachable, 8);
    expect(order.average!).toBeLessThanOrEqual(second![0]);
    const found = await g.fetchOrderByClientId('BTC/USDT', 'pmioc1-0-0');
    expect(found).toMatchObject({ id: order.id, status: 'expired' });
    expect(found!.filled).toBeCloseTo(reachable, 8);
    expect(await g.fetchOpenOrders('BTC/USDT')).toEqual([]);
  });

  it('on futures expires unfilled when the book is away from its limit', async () => {
    const { g } = gateway({ credentials: venue.sim.credentials });
    const book = await g.fetchOrderBook('ETH/USDT:USDT', 5);
    const order = await g.placeOrder({
      symbol: 'ETH/USDT:USDT',
      side: 'sell',
      type: 'limit',
      timeInForce: 'IOC',
      amount: 1,
      price: Math.round(book.bids[0]![0] * 1.1),
      clientOrderId: 'pmioc2-0-0',
    });
    expect(order).toMatchObject({ status: 'expired', filled: 0 });
    await expect(g.fetchOrderByClientId('ETH/USDT:USDT', 'pmioc2-0-0')).resolves.toMatchObject({
      status: 'expired',
    });
  });
});

describe('orders resting on the venue', () => {
  it('are listed by symbol and all together, and cancelled by client id or by the venue id', async () => {
    const { g } = gateway({ credentials: venue.sim.credentials });
    const spot = await g.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      timeInForce: 'GTC',
      amount: 0.01,
      price: 10_000,
      clientOrderId: 'pmrest-0-0',
    });
    const futures = await g.placeOrder({
      symbol: 'BTC/USDT:USDT',
      side: 'buy',
      type: 'limit',
      amount: 0.01,
      price: 20_000,
      clientOrderId: 'pmrest-1-0',
    });
    expect(futures.status).toBe('open');
    expect((await g.fetchOpenOrders('BTC/USDT')).map((o) => o.clientOrderId)).toEqual([
      'pmrest-0-0',
    ]);
    const all = await g.fetchOpenOrders();
    expect(all.map((o) => [o.symbol, o.clientOrderId]).sort()).toEqual([
      ['BTC/USDT', 'pmrest-0-0'],
      ['BTC/USDT:USDT', 'pmrest-1-0'],
    ]);

    const byClient = await g.cancelOrder('BTC/USDT', { clientOrderId: 'pmrest-0-0' });
    expect(byClient).toMatchObject({ id: spot.id, status: 'canceled' });
    const byId = await g.cancelOrder('BTC/USDT:USDT', { id: futures.id });
    expect(byId).toMatchObject({ clientOrderId: 'pmrest-1-0', status: 'canceled' });
    expect(await g.fetchOpenOrders()).toEqual([]);
  });

  it('answers null for an order that is no longer open or never was, instead of failing', async () => {
    const { g } = gateway({ credentials: venue.sim.credentials });
    const filled = await g.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: 0.01,
      clientOrderId: 'pmgone-0-0',
    });
    expect(filled.status).toBe('closed');
    expect(await g.cancelOrder('BTC/USDT', { clientOrderId: 'pmgone-0-0' })).toBeNull();
    expect(await g.cancelOrder('BTC/USDT', { clientOrderId: 'pmnever-0-0' })).toBeNull();
    expect(await g.cancelOrder('ETH/USDT:USDT', { id: '999999' })).toBeNull();
    // The filled order is still found by its client id.
    await expect(g.fetchOrderByClientId('BTC/USDT', 'pmgone-0-0')).resolves.toMatchObject({
      id: filled.id,
      status: 'closed',
    });
  });
});
