import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';
import { capturedIo } from '../test-io';
import { againstRunningApp, servicesNoting } from '../test-session';
import { samplePortfolio } from '../test-portfolio';
import { createHoldingsCommand } from './holdings';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-holdings-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Services opened by the command itself, recording what it asked of them and in what order. */
const EXPECTED_JSON = {
  at: Date.UTC(2026, 0, 2, 3, 4, 5),
  value: 80_000,
  current: { spot: 0.375, hedged: 0.25, stable: 0.375 },
  target: { spot: 0.3, hedged: 0.3, stable: 0.4 },
  drift: { spot: 0.075, hedged: -0.05, stable: -0.025 },
  rebalanceDue: true,
  assets: [
    {
      asset: 'BTC',
      long: 1,
      short: 0.4,
      price: 50_000,
      spot: 30_000,
      hedged: 20_000,
      net: 30_000,
      current: { spot: 0.375, hedged: 0.25 },
      target: { spot: 0.3, hedged: 0.3, stable: 0.4 },
      drift: { spot: 0.075, hedged: -0.05 },
    },
  ],
  stable: 30_000,
  accounts: [
    {
      id: 'acc-1',
      exchange: 'binance',
      label: 'Main',
      testnet: false,
      syncedAt: Date.UTC(2026, 0, 2),
      permissions: samplePortfolio().accounts[0]!.permissions,
    },
    {
      id: 'acc-2',
      exchange: 'binance',
      label: 'Test net',
      testnet: true,
      syncedAt: Date.UTC(2026, 0, 2),
      permissions: null,
    },
  ],
  warnings: [
    { kind: 'stale-holdings', accountId: 'acc-2', message: 'Test net holdings are 2 h old.' },
  ],
};

describe('premia holdings', () => {
  it('on a free folder, waits for prices, syncs the holdings, prints exactly the promised JSON and closes', async () => {
    const calls: string[] = [];
    const command = createHoldingsCommand({
      open: servicesNoting(
        {
          syncHoldings: async () => {
            calls.push('syncHoldings');
            return samplePortfolio();
          },
          getPortfolio: async () => {
            calls.push('getPortfolio');
            return samplePortfolio();
          },
        },
        calls,
      ),
    });
    const out = capturedIo();
    expect(await runCli(['holdings', '--json', '--data-dir', dir], out, [command])).toBe(0);
    expect(out.err).toEqual([]);
    expect(out.out).toHaveLength(1);
    // Key for key: a field more or less in the output fails here.
    expect(JSON.parse(out.out[0]!)).toStrictEqual(EXPECTED_JSON);
    expect(calls).toEqual([
      'open with market',
      'waitForMarketSnapshot',
      'startMarket',
      'syncHoldings',
      'getPortfolio',
      'close',
    ]);
  });

  it('asks the running Premia through its link when it holds the folder', async () => {
    await againstRunningApp(dir, { getPortfolio: async () => samplePortfolio() }, async () => {
      const calls: string[] = [];
      const out = capturedIo();
      const command = createHoldingsCommand({ open: servicesNoting({}, calls) });
      expect(await runCli(['holdings', '--json', '--data-dir', dir], out, [command])).toBe(0);
      expect(JSON.parse(out.out[0]!)).toStrictEqual(EXPECTED_JSON);
      expect(calls).toEqual([]);
    });
  });

  it('prints aligned tables and the warnings for people', async () => {
    const calls: string[] = [];
    const portfolio = async () => samplePortfolio();
    const command = createHoldingsCommand({
      open: servicesNoting({ syncHoldings: portfolio, getPortfolio: portfolio }, calls),
    });
    const out = capturedIo();
    expect(await runCli(['holdings', '--data-dir', dir], out, [command])).toBe(0);
    expect(out.out[0]).toBe('Premia holdings: 2026-01-02 03:04:05 UTC');
    expect(out.out[1]).toBe(
      'Value 80,000.00 USDT (stable 30,000.00 USDT); rebalance due (drift band 5.00%)',
    );
    const bucket = out.out.findIndex((l) => l.startsWith('Bucket'));
    const rows = out.out.slice(bucket, bucket + 4);
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(['Bucket', 'Spot', 'Hedged', 'Stable']);
    // Right-aligned: every figure of the Drift column ends where its heading does.
    const driftEnd = rows[0]!.indexOf('Drift') + 'Drift'.length;
    for (const row of rows.slice(1)) expect(row.length).toBe(driftEnd);
    expect(rows[1]).toMatch(/37\.50%\s+30\.00%\s+\+7\.50%$/);
    expect(rows[2]).toMatch(/\u22125\.00%$/);
    expect(out.out.find((l) => l.startsWith('BTC'))).toMatch(
      /^BTC\s+1\.0000\s+0\.4000\s+50,000\.00\s+30,000\.00\s+20,000\.00\s+30,000\.00\s+37\.50% \/ 30\.00%\s+25\.00% \/ 30\.00%$/,
    );
    expect(out.out.find((l) => l.startsWith('Test net'))).toMatch(/testnet .* not tested$/);
    expect(out.out).toContain('- Test net holdings are 2 h old.');
  });

  it('closes the services it opened even when the sync fails', async () => {
    const calls: string[] = [];
    const command = createHoldingsCommand({
      open: servicesNoting(
        {
          syncHoldings: async () => {
            throw new Error('venue down');
          },
        },
        calls,
      ),
    });
    const out = capturedIo();
    expect(await runCli(['holdings', '--data-dir', dir], out, [command])).toBe(1);
    expect(calls.at(-1)).toBe('close');
  });
});
