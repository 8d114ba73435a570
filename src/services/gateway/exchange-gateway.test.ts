// Integration: the real ccxt binance class over HTTP against the simulator on 127.0.0.1: what the
// gateway finds listed for an asset, what it loads to find it, and listings that change under it.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { createExchangeGateway } from './exchange-gateway';
import { MARKET_TIME, DAY, useGatewaySimulator } from './gateway-testing';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 11, marketTime: MARKET_TIME, speed: 0 }),
);
const { gateway } = venue;

describe('discovery', () => {
  it('finds the spot pair, the perpetual and both quarterlies with their delivery dates', async () => {
    const { g } = gateway();
    const [btc] = await g.discover(['BTC']);
    expect(btc!.spot?.symbol).toBe('BTC/USDT');
    expect(btc!.spot?.id).toBe('BTCUSDT');
    expect(btc!.perp?.symbol).toBe('BTC/USDT:USDT');
    expect(btc!.perp?.contractSize).toBe(1);
    // Last Friday of March and of June 2025, 08:00 UTC.
    expect(btc!.futures.map((f) => f.expiry)).toEqual([
      Date.UTC(2025, 2, 28, 8),
      Date.UTC(2025, 5, 27, 8),
    ]);
    expect(btc!.futures.map((f) => f.id)).toEqual(['BTCUSDT_250328', 'BTCUSDT_250627']);
    expect(btc!.perp?.limits.minAmount).toBeGreaterThan(0);
    expect(btc!.perp?.limits.amountStep).toBeGreaterThan(0);
    expect(btc!.spot?.limits.minCost).toBe(5);
  });

  it('flags the funding intervals the venue states and defaults the rest to 8 h', async () => {
    const { g } = gateway();
    const found = await g.discover(['BTC', 'DOGE', 'ADA']);
    const perp = (asset: string) => found.find((a) => a.asset === asset)!.perp!;
    expect(perp('DOGE')).toMatchObject({ fundingIntervalHours: 4, intervalFromVenue: true });
    expect(perp('ADA')).toMatchObject({ fundingIntervalHours: 1, intervalFromVenue: true });
    expect(perp('BTC')).toMatchObject({ fundingIntervalHours: 8, intervalFromVenue: false });
  });

  it('reports an asset the venue does not list as having no instruments', async () => {
    const { g } = gateway();
    const [none] = await g.discover(['NOPE']);
    expect(none).toEqual({ asset: 'NOPE', spot: null, perp: null, futures: [] });
  });

  it('loads only spot and USDⓈ-M markets, once, without currency or margin discovery', async () => {
    const { g, requests } = gateway();
    await g.ready();
    await g.discover(['BTC']);
    await g.discover(['ETH']);
    expect(requests.map((r) => r.path).sort()).toEqual([
      '/api/v3/exchangeInfo',
      '/fapi/v1/exchangeInfo',
      '/fapi/v1/fundingInfo',
    ]);
    expect(requests.every((r) => r.redirected && r.host.endsWith('binance.com'))).toBe(true);
  });
});

describe('listings', () => {
  it('picks up the next quarterly after the nearest one is delivered', async () => {
    const own = await startSimulator({ seed: 5, marketTime: Date.UTC(2025, 2, 27, 12), speed: 0 });
    try {
      // Reloads the quotes prompt wait a few minutes of the gateway's clock, moved with the venue's.
      let wall = Date.now();
      const { gateway: g } = createExchangeGateway({
        exchange: 'binance',
        redirectTo: own.url,
        rateLimitMs: 1,
        now: () => wall,
      });
      const [before] = await g.discover(['BTC']);
      expect(before!.futures.map((f) => f.id)).toEqual(['BTCUSDT_250328', 'BTCUSDT_250627']);
      own.control.advance(2 * DAY);
      wall += 2 * DAY;
      await g.fetchMarketData(['BTC']);
      const cycle = await g.fetchMarketData(['BTC']);
      expect(cycle.assets[0]!.futures.map((f) => f.symbol)).toEqual([
        'BTC/USDT:USDT-250627',
        'BTC/USDT:USDT-250926',
      ]);
      expect(cycle.assets[0]!.futures.map((f) => f.id)).toEqual([
        'BTCUSDT_250627',
        'BTCUSDT_250926',
      ]);
    } finally {
      await own.close();
    }
  });
});
