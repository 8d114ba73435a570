// Integration: an account's holdings, prices, permissions and modes read with the real ccxt binance
// class over HTTP against the simulator, with keys minted on it; and what a refused key, a secret
// that does not match and a clock that is off are told as.
import { describe, expect, it } from 'vitest';
import { DEMO_PORTFOLIO_USDT, generateCredentials, startSimulator, venueClient } from '../../sim';
import { createExchangeGateway } from './exchange-gateway';
import type { GatewayError } from './errors';
import { MARKET_TIME, useGatewaySimulator } from './gateway-testing';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 21, marketTime: MARKET_TIME, speed: 0 }),
);

function spotOf(asset: string): number {
  return venue.sim.control.state().assets.find((a) => a.asset === asset)!.spot;
}

describe('holdings', () => {
  it('reads the spot wallet, the futures wallet and the open short of the demo portfolio', async () => {
    const key = venue.sim.control.mintKey({ portfolio: 'demo' });
    const { g } = venue.gateway({ credentials: key });
    const holdings = await g.fetchHoldings();
    expect(holdings.exchange).toBe('binance');
    expect(holdings.spot.map((b) => b.asset)).toEqual(['BTC', 'ETH', 'USDT']);
    expect(holdings.spot.find((b) => b.asset === 'USDT')).toMatchObject({
      free: DEMO_PORTFOLIO_USDT.spotUsdt,
      total: DEMO_PORTFOLIO_USDT.spotUsdt,
    });
    const [usdt] = holdings.futures.balances;
    expect(usdt).toMatchObject({ asset: 'USDT', wallet: DEMO_PORTFOLIO_USDT.futuresWallet });
    expect(usdt!.margin).toBeCloseTo(usdt!.wallet + usdt!.unrealizedPnl, 6);
    expect(holdings.futures.positions).toHaveLength(1);
    const short = holdings.futures.positions[0]!;
    expect(short).toMatchObject({
      symbol: 'BTC/USDT:USDT',
      asset: 'BTC',
      kind: 'perp',
      expiry: null,
      side: 'short',
      contractSize: 1,
      multiplier: 1,
      leverage: 10,
      marginMode: 'cross',
      isolatedMargin: null,
      settle: 'USDT',
    });
    expect(short.quantity).toBe(short.contracts);
    expect(short.notional).toBeCloseTo(short.quantity * short.markPrice, 6);
    expect(short.notional).toBeCloseTo(DEMO_PORTFOLIO_USDT.short, -3);
    expect(short.markPrice / spotOf('BTC')).toBeGreaterThan(0.98);
    expect(short.liquidationPrice!).toBeGreaterThan(short.markPrice);
  });

  it('reads an account with nothing in it as empty lists', async () => {
    const { g } = venue.gateway({ credentials: venue.sim.control.mintKey() });
    const holdings = await g.fetchHoldings();
    expect(holdings.spot).toEqual([]);
    expect(holdings.futures).toEqual({ balances: [], positions: [] });
  });

  it('makes the same three bulk requests at every sync', async () => {
    const { g, requests } = venue.gateway({
      credentials: venue.sim.control.mintKey({ portfolio: 'demo' }),
    });
    await g.fetchHoldings();
    requests.length = 0;
    await g.fetchHoldings();
    expect(requests.map((r) => r.path).sort()).toEqual([
      '/api/v3/account',
      '/fapi/v2/positionRisk',
      '/fapi/v3/account',
    ]);
  });

  it('counts a short on a multiple of the asset in units of the asset, priced per unit', async () => {
    venue.sim.control.addAssets(['PEPE']);
    const key = venue.sim.control.mintKey({ portfolio: 'demo' });
    const { g } = venue.gateway({ credentials: key });
    const [pepe] = await g.discover(['PEPE']);
    await g.placeOrder({
      symbol: pepe!.perp!.symbol,
      side: 'sell',
      type: 'market',
      amount: 1_000,
      clientOrderId: 'premia-holdings-pepe',
    });
    const position = (await g.fetchHoldings()).futures.positions.find((p) => p.asset === 'PEPE')!;
    expect(position).toMatchObject({ contracts: 1_000, multiplier: 1_000, quantity: 1_000_000 });
    expect(position.markPrice / spotOf('PEPE')).toBeGreaterThan(0.98);
    expect(position.markPrice / spotOf('PEPE')).toBeLessThan(1.02);
  });
});

describe('spot prices', () => {
  it('prices every coin asked for from one request: USDT at 1, an unknown coin at null', async () => {
    const { g, requests } = venue.gateway();
    await g.ready();
    requests.length = 0;
    const prices = await g.fetchSpotPrices(['USDT', 'BTC', 'eth', 'NOPE']);
    expect(requests).toHaveLength(1);
    expect(prices.USDT).toBe(1);
    expect(prices.BTC! / spotOf('BTC')).toBeCloseTo(1, 2);
    expect(prices.ETH! / spotOf('ETH')).toBeCloseTo(1, 2);
    expect(prices.NOPE).toBeNull();
  });
});

describe('key permissions and account modes', () => {
  it('reads what a key may do from the venue’s API restrictions', async () => {
    const key = venue.sim.control.mintKey({
      permissions: { spotTrading: false, withdrawals: true, universalTransfer: false },
    });
    const { g } = venue.gateway({ credentials: key });
    expect(await g.fetchKeyPermissions()).toEqual({
      read: true,
      spotTrading: false,
      futuresTrading: true,
      universalTransfer: false,
      withdrawals: true,
      ipRestricted: false,
    });
  });

  it('reads hedge mode and Multi-Assets mode once the account is put in them', async () => {
    const key = venue.sim.control.mintKey();
    const { g } = venue.gateway({ credentials: key });
    expect(await g.fetchAccountModes()).toEqual({
      positionMode: 'one-way',
      multiAssetsMargin: false,
    });
    const client = venueClient(venue.sim.url, key);
    await client.signed('POST', '/fapi/v1/positionSide/dual', { dualSidePosition: 'true' });
    await client.signed('POST', '/fapi/v1/multiAssetsMargin', { multiAssetsMargin: 'true' });
    expect(await g.fetchAccountModes()).toEqual({ positionMode: 'hedge', multiAssetsMargin: true });
  });

  it('names the missing permission when an order is refused once the permissions are known', async () => {
    const key = venue.sim.control.mintKey({
      portfolio: 'demo',
      permissions: { spotTrading: false },
    });
    const { g } = venue.gateway({ credentials: key });
    const order = {
      symbol: 'BTC/USDT',
      side: 'buy' as const,
      type: 'market' as const,
      amount: 0.001,
      clientOrderId: 'premia-no-spot',
    };
    const before = await g.placeOrder(order).catch((e: unknown) => e);
    expect((before as GatewayError).message).toMatch(/IP address/);
    await g.fetchKeyPermissions();
    const after = await g
      .placeOrder({ ...order, clientOrderId: 'premia-no-spot-2' })
      .catch((e: unknown) => e);
    expect(after).toMatchObject({ kind: 'auth', venueCode: -2015 });
    expect((after as GatewayError).message).toMatch(/does not allow spot trading/);
  });
});

describe('errors that say what to fix', () => {
  it('says the key, this IP or a permission for a key the venue refuses, never the key itself', async () => {
    const wrong = generateCredentials();
    const { g } = venue.gateway({ credentials: wrong });
    const error = (await g.fetchHoldings().catch((e: unknown) => e)) as GatewayError;
    expect(error).toMatchObject({ kind: 'auth', venueCode: -2015 });
    expect(error.message).toMatch(/key is wrong.*IP address.*permission/);
    expect(`${error.message} ${error.detail}`).not.toContain(wrong.apiKey);
    expect(`${error.message} ${error.detail}`).not.toContain(wrong.secret);
  });

  it('says the secret does not match the key when the signature is refused', async () => {
    const key = venue.sim.control.mintKey();
    const { g } = venue.gateway({
      credentials: { apiKey: key.apiKey, secret: generateCredentials().secret },
    });
    const error = (await g.fetchKeyPermissions().catch((e: unknown) => e)) as GatewayError;
    expect(error).toMatchObject({ kind: 'auth', venueCode: -1022 });
    expect(error.message).toMatch(/secret does not match the key/);
  });

  it('says by how much this computer’s clock is off when the venue refuses the timestamp', async () => {
    // The venue's clock runs two minutes ahead of this computer's.
    const ahead = await startSimulator({
      seed: 22,
      marketTime: MARKET_TIME,
      speed: 0,
      now: () => Date.now() + 120_000,
    });
    try {
      const { gateway } = createExchangeGateway({
        exchange: 'binance',
        redirectTo: ahead.url,
        credentials: ahead.credentials,
        rateLimitMs: 1,
        retry: { retries: 0 },
      });
      const error = (await gateway.fetchHoldings().catch((e: unknown) => e)) as GatewayError;
      expect(error).toMatchObject({ kind: 'clock', venueCode: -1021 });
      expect(error.message).toMatch(/clock is 2 minutes behind Binance's/);
    } finally {
      await ahead.close();
    }
  });
});

describe('environments', () => {
  async function firstHost(environment: 'live' | 'testnet' | 'demo-trading'): Promise<string> {
    const hosts: string[] = [];
    const { gateway } = createExchangeGateway({
      exchange: 'binance',
      environment,
      retry: { retries: 0 },
      // Nothing leaves this computer: the request is seen and refused.
      fetch: (input) => {
        hosts.push(new URL(String(input)).hostname);
        return Promise.reject(new TypeError('fetch failed'));
      },
    });
    await gateway.ready().catch(() => undefined);
    return hosts[0]!;
  }

  it('sends live requests to the venue, testnet to its sandbox and demo trading to its demo hosts', async () => {
    expect(await firstHost('live')).toMatch(/^(api|fapi)\.binance\.com$/);
    expect(await firstHost('testnet')).toMatch(/testnet\.(binance\.vision|binancefuture\.com)$/);
    expect(await firstHost('demo-trading')).toMatch(/^demo-(api|fapi)\.binance\.com$/);
  });

  it('refuses the simulator environment without a simulator to send requests to', () => {
    expect(() => createExchangeGateway({ exchange: 'binance', environment: 'simulator' })).toThrow(
      /simulator is not running/,
    );
  });
});
