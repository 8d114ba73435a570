// The venue's order rules a plan's execution leans on, over HTTP: a client id is unique among OPEN
// orders only, immediate-or-cancel limit orders take what the book gives within the limit and expire
// the rest, and reduce-only futures orders never open or flip a position.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { venueClient, type VenueClient } from './testing';

let sim: Simulator;
let client: VenueClient;

beforeEach(async () => {
  await sim?.close();
  sim = await startSimulator({
    seed: 5,
    marketTime: Date.UTC(2025, 5, 2, 9),
    speed: 0,
    balances: { spot: { USDT: 2_000_000, BTC: 1, ETH: 20 }, futuresUsdt: 200_000 },
  });
  client = venueClient(sim.url, sim.credentials);
});

afterAll(() => sim.close());

type Order = {
  orderId: number;
  clientOrderId: string;
  status: string;
  executedQty: string;
  fills?: { price: string; qty: string }[];
};
type Position = { symbol: string; positionAmt: string };

const levels = (rows: string[][]) => rows.map(([p, q]) => ({ price: Number(p), qty: Number(q) }));

async function book(path: string, symbol: string) {
  const res = await client.get<{ bids: string[][]; asks: string[][] }>(path, { symbol, limit: 10 });
  return { bids: levels(res.body.bids), asks: levels(res.body.asks) };
}

async function position(symbol: string): Promise<number> {
  const res = await client.signed<Position[]>('GET', '/fapi/v3/positionRisk', { symbol });
  return Number(res.body[0]?.positionAmt ?? 0);
}

const spotOrder = (params: Record<string, string | number>) =>
  client.signed<Order>('POST', '/api/v3/order', { symbol: 'BTCUSDT', ...params });
const futuresOrder = (params: Record<string, string | number>) =>
  client.signed<Order>('POST', '/fapi/v1/order', { symbol: 'ETHUSDT', ...params });

describe('a client order id', () => {
  it('is refused on spot while an open order holds it, and free again once that order is done', async () => {
    const resting = { side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: 0.01, price: 1000 };
    const first = await spotOrder({ ...resting, newClientOrderId: 'pm-a-0-0' });
    expect(first.body.status).toBe('NEW');
    const again = await spotOrder({ ...resting, newClientOrderId: 'pm-a-0-0' });
    expect(again.body).toEqual({ code: -2010, msg: 'Duplicate order sent.' });
    await client.signed('DELETE', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'pm-a-0-0',
    });
    const reused = await spotOrder({
      side: 'BUY',
      type: 'MARKET',
      quantity: 0.01,
      newClientOrderId: 'pm-a-0-0',
    });
    expect(reused.body.status).toBe('FILLED');
    // A filled order's id may be sent again too.
    const twice = await spotOrder({
      side: 'SELL',
      type: 'MARKET',
      quantity: 0.01,
      newClientOrderId: 'pm-a-0-0',
    });
    expect(twice.body.status).toBe('FILLED');
    const found = await client.signed<Order>('GET', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'pm-a-0-0',
    });
    expect(found.body.orderId).toBe(twice.body.orderId);
  });

  it('is refused on futures while an open order holds it, and free again once that order expired', async () => {
    const { bids } = await book('/fapi/v1/depth', 'ETHUSDT');
    const low = Math.round(bids[0]!.price * 0.5);
    const resting = { side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: 1, price: low };
    expect((await futuresOrder({ ...resting, newClientOrderId: 'pm-b-1-0' })).body.status).toBe(
      'NEW',
    );
    const again = await futuresOrder({ ...resting, newClientOrderId: 'pm-b-1-0' });
    expect(again.body).toEqual({ code: -4116, msg: 'ClientOrderId is duplicated.' });
    // The same id on the spot venue is another venue's business.
    const spot = await spotOrder({
      side: 'BUY',
      type: 'MARKET',
      quantity: 0.01,
      newClientOrderId: 'pm-b-1-0',
    });
    expect(spot.body.status).toBe('FILLED');
    await client.signed('DELETE', '/fapi/v1/order', {
      symbol: 'ETHUSDT',
      origClientOrderId: 'pm-b-1-0',
    });
    const expired = await futuresOrder({
      ...resting,
      timeInForce: 'IOC',
      newClientOrderId: 'pm-b-1-1',
    });
    expect(expired.body.status).toBe('EXPIRED');
    const reused = await futuresOrder({ ...resting, newClientOrderId: 'pm-b-1-1' });
    expect(reused.body.status).toBe('NEW');
  });
});

describe('an immediate-or-cancel limit order', () => {
  it('on spot takes the levels at or better than its limit and expires the rest, keeping its fills', async () => {
    const { asks } = await book('/api/v3/depth', 'BTCUSDT');
    const limit = asks[1]!.price;
    const reachable = asks[0]!.qty + asks[1]!.qty;
    const quantity = Number((reachable + asks[2]!.qty).toFixed(5));
    const res = await spotOrder({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'IOC',
      quantity,
      price: limit,
      newOrderRespType: 'FULL',
    });
    expect(res.body.status).toBe('EXPIRED');
    expect(Number(res.body.executedQty)).toBeCloseTo(reachable, 8);
    expect(res.body.fills!.map((f) => Number(f.price))).toEqual([asks[0]!.price, limit]);
    const open = await client.signed<Order[]>('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
    expect(open.body).toEqual([]);
    const account = await client.signed<{ balances: { asset: string; free: string }[] }>(
      'GET',
      '/api/v3/account',
    );
    const btc = Number(account.body.balances.find((b) => b.asset === 'BTC')!.free);
    expect(btc).toBeCloseTo(1 + reachable * 0.999, 8);
  });

  it('on futures sells down to its limit and no further, and expires with nothing when the book is away', async () => {
    const { bids, asks } = await book('/fapi/v1/depth', 'ETHUSDT');
    const limit = bids[1]!.price;
    const reachable = bids[0]!.qty + bids[1]!.qty;
    const res = await futuresOrder({
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'IOC',
      quantity: Number((reachable + bids[2]!.qty).toFixed(3)),
      price: limit,
    });
    expect(res.body.status).toBe('EXPIRED');
    expect(Number(res.body.executedQty)).toBeCloseTo(reachable, 6);
    expect(await position('ETHUSDT')).toBeCloseTo(-reachable, 6);
    const away = await futuresOrder({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'IOC',
      quantity: 1,
      price: Math.round(asks[0]!.price * 0.9),
    });
    expect(away.body.status).toBe('EXPIRED');
    expect(Number(away.body.executedQty)).toBe(0);
  });
});

describe('a reduce-only futures order', () => {
  async function short(quantity: number): Promise<void> {
    await futuresOrder({ side: 'SELL', type: 'MARKET', quantity });
    expect(await position('ETHUSDT')).toBeCloseTo(-quantity, 8);
  }

  it('sent immediate-or-cancel for more than the position closes it and opens nothing', async () => {
    await short(2);
    const { asks } = await book('/fapi/v1/depth', 'ETHUSDT');
    const res = await futuresOrder({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'IOC',
      quantity: 5,
      price: Math.round(asks[0]!.price * 1.01),
      reduceOnly: 'true',
    });
    expect(Number(res.body.executedQty)).toBe(2);
    expect(await position('ETHUSDT')).toBe(0);
  });

  it('resting, fills only what is left of the position when the market reaches it, never flipping it', async () => {
    await short(2);
    const { bids } = await book('/fapi/v1/depth', 'ETHUSDT');
    const resting = await futuresOrder({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: 2,
      price: bids[0]!.price,
      reduceOnly: 'true',
      newClientOrderId: 'close-rest',
    });
    expect(resting.body.status).toBe('NEW');
    await futuresOrder({ side: 'BUY', type: 'MARKET', quantity: 1.5 });
    expect(await position('ETHUSDT')).toBeCloseTo(-0.5, 8);
    // The market wanders a minute at a time until its ask comes down to the order.
    for (let i = 0; i < 10_000 && sim.control.state().openOrders > 0; i++)
      sim.control.advance(60_000);
    const o = await client.signed<Order>('GET', '/fapi/v1/order', {
      symbol: 'ETHUSDT',
      origClientOrderId: 'close-rest',
    });
    const status = o.body.status;
    expect(Number(o.body.executedQty)).toBeCloseTo(0.5, 8);
    expect(status).toBe('EXPIRED');
    expect(await position('ETHUSDT')).toBe(0);
  });

  it('resting, expires once its position is closed by another order', async () => {
    await short(1);
    const { bids } = await book('/fapi/v1/depth', 'ETHUSDT');
    await futuresOrder({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: 1,
      price: Math.round(bids[0]!.price * 0.5),
      reduceOnly: 'true',
      newClientOrderId: 'close-gone',
    });
    await futuresOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    sim.control.advance(60_000);
    const o = await client.signed<Order>('GET', '/fapi/v1/order', {
      symbol: 'ETHUSDT',
      origClientOrderId: 'close-gone',
    });
    expect(o.body.status).toBe('EXPIRED');
    expect(Number(o.body.executedQty)).toBe(0);
    expect(await position('ETHUSDT')).toBe(0);
  });
});
