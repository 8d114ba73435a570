// Several API keys over HTTP: each minted with its permissions and bound to an account of its own
// (or an existing one), refused as binance refuses them where a permission is missing, with the
// account's position and margin modes, kept across a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlToken } from './control-token';
import { DEMO_PORTFOLIO_USDT, DEMO_SHORT_LEVERAGE } from './demo-portfolio';
import { startSimulator, type Simulator } from './simulator';
import { venueClient, type VenueClient } from './testing';

const WALL = Date.UTC(2025, 4, 2, 9, 30);
const controlToken = createControlToken();
let sim: Simulator;
let client: VenueClient;

beforeAll(async () => {
  sim = await startSimulator({ seed: 4, now: () => WALL, speed: 0, controlToken });
  client = venueClient(sim.url, sim.credentials, controlToken);
});

afterAll(() => sim.close());

type SpotAccount = { balances: { asset: string; free: string }[] };
type Restrictions = Record<string, boolean | number>;
type PositionRow = { symbol: string; positionAmt: string; leverage: string; marginType: string };

const opts = (credentials: { apiKey: string; secret: string }) => ({
  credentials,
  timestamp: WALL,
});

function free(account: SpotAccount, asset: string): number {
  return Number(account.balances.find((b) => b.asset === asset)?.free ?? 0);
}

describe('minted keys', () => {
  it('bind a new key to an empty account of its own, apart from the main account', async () => {
    const key = sim.control.mintKey();
    expect(key.accountId).toMatch(/^\d+$/);
    const own = await client.signed<SpotAccount>('GET', '/api/v3/account', {}, opts(key));
    const main = await client.signed<SpotAccount>(
      'GET',
      '/api/v3/account',
      {},
      { timestamp: WALL },
    );
    expect(own.status).toBe(200);
    expect(free(own.body, 'USDT')).toBe(0);
    expect(free(main.body, 'USDT')).toBeGreaterThan(0);
  });

  it('bind a second key to an existing account, which then sees the same balances', async () => {
    const first = sim.control.mintKey({ portfolio: 'demo' });
    const second = sim.control.mintKey({ account: first.accountId });
    expect(second.accountId).toBe(first.accountId);
    expect(second.apiKey).not.toBe(first.apiKey);
    const a = await client.signed<SpotAccount>('GET', '/api/v3/account', {}, opts(first));
    const b = await client.signed<SpotAccount>('GET', '/api/v3/account', {}, opts(second));
    expect(b.body.balances).toEqual(a.body.balances);
  });

  it('refuse to bind a key to an account the venue does not have', () => {
    expect(() => sim.control.mintKey({ account: '999' })).toThrow(/no account 999/);
  });

  it('are minted over the HTTP control interface too, with the control token', async () => {
    const res = await client.control<{ apiKey: string; secret: string; accountId: string }>(
      'keys',
      { permissions: { spotTrading: false }, portfolio: 'demo' },
    );
    expect(res.status).toBe(200);
    const restrictions = await client.signed<Restrictions>(
      'GET',
      '/sapi/v1/account/apiRestrictions',
      {},
      opts(res.body),
    );
    expect(restrictions.body.enableSpotAndMarginTrading).toBe(false);
    const refused = await venueClient(sim.url, sim.credentials).control('keys', {});
    expect(refused.status).toBe(401);
  });
});

describe('API restrictions', () => {
  it('report what the key may do in binance’s field names', async () => {
    const key = sim.control.mintKey({ permissions: { withdrawals: true, ipRestricted: true } });
    const res = await client.signed<Restrictions>(
      'GET',
      '/sapi/v1/account/apiRestrictions',
      {},
      opts(key),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ipRestrict: true,
      createTime: WALL,
      enableReading: true,
      enableSpotAndMarginTrading: true,
      enableFutures: true,
      enableWithdrawals: true,
      permitsUniversalTransfer: true,
      enableInternalTransfer: false,
      enableMargin: false,
      enableVanillaOptions: false,
      enablePortfolioMarginTrading: false,
    });
    expect(res.body.tradingAuthorityExpirationTime).toBeGreaterThan(WALL);
  });
});

describe('a key lacking a permission', () => {
  it('reads its account but is refused spot and futures orders with -2015', async () => {
    const key = sim.control.mintKey({
      portfolio: 'demo',
      permissions: { spotTrading: false, futuresTrading: false },
    });
    const read = await client.signed('GET', '/fapi/v2/positionRisk', {}, opts(key));
    expect(read.status).toBe(200);
    const order = { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: 0.01 };
    for (const path of ['/api/v3/order', '/fapi/v1/order']) {
      const res = await client.signed('POST', path, order, opts(key));
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        code: -2015,
        msg: 'Invalid API-key, IP, or permissions for action.',
      });
    }
  });

  it('is refused the universal transfer without permitsUniversalTransfer', async () => {
    const key = sim.control.mintKey({
      portfolio: 'demo',
      permissions: { universalTransfer: false },
    });
    const res = await client.signed(
      'POST',
      '/sapi/v1/asset/transfer',
      { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: 10 },
      opts(key),
    );
    expect(res.body).toMatchObject({ code: -2015 });
  });
});

describe('account modes', () => {
  it('keep hedge mode and Multi-Assets mode per account', async () => {
    const key = sim.control.mintKey();
    const other = sim.control.mintKey();
    const dual = () =>
      client.signed<{ dualSidePosition: boolean }>(
        'GET',
        '/fapi/v1/positionSide/dual',
        {},
        opts(key),
      );
    expect((await dual()).body.dualSidePosition).toBe(false);
    const set = await client.signed(
      'POST',
      '/fapi/v1/positionSide/dual',
      { dualSidePosition: 'true' },
      opts(key),
    );
    expect(set.status).toBe(200);
    expect((await dual()).body.dualSidePosition).toBe(true);
    await client.signed(
      'POST',
      '/fapi/v1/multiAssetsMargin',
      { multiAssetsMargin: 'true' },
      opts(key),
    );
    const multi = await client.signed<{ multiAssetsMargin: boolean }>(
      'GET',
      '/fapi/v1/multiAssetsMargin',
      {},
      opts(key),
    );
    expect(multi.body.multiAssetsMargin).toBe(true);
    const untouched = await client.signed<{ dualSidePosition: boolean }>(
      'GET',
      '/fapi/v1/positionSide/dual',
      {},
      opts(other),
    );
    expect(untouched.body.dualSidePosition).toBe(false);
  });

  it('refuse a change of position mode while a position is open', async () => {
    const key = sim.control.mintKey({ portfolio: 'demo' });
    const res = await client.signed(
      'POST',
      '/fapi/v1/positionSide/dual',
      { dualSidePosition: 'true' },
      opts(key),
    );
    expect(res.body).toMatchObject({ code: -4068 });
  });
});

describe('the demo portfolio', () => {
  it('holds two assets, a little USDT, a futures wallet and one short perpetual at the market', async () => {
    const key = sim.control.mintKey({ portfolio: 'demo' });
    const spot = (await client.signed<SpotAccount>('GET', '/api/v3/account', {}, opts(key))).body;
    const btc = sim.control.state().assets.find((a) => a.asset === 'BTC')!.spot;
    expect(free(spot, 'BTC') * btc).toBeCloseTo(DEMO_PORTFOLIO_USDT.firstSpot, -3);
    expect(free(spot, 'ETH')).toBeGreaterThan(0);
    expect(free(spot, 'USDT')).toBe(DEMO_PORTFOLIO_USDT.spotUsdt);
    const rows = (
      await client.signed<PositionRow[]>('GET', '/fapi/v2/positionRisk', {}, opts(key))
    ).body.filter((r) => Number(r.positionAmt) !== 0);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      symbol: 'BTCUSDT',
      leverage: String(DEMO_SHORT_LEVERAGE),
      marginType: 'cross',
    });
    expect(Number(rows[0]!.positionAmt) * btc).toBeCloseTo(-DEMO_PORTFOLIO_USDT.short, -3);
  });
});

describe('persistence of keys', () => {
  it('keeps minted keys and their accounts across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'premia-sim-keys-'));
    try {
      const first = await startSimulator({ dataDir: dir, seed: 3, now: () => WALL, speed: 0 });
      const key = first.control.mintKey({ portfolio: 'demo' });
      const before = await venueClient(first.url, first.credentials).signed<SpotAccount>(
        'GET',
        '/api/v3/account',
        {},
        opts(key),
      );
      await first.close();
      const second = await startSimulator({ dataDir: dir, now: () => WALL, speed: 0 });
      try {
        expect(second.control.knowsKey(key.apiKey)).toBe(true);
        const after = await venueClient(second.url, second.credentials).signed<SpotAccount>(
          'GET',
          '/api/v3/account',
          {},
          opts(key),
        );
        expect(after.status).toBe(200);
        expect(after.body.balances).toEqual(before.body.balances);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps minted keys valid through a reset, their accounts starting over', async () => {
    const local = await startSimulator({ seed: 6, now: () => WALL, speed: 0 });
    try {
      const key = local.control.mintKey({ portfolio: 'demo' });
      local.control.reset();
      expect(local.control.knowsKey(key.apiKey)).toBe(true);
      const res = await venueClient(local.url, local.credentials).signed<SpotAccount>(
        'GET',
        '/api/v3/account',
        {},
        opts(key),
      );
      expect(free(res.body, 'USDT')).toBe(DEMO_PORTFOLIO_USDT.spotUsdt);
    } finally {
      await local.close();
    }
  });
});
