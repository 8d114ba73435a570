// State in the data folder: balances, orders, positions, market time and the market itself survive a
// restart; the file is replaced atomically; an unreadable file is moved aside, not trusted.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from './simulator';
import { STATE_FILE } from './state-store';
import { venueClient } from './testing';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'premia-sim-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Balance = { asset: string; free: string; locked: string };
type Income = { symbol: string; income: string; time: number };

describe('persistence', () => {
  it('keeps balances, orders, positions, market time and the market across a restart', async () => {
    const dir = dataDir();
    let wall = Date.UTC(2025, 8, 1, 12);
    const credentials = { apiKey: 'k'.repeat(64), secret: 's'.repeat(64) };
    const options = { dataDir: dir, seed: 13, now: () => wall, credentials };
    const first = await startSimulator(options);
    const a = venueClient(first.url, credentials);
    await a.signed(
      'POST',
      '/api/v3/order',
      { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: 1, newClientOrderId: 'keep-1' },
      { timestamp: wall },
    );
    await a.signed(
      'POST',
      '/api/v3/order',
      {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: 0.01,
        price: 1000,
        newClientOrderId: 'keep-2',
      },
      { timestamp: wall },
    );
    await a.signed(
      'POST',
      '/fapi/v1/order',
      { symbol: 'SOLUSDT', side: 'SELL', type: 'MARKET', quantity: 3, newClientOrderId: 'keep-3' },
      { timestamp: wall },
    );
    first.control.setPremium('SOL', 0.33);
    first.control.advance(3_600_000);
    const balancesBefore = (
      await a.signed<{ balances: Balance[] }>('GET', '/api/v3/account', {}, { timestamp: wall })
    ).body.balances;
    const historyBefore = (
      await a.get('/api/v3/klines', { symbol: 'BTCUSDT', interval: '1h', limit: 30 })
    ).body;
    const marketBefore = first.marketTime();
    await first.close();

    wall += 10 * 60_000;
    const second = await startSimulator(options);
    const b = venueClient(second.url, credentials);
    try {
      expect(second.marketTime()).toBe(marketBefore + 10 * 60_000);
      const balancesAfter = (
        await b.signed<{ balances: Balance[] }>('GET', '/api/v3/account', {}, { timestamp: wall })
      ).body.balances;
      expect(balancesAfter).toEqual(balancesBefore);
      const kept = await b.signed<{ status: string }>(
        'GET',
        '/api/v3/order',
        { symbol: 'BTCUSDT', origClientOrderId: 'keep-2' },
        { timestamp: wall },
      );
      expect(kept.body.status).toBe('NEW');
      const positions = await b.signed<{ symbol: string; positionAmt: string }[]>(
        'GET',
        '/fapi/v3/positionRisk',
        {},
        { timestamp: wall },
      );
      expect(positions.body.map((p) => [p.symbol, p.positionAmt])).toEqual([['SOLUSDT', '-3.00']]);
      const duplicate = await b.signed(
        'POST',
        '/api/v3/order',
        { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: 1, newClientOrderId: 'keep-2' },
        { timestamp: wall },
      );
      expect(duplicate.body).toEqual({ code: -2010, msg: 'Duplicate order sent.' });
      const sol = second.control.state().assets.find((x) => x.asset === 'SOL')!;
      expect(sol.pinned).toBe(true);
      expect(sol.carry).toBeCloseTo(0.33, 1);
      const historyAfter = (
        await b.get('/api/v3/klines', {
          symbol: 'BTCUSDT',
          interval: '1h',
          endTime: marketBefore,
          limit: 30,
        })
      ).body;
      // The last candle was still open at the restart; every closed one must be the same.
      expect((historyAfter as unknown[]).slice(0, -1)).toEqual(
        (historyBefore as unknown[]).slice(0, -1),
      );
      expect((historyAfter as unknown[]).length).toBe(30);
    } finally {
      await second.close();
    }
  });

  it('reads a state saved before keys could be minted, keeping its account', async () => {
    const dir = dataDir();
    const credentials = { apiKey: 'k'.repeat(64), secret: 's'.repeat(64) };
    const first = await startSimulator({ dataDir: dir, seed: 1, speed: 0, credentials });
    await first.close();
    const file = join(dir, STATE_FILE);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete saved.subAccounts;
    delete saved.keys;
    writeFileSync(file, JSON.stringify({ ...saved, version: 1 }));
    const second = await startSimulator({ dataDir: dir, speed: 0, credentials });
    try {
      expect(second.recovered).toBeNull();
      const res = await venueClient(second.url, credentials).signed<{ balances: Balance[] }>(
        'GET',
        '/api/v3/account',
      );
      expect(res.body.balances.find((b) => b.asset === 'USDT')?.free).toBe('60000.00000000');
      expect(second.control.mintKey().accountId).toMatch(/^\d+$/);
    } finally {
      await second.close();
    }
  });

  it('writes the state file whole, leaving no temporary file behind', async () => {
    const dir = dataDir();
    const sim = await startSimulator({ dataDir: dir, seed: 1, speed: 0 });
    sim.control.setRegime('BTC', 'capitulation');
    await sim.close();
    expect(readdirSync(dir)).toEqual([STATE_FILE]);
    const state = JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as {
      version: number;
      controls: unknown[];
    };
    expect(state.version).toBe(2);
    expect(state.controls).toHaveLength(1);
    expect(readFileSync(join(dir, STATE_FILE), 'utf8')).not.toContain(sim.credentials.secret);
  });

  it('settles at its mark a saved position in a quarterly the venue no longer lists, saying so', async () => {
    const dir = dataDir();
    const wall = Date.UTC(2025, 9, 1, 12);
    const credentials = { apiKey: 'k'.repeat(64), secret: 's'.repeat(64) };
    const problems: string[] = [];
    const options = {
      dataDir: dir,
      seed: 21,
      now: () => wall,
      credentials,
      onError: (m: string) => problems.push(m),
    };
    await (await startSimulator(options)).close();
    // A state saved while SOL still had quarterlies: a short in the December contract.
    const file = join(dir, STATE_FILE);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      account: { futuresWallet: number; positions: Record<string, unknown> };
    };
    const walletBefore = saved.account.futuresWallet;
    saved.account.positions.SOLUSDT_251226 = {
      symbol: 'SOLUSDT_251226',
      asset: 'SOL',
      expiry: Date.UTC(2025, 11, 26, 8),
      amount: -4,
      entryPrice: 1,
      isolatedWallet: 0,
      updateTime: wall - 86_400_000,
    };
    writeFileSync(file, JSON.stringify(saved));

    const sim = await startSimulator(options);
    try {
      expect(sim.recovered).toBeNull();
      expect(problems).toEqual([expect.stringMatching(/no longer lists SOLUSDT_251226/)]);
      const client = venueClient(sim.url, credentials);
      const positions = await client.signed<unknown[]>(
        'GET',
        '/fapi/v3/positionRisk',
        {},
        { timestamp: wall },
      );
      expect(positions.body).toEqual([]);
      const pnl = await client.signed<Income[]>(
        'GET',
        '/fapi/v1/income',
        { incomeType: 'REALIZED_PNL' },
        { timestamp: wall },
      );
      expect(pnl.body.map((i) => [i.symbol, i.time])).toEqual([
        ['SOLUSDT_251226', sim.marketTime()],
      ]);
      // Short 4 from a price of 1: a loss of four times the contract's mark less one.
      const loss = Number(pnl.body[0]!.income);
      expect(loss).toBeLessThan(-4 * 50);
      const balance = await client.signed<{ asset: string; balance: string }[]>(
        'GET',
        '/fapi/v2/balance',
        {},
        { timestamp: wall },
      );
      const usdt = balance.body.find((b) => b.asset === 'USDT')!;
      expect(Number(usdt.balance)).toBeCloseTo(walletBefore + loss, 2);
    } finally {
      await sim.close();
    }
    const after = JSON.parse(readFileSync(file, 'utf8')) as {
      account: { positions: Record<string, unknown> };
    };
    expect(after.account.positions).toEqual({});
  });

  it('moves an unreadable state file aside and starts afresh, saying so', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, STATE_FILE), '{"version": 1, "seed": ');
    const sim = await startSimulator({ dataDir: dir, speed: 0 });
    try {
      expect(sim.recovered).toMatch(/unreadable/);
      expect(readdirSync(dir).some((f) => f.startsWith(`${STATE_FILE}.unreadable-`))).toBe(true);
      expect(sim.control.state().assets.length).toBeGreaterThanOrEqual(5);
    } finally {
      await sim.close();
    }
  });

  it('starts over from the start options on reset', async () => {
    const dir = dataDir();
    const sim = await startSimulator({
      dataDir: dir,
      seed: 3,
      speed: 0,
      marketTime: Date.UTC(2025, 0, 1),
    });
    try {
      const client = venueClient(sim.url, sim.credentials);
      await client.signed('POST', '/fapi/v1/order', {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'MARKET',
        quantity: 0.01,
      });
      sim.control.addAssets(['DOT']);
      sim.control.advance(86_400_000);
      sim.control.reset();
      expect(sim.marketTime()).toBe(Date.UTC(2025, 0, 1));
      expect(sim.control.state().assets.map((a) => a.asset)).not.toContain('DOT');
      expect((await client.signed<unknown[]>('GET', '/fapi/v3/positionRisk')).body).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
