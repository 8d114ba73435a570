// Integration: moving a coin between the spot and futures wallets with the real ccxt binance class
// over HTTP against the simulator, sent once whatever happens.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { MARKET_TIME, useGatewaySimulator } from './gateway-testing';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 19, marketTime: MARKET_TIME, speed: 0 }),
);
const { gateway } = venue;
const isTransfer = (r: { method: string; path: string }) =>
  r.method === 'POST' && r.path === '/sapi/v1/asset/transfer';

describe('transfer', () => {
  it('moves USDT from spot to futures and back, each once', async () => {
    const { g, requests } = gateway({ credentials: venue.sim.credentials });
    const before = await g.fetchBalances();
    const there = await g.transfer('USDT', 1_250.5, 'spot', 'futures');
    expect(there).toMatchObject({ coin: 'USDT', amount: 1_250.5, from: 'spot', to: 'futures' });
    expect(there.id).toMatch(/^\d+$/);
    let after = await g.fetchBalances();
    expect(after.spot.USDT!.total).toBeCloseTo(before.spot.USDT!.total - 1_250.5, 6);
    expect(after.futures.USDT!.total).toBeCloseTo(before.futures.USDT!.total + 1_250.5, 6);
    await g.transfer('USDT', 250.5, 'futures', 'spot');
    after = await g.fetchBalances();
    expect(after.spot.USDT!.total).toBeCloseTo(before.spot.USDT!.total - 1_000, 6);
    expect(requests.filter(isTransfer)).toHaveLength(2);
  });

  it('says what the venue refused, such as more than the wallet holds', async () => {
    const { g } = gateway({ credentials: venue.sim.credentials });
    await expect(g.transfer('USDT', 1e12, 'futures', 'spot')).rejects.toMatchObject({
      kind: 'insufficient-funds',
      venueCode: -5002,
      outcomeUnknown: false,
    });
  });

  it('is never retried: a server error is sent once and reported as an unknown outcome', async () => {
    const { g, requests } = gateway({ credentials: venue.sim.credentials });
    await g.ready();
    venue.sim.control.setFaults({ rate5xx: 1 });
    const error = await g.transfer('USDT', 10, 'spot', 'futures').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', outcomeUnknown: true });
    expect((error as Error).message).toMatch(
      /transfer of 10 USDT from the spot wallet to the futures wallet may or may not have happened/,
    );
    expect(requests.filter(isTransfer)).toHaveLength(1);
  });

  it('names the missing permission when the key may not move funds between wallets', async () => {
    const key = venue.sim.control.mintKey({
      account: 'main',
      permissions: { universalTransfer: false },
    });
    const { g } = gateway({ credentials: key });
    const permissions = await g.fetchKeyPermissions();
    expect(permissions.universalTransfer).toBe(false);
    await expect(g.transfer('USDT', 10, 'spot', 'futures')).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('does not allow transfers between wallets') as unknown,
    });
  });

  it('refuses a transfer within one wallet or of no amount without asking the venue', async () => {
    const { g, requests } = gateway({ credentials: venue.sim.credentials });
    await expect(g.transfer('USDT', 10, 'spot', 'spot')).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(g.transfer('USDT', 0, 'spot', 'futures')).rejects.toMatchObject({
      code: 'invalid-input',
    });
    expect(requests.filter(isTransfer)).toHaveLength(0);
  });
});
