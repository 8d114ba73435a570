import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acquireDataLock, LOCK_FILE } from '../../services/data-lock';
import type { MarketSnapshot } from '../../shared/market';
import {
  assetSnapshotSchema,
  futureQuoteSchema,
  marketSnapshotSchema,
  perpQuoteSchema,
} from '../../shared/market';
import { runCli } from '../run-cli';
import { capturedIo, spawnCli } from '../test-io';
import { againstRunningApp, refuseToOpen } from '../test-session';
import { COMMANDS } from '.';
import { createSnapshotCommand, snapshotJson, snapshotTable } from './snapshot';

/**
 * The `--json` shape: the app's snapshot without its app-only fields (`offline`, and each asset's
 * `receivedAt` and `thresholds`), strict at every level, so a field more or less fails the parse.
 */
const jsonSchema = marketSnapshotSchema
  .omit({ offline: true })
  .extend({
    assets: z.array(
      assetSnapshotSchema
        .omit({ receivedAt: true, thresholds: true })
        .extend({
          perp: perpQuoteSchema.strict().nullable(),
          futures: z.array(futureQuoteSchema.strict()),
        })
        .strict(),
    ),
  })
  .strict();

const SAMPLE_SNAPSHOT: MarketSnapshot = {
  at: Date.UTC(2026, 0, 2, 3, 4, 5),
  source: 'binance',
  offline: true,
  assets: [
    {
      asset: 'BTC',
      spot: 100_000,
      perp: {
        symbol: 'BTC/USDT:USDT',
        mark: 100_010,
        index: 100_001,
        fundingRate: 0.0001,
        fundingIntervalHours: 4,
        intervalFromVenue: true,
        annualized: 0.219,
        nextFundingAt: Date.UTC(2026, 0, 2, 4, 0, 0),
      },
      futures: [],
      premium: 0.219,
      premiumSource: 'funding-average' as const,
      basisMethod: 'simple' as const,
      regime: 'extreme-contango' as const,
      heldByHysteresis: true,
      stale: true,
      receivedAt: 5,
      thresholds: { deepBelow: -0.1, moderateFrom: 0.05, extremeAbove: 0.2, extremeExit: 0.05 },
    },
  ],
};

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-snapshot-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fast = createSnapshotCommand({
  timeoutMs: 30_000,
  market: { gateway: { rateLimitMs: 1, retry: { retries: 1, baseDelayMs: 10 } } },
});

describe('premia snapshot', () => {
  it('prints exactly one JSON object of the demo market and exits 0, releasing the folder', async () => {
    const out = capturedIo();
    const code = await runCli(['snapshot', '--json', '--data-dir', dir], out, [fast]);
    expect(out.err).toEqual([]);
    expect(code).toBe(0);
    expect(out.out).toHaveLength(1);
    const parsed = jsonSchema.parse(JSON.parse(out.out[0]!));
    expect(parsed.source).toBe('demo');
    expect(parsed.assets.map((a) => a.asset)).toEqual(['BTC', 'ETH']);
    for (const a of parsed.assets) {
      expect(a.stale).toBe(false);
      expect(a.spot).toBeGreaterThan(0);
      expect(a.perp?.symbol).toBe(`${a.asset}/USDT:USDT`);
      expect(a.futures.length).toBeGreaterThan(0);
      expect(a.premium).not.toBeNull();
      expect(a.regime).not.toBeNull();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('prints an aligned table for people', async () => {
    const out = capturedIo();
    expect(await runCli(['snapshot', '--data-dir', dir], out, [fast])).toBe(0);
    const header = out.out.findIndex((l) => l.startsWith('Asset'));
    expect(out.out[0]).toMatch(/^Premia market snapshot: demo market \(simulated\), \d{4}-/);
    const rows = out.out.slice(header, header + 3);
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(['Asset', 'BTC', 'ETH']);
    // Every column starts at the same place on every row: the Premium heading's right edge lines
    // up with each row's premium figure.
    const premiumEnd = rows[0]!.indexOf('Premium') + 'Premium'.length;
    for (const row of rows.slice(1)) expect(row.slice(premiumEnd - 1, premiumEnd)).toBe('%');
    expect(out.out.join('\n')).toMatch(/venue default|8 h default/);
  });

  it('says so when another Premia holds the folder but does not answer on its link', async () => {
    const lock = await acquireDataLock(dir);
    try {
      const out = capturedIo();
      expect(await runCli(['snapshot', '--data-dir', dir], out, [fast])).toBe(1);
      expect(out.err.join('\n')).toMatch(
        /^premia snapshot: Premia is running on this data folder but does not answer; .*app-link\.json is missing/,
      );
      expect(out.out).toEqual([]);
    } finally {
      await lock.release();
    }
  });

  it('prints the running Premia’s snapshot through its link when it holds the folder', async () => {
    await againstRunningApp(dir, { getSnapshot: async () => SAMPLE_SNAPSHOT }, async () => {
      const out = capturedIo();
      const viaLink = createSnapshotCommand({ open: refuseToOpen });
      expect(await runCli(['snapshot', '--json', '--data-dir', dir], out, [viaLink])).toBe(0);
      expect(JSON.parse(out.out[0]!)).toEqual(snapshotJson(SAMPLE_SNAPSHOT));
    });
  });

  it('says the running Premia has no market data yet rather than waiting for it', async () => {
    await againstRunningApp(dir, { getSnapshot: async () => null }, async () => {
      const out = capturedIo();
      expect(await runCli(['snapshot', '--data-dir', dir], out, [fast])).toBe(1);
      expect(out.err).toEqual([
        'premia snapshot: the running Premia has no market data yet; try again in a moment.',
      ]);
    });
  });

  it('gives up with a clear error when no cycle completes in time', async () => {
    const out = capturedIo();
    const impatient = createSnapshotCommand({ timeoutMs: 20 });
    expect(await runCli(['snapshot', '--json', '--data-dir', dir], out, [impatient])).toBe(1);
    expect(out.err.join('\n')).toMatch(/No market data within 0 s/);
    expect(out.out).toEqual([]);
  });

  it('refuses an unknown flag with its usage', async () => {
    const out = capturedIo();
    expect(await runCli(['snapshot', '--csv'], out, COMMANDS)).toBe(2);
    expect(out.err.join('\n')).toContain('usage: premia snapshot [--json] [--data-dir DIR]');
  });

  it('runs as its own process and exits once printed', async () => {
    const child = spawnCli(['snapshot', '--json', '--data-dir', dir]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(jsonSchema.parse(JSON.parse(lines[0]!)).source).toBe('demo');
  }, 60_000);
});

describe('snapshotJson and snapshotTable', () => {
  const snapshot = SAMPLE_SNAPSHOT;

  it('leaves the app-only fields out of the JSON', () => {
    const json = snapshotJson(snapshot);
    expect(jsonSchema.parse(json)).toEqual(json);
    expect(Object.keys(json.assets[0]!)).not.toContain('thresholds');
    expect(Object.keys(json.assets[0]!)).not.toContain('receivedAt');
  });

  it('says what each figure is in the table, with the hysteresis and staleness marks', () => {
    const lines = snapshotTable(snapshot);
    expect(lines[0]).toBe('Premia market snapshot: binance, 2026-01-02 03:04:05 UTC, offline');
    const row = lines.find((l) => l.startsWith('BTC'))!;
    expect(row).toContain('100,000.00');
    expect(row).toContain('0.0100% / 4 h');
    expect(row).toContain('21.90%');
    expect(row).toContain('55 min');
    expect(row).toContain('averaged funding');
    expect(row).toContain('Extreme contango (held)');
    expect(row).toMatch(/stale$/);
    expect(lines.join('\n')).not.toContain('default is used');
  });

  it('says what is wrong with an asset’s data below the table, and carries it in the JSON', () => {
    const problem =
      'Binance refused the SOLUSDT spot pair (Invalid symbol); Premia is checking whether it was delisted.';
    const btc = snapshot.assets[0]!;
    const troubled = {
      ...snapshot,
      assets: [btc, { ...btc, asset: 'SOL', stale: false, problem }],
    };
    const lines = snapshotTable(troubled);
    expect(lines.find((l) => l.startsWith('SOL'))).toMatch(/fresh, see below$/);
    expect(lines.find((l) => l.startsWith('BTC'))).toMatch(/stale$/);
    expect(lines).toContain(`SOL: ${problem}`);
    const json = snapshotJson(troubled);
    expect(jsonSchema.parse(json)).toEqual(json);
    expect(json.assets.map((a) => a.problem)).toEqual([undefined, problem]);
  });
});
