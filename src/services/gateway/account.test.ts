// Integration: the signed calls with the real ccxt binance class over HTTP against the simulator:
// keys refused without leaking them, both wallets read, orders sent once by client id and found by it,
// and a hedge in contracts on a multiple of the asset.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCredentials, startSimulator } from '../../sim';
import { GatewayError } from './errors';
import { MARKET_TIME, useGatewaySimulator } from './gateway-testing';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 11, marketTime: MARKET_TIME, speed: 0 }),
);
const { gateway } = venue;

describe('a hedge on a perpetual on a multiple of its asset', () => {
  // PEPE's perpetual is 1000PEPEUSDT: one contract is 1000 PEPE, priced per 1000 PEPE.
  beforeAll(() => {
    venue.sim.control.addAssets(['PEPE']);
  });

  it('hedges a million PEPE with a thousand contracts, worth a million PEPE at the spot price', async () => {
    const { g } = gateway({ credentials: venue.sim.credentials });
    const [pepe] = await g.discover(['PEPE']);
    const spot = (await g.fetchMarketData(['PEPE'])).assets[0]!.spot!.price;
    const hedged = 1_000_000;
    const order = await g.placeOrder({
      symbol: pepe!.perp!.symbol,
      side: 'sell',
      type: 'market',
      amount: hedged / pepe!.perp!.contractSize,
      clientOrderId: 'premia-pepe-hedge',
    });
    expect(order).toMatchObject({ status: 'closed', filled: 1_000 });
    // What the short is worth: a million PEPE, not a thousand times that.
    expect(order.cost! / (hedged * spot)).toBeGreaterThan(0.98);
    expect(order.cost! / (hedged * spot)).toBeLessThan(1.02);
    expect(order.average! / spot).toBeGreaterThan(0.98);
    expect(order.average! / spot).toBeLessThan(1.02);
  });
});

describe('account', () => {
  it('stops with an authentication error on a key the venue does not know, without leaking it', async () => {
    const wrong = generateCredentials();
    const { g } = gateway({ credentials: wrong });
    const error = await g.fetchBalances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'auth', code: 'auth', retryable: false });
    const text = `${(error as GatewayError).message} ${(error as GatewayError).detail}`;
    expect(text).not.toContain(wrong.apiKey);
    expect(text).not.toContain(wrong.secret);
    expect(text).not.toMatch(/signature=[0-9a-f]/);
  });

  it('stops with an authentication error when the secret is wrong', async () => {
    const { g } = gateway({
      credentials: { apiKey: venue.sim.credentials.apiKey, secret: generateCredentials().secret },
    });
    await expect(g.fetchBalances()).rejects.toMatchObject({ kind: 'auth' });
  });

  it('reads both wallets with the right key, and no currency list even with a key', async () => {
    const { g, requests } = gateway({ credentials: venue.sim.credentials });
    const balances = await g.fetchBalances();
    expect(balances.spot.USDT!.total).toBeGreaterThan(0);
    expect(balances.futures.USDT!.total).toBeGreaterThan(0);
    const paths = requests.map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/sapi'))).toEqual([]);
    expect(paths.filter((p) => p.includes('account')).sort()).toEqual([
      '/api/v3/account',
      '/fapi/v3/account',
    ]);
  });

  it('places an order with a client id, finds it by that id, and sends a reused id once to the venue', async () => {
    const { g, requests } = gateway({ credentials: venue.sim.credentials });
    const before = await g.fetchBalances();
    const order = await g.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: 0.01,
      clientOrderId: 'premia-rt-1',
    });
    expect(order).toMatchObject({ clientOrderId: 'premia-rt-1', status: 'closed', filled: 0.01 });
    expect(order.average).toBeGreaterThan(0);
    const found = await g.fetchOrderByClientId('BTC/USDT', 'premia-rt-1');
    expect(found?.id).toBe(order.id);
    const after = await g.fetchBalances();
    expect(after.spot.BTC!.total - before.spot.BTC!.total).toBeCloseTo(0.01 * (1 - 0.001), 8);
    const posts = () =>
      requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order').length;
    const sent = posts();
    // A filled order's id is free again on the venue: sent once, taken once.
    const again = await g.placeOrder({
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      amount: 0.01,
      clientOrderId: 'premia-rt-1',
    });
    expect(again.status).toBe('closed');
    expect(posts()).toBe(sent + 1);
    expect((await g.fetchOrderByClientId('BTC/USDT', 'premia-rt-1'))?.id).toBe(again.id);
    expect(await g.fetchOrderByClientId('BTC/USDT', 'premia-never-sent')).toBeNull();
  });

  it('tells a client id held by an open order from other refusals, on spot and on futures', async () => {
    const { g, requests } = gateway({ credentials: venue.sim.credentials });
    for (const [symbol, price, venueCode] of [
      ['BTC/USDT', 1_000, -2010],
      ['ETH/USDT:USDT', 1_000, -4116],
    ] as const) {
      const order = {
        symbol,
        side: 'buy' as const,
        type: 'limit' as const,
        timeInForce: 'GTC' as const,
        amount: 0.1,
        price,
        clientOrderId: 'premia-rt-dup',
      };
      await expect(g.placeOrder(order)).resolves.toMatchObject({ status: 'open' });
      const sent = requests.filter((r) => r.method === 'POST').length;
      const duplicate = await g.placeOrder(order).catch((e: unknown) => e);
      expect(duplicate).toBeInstanceOf(GatewayError);
      expect(duplicate).toMatchObject({
        kind: 'duplicate-order',
        code: 'invalid-input',
        venueCode,
        retryable: false,
        outcomeUnknown: false,
      });
      expect((duplicate as GatewayError).message).toContain('premia-rt-dup');
      expect(requests.filter((r) => r.method === 'POST').length).toBe(sent + 1);
      await g.cancelOrder(symbol, { clientOrderId: 'premia-rt-dup' });
    }
  });

  it('never retries an order: a 5xx is sent once and reported as an unknown outcome', async () => {
    const { g, requests } = gateway({ credentials: venue.sim.credentials });
    await g.ready();
    venue.sim.control.setFaults({ rate5xx: 1 });
    const error = await g
      .placeOrder({
        symbol: 'ETH/USDT',
        side: 'buy',
        type: 'market',
        amount: 0.01,
        clientOrderId: 'premia-rt-5xx',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', outcomeUnknown: true });
    expect(requests.filter((r) => r.method === 'POST').length).toBe(1);
  });

  it('refuses account calls when no key is set', async () => {
    const { g, requests } = gateway();
    await expect(g.fetchBalances()).rejects.toMatchObject({ kind: 'auth' });
    expect(requests.filter((r) => r.path.includes('account'))).toHaveLength(0);
  });
});
