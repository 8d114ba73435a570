// The simulator's order log, read as a test in another process reads it: GET /__control/orders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlToken } from './control-token';
import type { OrderLogEntry } from './order-log';
import { startSimulator, type Simulator } from './simulator';
import { venueClient, type VenueClient } from './testing';

const MARKET_TIME = Date.UTC(2025, 7, 4, 15);
let sim: Simulator;
let client: VenueClient;

beforeAll(async () => {
  const token = createControlToken();
  sim = await startSimulator({ seed: 8, marketTime: MARKET_TIME, speed: 0, controlToken: token });
  client = venueClient(sim.url, sim.credentials, token);
});

afterAll(() => sim.close());

async function log(): Promise<OrderLogEntry[]> {
  const res = await client.control<{ orders: OrderLogEntry[] }>('orders');
  expect(res.status).toBe(200);
  return res.body.orders;
}

describe('GET /__control/orders', () => {
  it('lists every order the venue accepted or refused, with the account, what was asked and the answer', async () => {
    const accepted = await client.signed<{ orderId: number }>('POST', '/api/v3/order', {
      symbol: 'ETHUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: 0.5,
      newClientOrderId: 'pmlog-0-0',
    });
    const refused = await client.signed('POST', '/fapi/v1/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: 50,
      newClientOrderId: 'pmlog-1-0',
    });
    expect(refused.body).toMatchObject({ code: -2019 });
    const minted = sim.control.mintKey({ portfolio: 'demo' });
    await client.signed(
      'POST',
      '/api/v3/order',
      { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: 0.001 },
      { credentials: minted },
    );
    const orders = await log();
    expect(orders).toHaveLength(3);
    expect(orders[0]).toMatchObject({
      seq: 1,
      account: 'main',
      venue: 'spot',
      symbol: 'ETHUSDT',
      side: 'BUY',
      type: 'MARKET',
      amount: 0.5,
      clientOrderId: 'pmlog-0-0',
      orderId: accepted.body.orderId,
      outcome: 'accepted',
      refusal: null,
      status: 'FILLED',
      filled: 0.5,
      changes: [{ status: 'FILLED', filled: 0.5, at: MARKET_TIME }],
    });
    expect(orders[1]).toMatchObject({
      account: 'main',
      venue: 'futures',
      symbol: 'BTCUSDT',
      amount: 50,
      clientOrderId: 'pmlog-1-0',
      orderId: null,
      outcome: 'refused',
      refusal: { code: -2019, msg: 'Margin is insufficient.' },
      status: null,
      changes: [],
    });
    // An order sent without a client id is logged with the one the venue gave it.
    expect(orders[2]).toMatchObject({ account: minted.accountId, outcome: 'accepted' });
    expect(orders[2]!.clientOrderId).toMatch(/^sim_/);
  });

  it('follows an open order through its later changes, each with its market time', async () => {
    const book = await client.get<{ bids: string[][] }>('/api/v3/depth', {
      symbol: 'BTCUSDT',
      limit: 5,
    });
    const far = Math.round(Number(book.body.bids[0]![0]) * 0.5);
    await client.signed('POST', '/api/v3/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: 0.01,
      price: far,
      newClientOrderId: 'pmlog-2-0',
    });
    const duplicate = await client.signed('POST', '/api/v3/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: 0.01,
      price: far,
      newClientOrderId: 'pmlog-2-0',
    });
    expect(duplicate.body).toMatchObject({ code: -2010 });
    sim.control.advance(90_000);
    await client.signed('DELETE', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'pmlog-2-0',
    });
    const mine = (await log()).filter((o) => o.clientOrderId === 'pmlog-2-0');
    expect(mine.map((o) => o.outcome)).toEqual(['accepted', 'refused']);
    expect(mine[0]).toMatchObject({
      status: 'CANCELED',
      price: far,
      timeInForce: 'GTC',
      changes: [
        { status: 'NEW', filled: 0, at: MARKET_TIME },
        { status: 'CANCELED', filled: 0, at: MARKET_TIME + 90_000 },
      ],
    });
    expect(mine[1]!.refusal).toEqual({ code: -2010, msg: 'Duplicate order sent.' });
  });

  it('starts over when the simulator is reset', async () => {
    expect((await log()).length).toBeGreaterThan(0);
    sim.control.reset();
    expect(await log()).toEqual([]);
  });
});
