import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PremiaApi } from '../../shared/api';
import { PremiaError } from '../../shared/errors';
import type { JournalQuery, JournalView } from '../../shared/execution';
import { runCli } from '../run-cli';
import { journalEntry } from '../test-execution';
import { capturedIo } from '../test-io';
import { againstRunningApp, servicesNoting } from '../test-session';
import { createJournalCommand } from './journal';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-journal-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A filled spot buy, and the margin transfer before it, which failed, with its reason. */
const sampleJournal = (): JournalView => ({
  entries: [
    journalEntry({
      clientOrderId: 'pmk3x9q2m7a1b4c8d0-0-1',
      orderId: null,
      step: 0,
      kind: 'transfer',
      pair: null,
      asset: 'USDT',
      symbol: null,
      side: null,
      from: 'spot',
      to: 'futures',
      amount: 1_250,
      filled: 0,
      price: null,
      fee: null,
      feeCurrency: null,
      status: 'failed',
      reason: 'The venue refused the transfer: the spot wallet holds too little.',
      updatedAt: 1_061_000,
    }),
    journalEntry(),
  ],
});

const EXPECTED_JSON = {
  entries: [
    {
      clientOrderId: 'pmk3x9q2m7a1b4c8d0-0-1',
      orderId: null,
      planId: 'k3x9q2m7a1b4c8d0',
      step: 0,
      kind: 'transfer',
      pair: null,
      account: 'acc-1',
      exchange: 'binance',
      asset: 'USDT',
      symbol: null,
      side: null,
      amount: 1_250,
      filled: 0,
      price: null,
      fee: null,
      feeCurrency: null,
      status: 'failed',
      updatedAt: 1_061_000,
    },
    {
      clientOrderId: 'pmk3x9q2m7a1b4c8d0-1-1',
      orderId: '81234',
      planId: 'k3x9q2m7a1b4c8d0',
      step: 1,
      kind: 'order',
      pair: 'p1',
      account: 'acc-1',
      exchange: 'binance',
      asset: 'BTC',
      symbol: 'BTC/USDT',
      side: 'buy',
      amount: 0.05,
      filled: 0.05,
      price: 50_012,
      fee: 0.00005,
      feeCurrency: 'BTC',
      status: 'filled',
      updatedAt: 1_062_000,
    },
  ],
};

const JSON_KEYS = [
  'clientOrderId',
  'orderId',
  'planId',
  'step',
  'kind',
  'pair',
  'account',
  'exchange',
  'asset',
  'symbol',
  'side',
  'amount',
  'filled',
  'price',
  'fee',
  'feeCurrency',
  'status',
  'updatedAt',
];

function noting(calls: string[], answers: Partial<PremiaApi> = {}): Partial<PremiaApi> {
  return {
    getJournal: async (query: JournalQuery) => {
      calls.push(`getJournal ${JSON.stringify(query)}`);
      return sampleJournal();
    },
    exportJournalCsv: async () => {
      calls.push('exportJournalCsv');
      return 'time,venue\r\n2026-01-02T03:04:05.000Z,"binance, spot"\r\n';
    },
    ...answers,
  };
}

describe('premia journal', () => {
  it('on a free folder, reads the journal without starting a market and prints exactly the promised JSON, keys in order', async () => {
    const calls: string[] = [];
    const command = createJournalCommand({ open: servicesNoting(noting(calls), calls) });
    const out = capturedIo();
    expect(await runCli(['journal', '--json', '--data-dir', dir], out, [command])).toBe(0);
    expect(out.err).toEqual([]);
    expect(out.out).toHaveLength(1);
    const printed = JSON.parse(out.out[0]!) as { entries: Record<string, unknown>[] };
    expect(printed).toStrictEqual(EXPECTED_JSON);
    for (const entry of printed.entries) expect(Object.keys(entry)).toEqual(JSON_KEYS);
    expect(calls).toEqual(['open without market', 'getJournal {}', 'close']);
  });

  it('prints every entry for people, with the reason of each failure under the table', async () => {
    const calls: string[] = [];
    const command = createJournalCommand({ open: servicesNoting(noting(calls), calls) });
    const out = capturedIo();
    expect(await runCli(['journal', '--data-dir', dir], out, [command])).toBe(0);
    expect(out.out[0]).toMatch(/^Updated\s+Plan\s+Step\s+What\s+Filled\s+Price\s+Fee\s+Status/);
    expect(out.out[1]).toMatch(
      /^1970-01-01 00:17:41 UTC\s+k3x9q2m7a1b4c8d0\s+0\s+transfer USDT spot → futures\s+0 of 1250\s+failed\s+acc-1 \(binance\)$/,
    );
    expect(out.out[2]).toMatch(
      /buy BTC\/USDT\s+0\.05 of 0\.05\s+50,012\.00\s+0\.00005 BTC\s+filled/,
    );
    expect(out.out.slice(3)).toEqual([
      '',
      'Why',
      '  pmk3x9q2m7a1b4c8d0-0-1 (failed): The venue refused the transfer: the spot wallet holds too little.',
    ]);
  });

  it('says so when nothing was ever sent', async () => {
    const calls: string[] = [];
    const api = noting(calls, { getJournal: async () => ({ entries: [] }) });
    const command = createJournalCommand({ open: servicesNoting(api, calls) });
    const out = capturedIo();
    expect(await runCli(['journal', '--data-dir', dir], out, [command])).toBe(0);
    expect(out.out).toEqual(['The journal is empty: no order or transfer has been sent yet.']);
  });

  it('prints the CSV export as the app gives it, byte for byte', async () => {
    const calls: string[] = [];
    const command = createJournalCommand({ open: servicesNoting(noting(calls), calls) });
    const out = capturedIo();
    expect(await runCli(['journal', '--csv', '--data-dir', dir], out, [command])).toBe(0);
    // `stdout` ends every line with a line feed, as the real one writes it.
    expect(out.out.map((line) => `${line}\n`).join('')).toBe(
      'time,venue\r\n2026-01-02T03:04:05.000Z,"binance, spot"\r\n',
    );
    expect(calls).toEqual(['open without market', 'exportJournalCsv', 'close']);
  });

  it('exits with an error, saying why, when the journal cannot be read', async () => {
    const calls: string[] = [];
    const api = noting(calls, {
      getJournal: async () => {
        throw new PremiaError('unavailable', 'Premia is shutting down.');
      },
    });
    const command = createJournalCommand({ open: servicesNoting(api, calls) });
    const out = capturedIo();
    expect(await runCli(['journal', '--data-dir', dir], out, [command])).toBe(1);
    expect(out.err).toEqual(['premia journal: Premia is shutting down.']);
    expect(calls.at(-1)).toBe('close');
  });

  it.each([
    [['--json', '--csv'], 'choose --json or --csv, not both'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['all'], 'Unexpected argument'],
  ])('refuses the arguments %j with a usage error before opening anything', async (args, why) => {
    const calls: string[] = [];
    const command = createJournalCommand({ open: servicesNoting(noting(calls), calls) });
    const out = capturedIo();
    expect(await runCli(['journal', ...args, '--data-dir', dir], out, [command])).toBe(2);
    expect(out.err.join('\n')).toContain(why);
    expect(out.err.join('\n')).toContain('usage: premia journal [--json] [--csv]');
    expect(calls).toEqual([]);
  });

  it('asks the running Premia through its link when it holds the folder', async () => {
    const asked: string[] = [];
    await againstRunningApp(dir, noting(asked), async () => {
      const calls: string[] = [];
      const command = createJournalCommand({ open: servicesNoting({}, calls) });
      const json = capturedIo();
      expect(await runCli(['journal', '--json', '--data-dir', dir], json, [command])).toBe(0);
      expect(JSON.parse(json.out[0]!)).toStrictEqual(EXPECTED_JSON);
      const csv = capturedIo();
      expect(await runCli(['journal', '--csv', '--data-dir', dir], csv, [command])).toBe(0);
      expect(csv.out).toEqual(['time,venue\r', '2026-01-02T03:04:05.000Z,"binance, spot"\r']);
      expect(calls).toEqual([]);
    });
    expect(asked).toEqual(['getJournal {}', 'exportJournalCsv']);
  });
});
