// Integration: one refresh cycle's market data from the real ccxt binance class over HTTP against the
// simulator: a constant number of requests, quotes where they belong, and a contract on a multiple
// of its asset priced per unit of the asset.
import { beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { DAY, HOUR, MARKET_TIME, useGatewaySimulator } from './gateway-testing';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 11, marketTime: MARKET_TIME, speed: 0 }),
);
const { gateway } = venue;

describe('market data', () => {
  it('costs the same number of requests for 2 assets as for 50', async () => {
    const extra = venue.sim.control.addAssets(50 - venue.sim.control.state().assets.length);
    const all = venue.sim.control.state().assets.map((a) => a.asset);
    expect(all).toHaveLength(50);
    const { g, requests } = gateway();
    await g.ready();
    const before = requests.length;
    const two = await g.fetchMarketData(['BTC', 'ETH']);
    const afterTwo = requests.length;
    const fifty = await g.fetchMarketData(all);
    expect(afterTwo - before).toBe(two.requests);
    expect(requests.length - afterTwo).toBe(fifty.requests);
    expect(two.requests).toBe(2);
    expect(fifty.requests).toBe(two.requests);
    expect(fifty.assets).toHaveLength(50);
    for (const a of fifty.assets) {
      expect(a.spot?.price, a.asset).toBeGreaterThan(0);
      expect(a.perp?.mark, a.asset).toBeGreaterThan(0);
      expect(Number.isFinite(a.perp?.fundingRate), a.asset).toBe(true);
      expect(a.perp?.nextFundingAt, a.asset).toBeGreaterThan(MARKET_TIME);
    }
    expect(extra.length).toBeGreaterThan(0);
  });

  it('quotes spot between bid and ask and each quarterly close to spot', async () => {
    const { g } = gateway();
    const cycle = await g.fetchMarketData(['BTC']);
    const btc = cycle.assets[0]!;
    expect(btc.spot!.bid!).toBeLessThan(btc.spot!.ask!);
    expect(btc.spot!.price).toBeGreaterThan(btc.spot!.bid!);
    expect(btc.spot!.price).toBeLessThan(btc.spot!.ask!);
    expect(btc.futures).toHaveLength(2);
    for (const f of btc.futures) expect(Math.abs(f.price / btc.spot!.price - 1)).toBeLessThan(0.2);
    expect(cycle.receivedAt).toBeGreaterThan(0);
  });

  it('shows a premium set on the simulator in the next cycle', async () => {
    const { g } = gateway();
    venue.sim.control.setPremium('ETH', 0.45);
    const cycle = await g.fetchMarketData(['ETH']);
    const eth = cycle.assets[0]!;
    const near = eth.futures[0]!;
    const days = (near.expiry - MARKET_TIME) / DAY;
    const basis = ((near.price / eth.spot!.price - 1) * 365) / days;
    expect(basis).toBeGreaterThan(0.35);
    expect(basis).toBeLessThan(0.55);
    venue.sim.control.setPremium('ETH', null);
  });
});

describe('a perpetual on a multiple of its asset', () => {
  // PEPE's perpetual is 1000PEPEUSDT: one contract is 1000 PEPE, priced per 1000 PEPE.
  beforeAll(() => {
    venue.sim.control.addAssets(['PEPE']);
  });

  it('is found when PEPE is tracked, with its multiplier and the contract size in PEPE', async () => {
    const { g } = gateway();
    const [pepe] = await g.discover(['PEPE']);
    expect(pepe!.spot).toMatchObject({ symbol: 'PEPE/USDT', id: 'PEPEUSDT' });
    expect(pepe!.perp).toMatchObject({
      symbol: '1000PEPE/USDT:USDT',
      id: '1000PEPEUSDT',
      base: '1000PEPE',
      multiplier: 1000,
      contractSize: 1000,
    });
    const venueTick = (await g.discover(['PEPE']))[0]!.perp!.limits.priceStep! * 1000;
    expect(venueTick).toBeCloseTo(1e-7, 15);
    // The contract is not an asset of its own.
    const [alone] = await g.discover(['1000PEPE']);
    expect(alone).toMatchObject({ spot: null, perp: null, futures: [] });
  });

  it('quotes its mark, its history and its book per PEPE, never 1000 times the spot price', async () => {
    const { g } = gateway();
    const cycle = await g.fetchMarketData(['PEPE']);
    const pepe = cycle.assets[0]!;
    const ratio = pepe.perp!.mark / pepe.spot!.price;
    expect(ratio).toBeGreaterThan(0.98);
    expect(ratio).toBeLessThan(1.02);
    expect(pepe.perp!.index! / pepe.spot!.price).toBeCloseTo(1, 2);

    const since = MARKET_TIME - 6 * HOUR;
    const [spotCandles, perpCandles] = await Promise.all([
      g.fetchPriceHistory('PEPE', '1h', { since, limit: 5 }),
      g.fetchPriceHistory('PEPE', '1h', { since, limit: 5, instrument: 'perp' }),
    ]);
    expect(perpCandles.map((c) => c.at)).toEqual(spotCandles.map((c) => c.at));
    for (const [i, candle] of perpCandles.entries()) {
      expect(candle.close / spotCandles[i]!.close).toBeGreaterThan(0.98);
      expect(candle.close / spotCandles[i]!.close).toBeLessThan(1.02);
    }

    const book = await g.fetchOrderBook('1000PEPE/USDT:USDT', 5);
    expect(book.bids[0]![0] / pepe.spot!.price).toBeGreaterThan(0.98);
    expect(book.asks[0]![0] / pepe.spot!.price).toBeLessThan(1.02);
  });
});
