// Integration: the account's taker fees and the contracts' maintenance brackets read with the real
// ccxt binance class over HTTP against the simulator, and the published rates standing in when the
// account's own cannot be read.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { MARKET_TIME, useGatewaySimulator } from './gateway-testing';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 33, marketTime: MARKET_TIME, speed: 0 }),
);

describe('trading costs', () => {
  it("reads the account's own spot and futures taker rates, one futures rate per asset", async () => {
    const { g, requests } = venue.gateway({ credentials: venue.sim.control.mintKey() });
    const [btc] = await g.discover(['BTC']);
    const symbols = [btc!.spot!.symbol, btc!.perp!.symbol, btc!.futures[0]!.symbol];
    requests.length = 0;
    const fees = await g.fetchTakerFees(symbols);
    expect(fees).toEqual({
      'BTC/USDT': { rate: 0.001, source: 'account' },
      'BTC/USDT:USDT': { rate: 0.0005, source: 'account' },
      [symbols[2]!]: { rate: 0.0005, source: 'account' },
    });
    expect(requests.map((r) => r.path).sort()).toEqual([
      '/fapi/v1/commissionRate',
      '/sapi/v1/asset/tradeFee',
    ]);
  });

  it("gives the venue's published rates, marked so, when the account's are refused", async () => {
    const { g } = venue.gateway({
      credentials: { apiKey: randomUUID(), secret: randomUUID() },
      retry: { retries: 0 },
    });
    const fees = await g.fetchTakerFees(['BTC/USDT', 'BTC/USDT:USDT']);
    expect(fees['BTC/USDT']!.source).toBe('venue-default');
    expect(fees['BTC/USDT:USDT']!.source).toBe('venue-default');
    expect(fees['BTC/USDT']!.rate).toBeGreaterThan(0);
    expect(fees['BTC/USDT:USDT']!.rate).toBeGreaterThan(0);
  });

  it("reads a contract's maintenance brackets with their maintenance amounts, ascending", async () => {
    const { g } = venue.gateway({ credentials: venue.sim.control.mintKey() });
    const brackets = await g.fetchMaintenanceBrackets(['BTC/USDT:USDT']);
    const perp = brackets['BTC/USDT:USDT']!;
    expect(perp[0]).toEqual({ notionalCap: 50_000, rate: 0.004, amount: 0 });
    expect(perp[1]).toEqual({ notionalCap: 500_000, rate: 0.005, amount: 50 });
    expect(perp.map((b) => b.notionalCap)).toEqual(
      [...perp.map((b) => b.notionalCap)].sort((a, b) => a - b),
    );
  });

  it('needs a key to read brackets, and says so', async () => {
    const { g } = venue.gateway();
    await expect(g.fetchMaintenanceBrackets(['BTC/USDT:USDT'])).rejects.toMatchObject({
      kind: 'auth',
    });
  });
});
