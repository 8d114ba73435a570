// Integration: a contract's leverage and margin mode, set with the real ccxt binance class over HTTP
// against the simulator, where asking for what is already set is success.
import { describe, expect, it } from 'vitest';
import { startSimulator, venueClient } from '../../sim';
import { MARKET_TIME, useGatewaySimulator } from './gateway-testing';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 23, marketTime: MARKET_TIME, speed: 0 }),
);
const { gateway } = venue;

type Risk = { symbol: string; leverage: string; marginType: string };

async function riskOf(symbol: string): Promise<Risk> {
  const client = venueClient(venue.sim.url, venue.sim.credentials);
  const res = await client.signed<Risk[]>('GET', '/fapi/v2/positionRisk', { symbol });
  return res.body[0]!;
}

describe('leverage and margin mode', () => {
  it('are set on the contract, and setting them again to the same succeeds', async () => {
    const { g, requests } = gateway({ credentials: venue.sim.credentials });
    await g.setLeverage('SOL/USDT:USDT', 3);
    await g.setLeverage('SOL/USDT:USDT', 3);
    await g.setMarginMode('SOL/USDT:USDT', 'isolated');
    await g.setMarginMode('SOL/USDT:USDT', 'isolated');
    expect(await riskOf('SOLUSDT')).toMatchObject({ leverage: '3', marginType: 'isolated' });
    await g.setMarginMode('SOL/USDT:USDT', 'cross');
    expect((await riskOf('SOLUSDT')).marginType).toBe('cross');
    expect(requests.filter((r) => r.path === '/fapi/v1/marginType')).toHaveLength(3);
  });

  it('passes on what the venue refuses, such as a margin mode change under an open position', async () => {
    const { g } = gateway({ credentials: venue.sim.credentials });
    await g.placeOrder({
      symbol: 'ETH/USDT:USDT',
      side: 'sell',
      type: 'market',
      amount: 1,
      clientOrderId: 'pmlev-0-0',
    });
    await expect(g.setMarginMode('ETH/USDT:USDT', 'isolated')).rejects.toMatchObject({
      kind: 'rejected',
      venueCode: -4048,
    });
  });

  it('refuses a leverage the venue cannot take without asking it', async () => {
    const { g, requests } = gateway({ credentials: venue.sim.credentials });
    for (const bad of [0, 2.5, 126]) {
      await expect(g.setLeverage('SOL/USDT:USDT', bad)).rejects.toMatchObject({
        code: 'invalid-input',
      });
    }
    expect(requests.filter((r) => r.path === '/fapi/v1/leverage')).toHaveLength(0);
  });
});
