// Orders over HTTP: market orders walk the book, limit orders rest and lock funds, the venue's
// filters and balance checks refuse what binance refuses, and futures track margin and positions.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { venueClient, type VenueClient } from './testing';

let sim: Simulator;
let client: VenueClient;

beforeEach(async () => {
  await sim?.close();
  sim = await startSimulator({
    seed: 21,
    marketTime: Date.UTC(2025, 3, 14, 10),
    speed: 0,
    // Enough quote to take several levels of a realistic book.
    balances: { spot: { USDT: 2_000_000, BTC: 0.5, ETH: 8 }, futuresUsdt: 20_000 },
  });
  client = venueClient(sim.url, sim.credentials);
});

afterAll(() => sim.close());

type Fill = { price: string; qty: string; commission: string; commissionAsset: string };
type SpotOrder = {
  orderId: number;
  clientOrderId: string;
  status: string;
  executedQty: string;
  cummulativeQuoteQty: string;
  fills: Fill[];
};
type Balance = { asset: string; free: string; locked: string };

async function balance(asset: string): Promise<{ free: number; locked: number }> {
  const res = await client.signed<{ balances: Balance[] }>('GET', '/api/v3/account');
  const b = res.body.balances.find((x) => x.asset === asset);
  return { free: Number(b?.free ?? 0), locked: Number(b?.locked ?? 0) };
}

describe('spot orders', () => {
  it('walk the book: a market buy larger than the best level fills across levels at rising prices', async () => {
    const book = await client.get<{ asks: string[][] }>('/api/v3/depth', {
      symbol: 'ETHUSDT',
      limit: 10,
    });
    const asks = book.body.asks.map(([p, q]) => [Number(p), Number(q)] as const);
    const quantity = Number((asks[0]![1] + asks[1]![1] + asks[2]![1] / 2).toFixed(4));
    const res = await client.signed<SpotOrder>('POST', '/api/v3/order', {
      symbol: 'ETHUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity,
      newClientOrderId: 'walk-1',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('FILLED');
    expect(res.body.fills.map((f) => Number(f.price))).toEqual([
      asks[0]![0],
      asks[1]![0],
      asks[2]![0],
    ]);
    expect(Number(res.body.executedQty)).toBeCloseTo(quantity, 8);
    const average = Number(res.body.cummulativeQuoteQty) / quantity;
    expect(average).toBeGreaterThan(asks[0]![0]);
    expect(res.body.fills.every((f) => f.commissionAsset === 'ETH')).toBe(true);
    expect((await balance('ETH')).free).toBeCloseTo(8 + quantity * 0.999, 8);
  });

  it('spend a quote amount with quoteOrderQty', async () => {
    const res = await client.signed<SpotOrder>('POST', '/api/v3/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: 1000,
    });
    expect(res.body.status).toBe('FILLED');
    expect(Number(res.body.cummulativeQuoteQty)).toBeLessThanOrEqual(1000);
    expect(Number(res.body.cummulativeQuoteQty)).toBeGreaterThan(990);
  });

  it('rest a limit order below the market, lock its funds, and release them on cancel', async () => {
    const before = await balance('USDT');
    const placed = await client.signed<SpotOrder>('POST', '/api/v3/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: 0.1,
      price: 1000,
      newClientOrderId: 'rest-1',
    });
    expect(placed.body.status).toBe('NEW');
    expect(await balance('USDT')).toEqual({ free: before.free - 100, locked: 100 });
    const open = await client.signed<SpotOrder[]>('GET', '/api/v3/openOrders', {
      symbol: 'BTCUSDT',
    });
    expect(open.body.map((o) => o.clientOrderId)).toEqual(['rest-1']);
    const found = await client.signed<SpotOrder>('GET', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'rest-1',
    });
    expect(found.body.orderId).toBe(placed.body.orderId);
    const cancelled = await client.signed<SpotOrder>('DELETE', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'rest-1',
    });
    expect(cancelled.body.status).toBe('CANCELED');
    expect(await balance('USDT')).toEqual(before);
    const again = await client.signed('DELETE', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'rest-1',
    });
    expect(again.body).toMatchObject({ code: -2011 });
  });

  it('fill a resting order when the market comes to it', async () => {
    const book = await client.get<{ bids: string[][] }>('/api/v3/depth', {
      symbol: 'SOLUSDT',
      limit: 5,
    });
    const bid = Number(book.body.bids[0]![0]);
    const price = Number((bid * 0.9999).toFixed(3));
    await client.signed('POST', '/api/v3/order', {
      symbol: 'SOLUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: 1,
      price,
      newClientOrderId: 'wait-1',
    });
    sim.control.setRegime('SOL', 'capitulation');
    let status = 'NEW';
    for (let i = 0; i < 96 && status === 'NEW'; i++) {
      sim.control.advance(3_600_000);
      const o = await client.signed<SpotOrder>('GET', '/api/v3/order', {
        symbol: 'SOLUSDT',
        origClientOrderId: 'wait-1',
      });
      status = o.body.status;
    }
    expect(status).toBe('FILLED');
    expect((await balance('SOL')).free).toBeCloseTo(0.999, 8);
  });

  it('refuse what binance refuses: lot size, notional, balance, duplicate ids, unknown symbols', async () => {
    const post = (params: Record<string, string | number>) =>
      client.signed('POST', '/api/v3/order', {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'MARKET',
        ...params,
      });
    expect((await post({ quantity: 0.000001 })).body).toEqual({
      code: -1013,
      msg: 'Filter failure: LOT_SIZE',
    });
    expect((await post({ quantity: 0.00001 })).body).toEqual({
      code: -1013,
      msg: 'Filter failure: NOTIONAL',
    });
    expect((await post({ quantity: 500 })).body).toMatchObject({
      code: -2010,
      msg: 'Account has insufficient balance for requested action.',
    });
    const resting = { type: 'LIMIT', timeInForce: 'GTC', price: 1000, newClientOrderId: 'dup-1' };
    expect((await post({ ...resting, quantity: 0.01 })).status).toBe(200);
    expect((await post({ quantity: 0.001, newClientOrderId: 'dup-1' })).body).toEqual({
      code: -2010,
      msg: 'Duplicate order sent.',
    });
    expect((await post({ quantity: 0.001, newClientOrderId: 'bad id!' })).body).toMatchObject({
      code: -1100,
    });
    const unknown = await client.signed('POST', '/api/v3/order', {
      symbol: 'FOOUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: 1,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    const missing = await client.signed('GET', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'never',
    });
    expect(missing.body).toMatchObject({ code: -2013 });
  });

  it('refuse a maker-only order that would take', async () => {
    const book = await client.get<{ asks: string[][] }>('/api/v3/depth', {
      symbol: 'ETHUSDT',
      limit: 5,
    });
    const res = await client.signed('POST', '/api/v3/order', {
      symbol: 'ETHUSDT',
      side: 'BUY',
      type: 'LIMIT_MAKER',
      quantity: 0.01,
      price: Number(book.body.asks[0]![0]),
    });
    expect(res.body).toMatchObject({ code: -2010, msg: 'Order would immediately match and take.' });
  });
});

type Position = {
  symbol: string;
  positionAmt: string;
  entryPrice: string;
  liquidationPrice: string;
  markPrice: string;
  unRealizedProfit: string;
};

describe('futures', () => {
  it('opens a one-way position at the book, with leverage, margin and a liquidation price', async () => {
    await client.signed('POST', '/fapi/v1/leverage', { symbol: 'BTCUSDT', leverage: 5 });
    await client.signed('POST', '/fapi/v1/marginType', {
      symbol: 'BTCUSDT',
      marginType: 'ISOLATED',
    });
    const order = await client.signed<{ status: string; avgPrice: string }>(
      'POST',
      '/fapi/v1/order',
      {
        symbol: 'BTCUSDT',
        side: 'SELL',
        type: 'MARKET',
        quantity: 0.05,
        newClientOrderId: 'fut-1',
      },
    );
    expect(order.body.status).toBe('FILLED');
    const [position] = (
      await client.signed<Position[]>('GET', '/fapi/v3/positionRisk', { symbol: 'BTCUSDT' })
    ).body;
    expect(Number(position!.positionAmt)).toBe(-0.05);
    expect(Number(position!.entryPrice)).toBeCloseTo(Number(order.body.avgPrice), 6);
    // An isolated 5x short is liquidated roughly 20% above entry, less the maintenance margin.
    const ratio = Number(position!.liquidationPrice) / Number(position!.entryPrice);
    expect(ratio).toBeGreaterThan(1.15);
    expect(ratio).toBeLessThan(1.2);
    const changed = await client.signed('POST', '/fapi/v1/marginType', {
      symbol: 'BTCUSDT',
      marginType: 'CROSSED',
    });
    expect(changed.body).toMatchObject({ code: -4048 });
    const same = await client.signed('POST', '/fapi/v1/marginType', {
      symbol: 'ETHUSDT',
      marginType: 'CROSSED',
    });
    expect(same.body).toMatchObject({ code: -4046 });
  });

  it('closes with reduce-only and refuses reduce-only without a position', async () => {
    await client.signed('POST', '/fapi/v1/order', {
      symbol: 'ETHUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: 1,
    });
    const close = await client.signed<{ status: string }>('POST', '/fapi/v1/order', {
      symbol: 'ETHUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: 5,
      reduceOnly: 'true',
    });
    expect(close.body.status).toBe('FILLED');
    const positions = await client.signed<Position[]>('GET', '/fapi/v3/positionRisk');
    expect(positions.body).toEqual([]);
    const refused = await client.signed('POST', '/fapi/v1/order', {
      symbol: 'ETHUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: 1,
      reduceOnly: 'true',
    });
    expect(refused.body).toMatchObject({ code: -2022 });
  });

  it('refuses an order the margin cannot carry, a notional under the minimum and a duplicate id', async () => {
    const big = await client.signed('POST', '/fapi/v1/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: 50,
    });
    expect(big.body).toEqual({ code: -2019, msg: 'Margin is insufficient.' });
    const small = await client.signed('POST', '/fapi/v1/order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: 0.001,
    });
    expect(small.body).toMatchObject({ code: -4164 });
    const first = await client.signed('POST', '/fapi/v1/order', {
      symbol: 'SOLUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: 10,
      quantity: 1,
      newClientOrderId: 'f-dup',
    });
    expect(first.status).toBe(200);
    const second = await client.signed('POST', '/fapi/v1/order', {
      symbol: 'SOLUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: 1,
      newClientOrderId: 'f-dup',
    });
    expect(second.body).toEqual({ code: -4116, msg: 'ClientOrderId is duplicated.' });
  });

  it('moves USDT between the spot and futures wallets', async () => {
    const spotBefore = await balance('USDT');
    const res = await client.signed<{ tranId: number }>('POST', '/sapi/v1/asset/transfer', {
      type: 'MAIN_UMFUTURE',
      asset: 'USDT',
      amount: 1500,
    });
    expect(res.body.tranId).toBeGreaterThan(0);
    expect((await balance('USDT')).free).toBeCloseTo(spotBefore.free - 1500, 6);
    const account = await client.signed<{ totalWalletBalance: string }>('GET', '/fapi/v3/account');
    expect(Number(account.body.totalWalletBalance)).toBeCloseTo(20_000 + 1500, 6);
    const back = await client.signed('POST', '/sapi/v1/asset/transfer', {
      type: 'UMFUTURE_MAIN',
      asset: 'USDT',
      amount: 1e9,
    });
    expect(back.body).toMatchObject({ code: -5002 });
  });
});
