import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PremiaError } from '../../shared/errors';
import { planCarry, rebalancePlan } from '../../shared/plan-testing';
import { runCli } from '../run-cli';
import { capturedIo } from '../test-io';
import { againstRunningApp, servicesNoting } from '../test-session';
import { samplePortfolio } from '../test-portfolio';
import { createPlanCommand } from './plan';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-plan-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Services opened by the command itself, recording what it asked of them and in what order. */
/** The sample plan, its carry never breaking even and one check failing. */
const samplePlan = () =>
  rebalancePlan({
    ready: false,
    carry: [planCarry({ breakevenDays: Infinity })],
    checks: [
      { code: 'stale-quotes', ok: true, message: 'The quotes were received 10 s ago.' },
      { code: 'vault', ok: false, message: 'The key vault is locked.' },
    ],
    notes: [{ code: 'below-minimum', asset: 'ETH', message: 'ETH is below the minimum.' }],
  });

const EXPECTED_JSON = {
  id: 'k3x9q2m7a1b4c8d0',
  at: 1_000_000,
  expiresAt: 1_120_000,
  ready: false,
  value: 20_000,
  current: { spot: 0.7, hedged: 0, stable: 0.3 },
  target: { spot: 0.7, hedged: 0.15, stable: 0.15 },
  after: { spot: 0.7, hedged: 0.125, stable: 0.175 },
  assets: [
    {
      asset: 'BTC',
      regime: 'moderate-contango',
      current: { spot: 0.7, hedged: 0 },
      target: { spot: 0.7, hedged: 0.15, stable: 0.15 },
      after: { spot: 0.7, hedged: 0.125 },
    },
  ],
  steps: [
    {
      step: 0,
      kind: 'transfer',
      account: 'acc-1',
      asset: 'USDT',
      pair: null,
      amount: 1_250,
      from: 'spot',
      to: 'futures',
    },
    {
      step: 1,
      kind: 'order',
      account: 'acc-1',
      asset: 'BTC',
      pair: 'p1',
      market: 'spot',
      symbol: 'BTC/USDT',
      side: 'buy',
      amount: 0.05,
      contracts: null,
      price: 50_010,
      limitPrice: 50_160,
      timeInForce: 'IOC',
      notional: 2_500.5,
      reduceOnly: false,
    },
    {
      step: 2,
      kind: 'order',
      account: 'acc-1',
      asset: 'BTC',
      pair: 'p1',
      market: 'perp',
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      amount: 0.05,
      contracts: 0.05,
      price: 50_030,
      limitPrice: 49_880,
      timeInForce: 'IOC',
      notional: 2_501.5,
      reduceOnly: false,
    },
  ],
  shorts: [
    {
      account: 'acc-1',
      pair: 'p1',
      symbol: 'BTC/USDT:USDT',
      marginMode: 'isolated',
      margin: 1_250.75,
      leverage: 2,
      liquidationPrice: 74_500,
    },
  ],
  carry: [
    {
      pair: 'p1',
      kind: 'perp',
      gross: 24.66,
      fees: 7.5,
      net: 17.16,
      netAnnualized: 0.0835,
      breakevenDays: null,
    },
  ],
  costs: { fees: 3.75, slippage: 1 },
  checks: [
    { code: 'stale-quotes', ok: true, message: 'The quotes were received 10 s ago.' },
    { code: 'vault', ok: false, message: 'The key vault is locked.' },
  ],
  notes: [{ code: 'below-minimum', asset: 'ETH', message: 'ETH is below the minimum.' }],
};

describe('premia plan', () => {
  it('on a free folder, waits for prices, syncs the holdings, makes a plan and prints exactly the promised JSON', async () => {
    const calls: string[] = [];
    const command = createPlanCommand({
      open: servicesNoting(
        {
          syncHoldings: async () => {
            calls.push('syncHoldings');
            return samplePortfolio();
          },
          createPlan: async () => {
            calls.push('createPlan');
            return samplePlan();
          },
        },
        calls,
      ),
    });
    const out = capturedIo();
    expect(await runCli(['plan', '--json', '--data-dir', dir], out, [command])).toBe(0);
    expect(out.err).toEqual([]);
    expect(out.out).toHaveLength(1);
    // Key for key: a field more or less in the output fails here.
    expect(JSON.parse(out.out[0]!)).toStrictEqual(EXPECTED_JSON);
    expect(calls).toEqual([
      'open with market',
      'waitForMarketSnapshot',
      'startMarket',
      'syncHoldings',
      'createPlan',
      'close',
    ]);
  });

  it('asks the running Premia through its link when it holds the folder', async () => {
    await againstRunningApp(dir, { createPlan: async () => samplePlan() }, async () => {
      const calls: string[] = [];
      const out = capturedIo();
      const command = createPlanCommand({ open: servicesNoting({}, calls) });
      expect(await runCli(['plan', '--json', '--data-dir', dir], out, [command])).toBe(0);
      expect(JSON.parse(out.out[0]!)).toStrictEqual(EXPECTED_JSON);
      expect(calls).toEqual([]);
    });
  });

  it('prints the steps, the failed checks first, the notes and the expiry for people', async () => {
    const calls: string[] = [];
    const command = createPlanCommand({
      open: servicesNoting(
        { syncHoldings: async () => samplePortfolio(), createPlan: async () => samplePlan() },
        calls,
      ),
    });
    const out = capturedIo();
    expect(await runCli(['plan', '--data-dir', dir], out, [command])).toBe(0);
    expect(out.out[0]).toBe('Plan k3x9q2m7a1b4c8d0, made 1970-01-01 00:16:40 UTC');
    expect(out.out[1]).toMatch(/^Not ready/);
    expect(out.out.find((l) => l.trimStart().startsWith('2 '))).toMatch(
      /sell perp\s+BTC\/USDT:USDT\s+0\.05 contracts/,
    );
    const checks = out.out.indexOf('Checks');
    expect(out.out.slice(checks + 1, checks + 3)).toEqual([
      '  FAILED  The key vault is locked.',
      '  ok      The quotes were received 10 s ago.',
    ]);
    expect(out.out.find((l) => l.startsWith('BTC/USDT:USDT') && l.includes('never'))).toBeDefined();
    expect(out.out).toContain('  ETH is below the minimum.');
    expect(out.out.at(-1)).toBe('Expires 1970-01-01 00:18:40 UTC.');
  });

  it('exits with an error, saying why, when the plan could not be made', async () => {
    const calls: string[] = [];
    const command = createPlanCommand({
      open: servicesNoting(
        {
          syncHoldings: async () => samplePortfolio(),
          createPlan: async () => {
            throw new PremiaError('locked', 'The key vault is locked: unlock it.');
          },
        },
        calls,
      ),
    });
    const out = capturedIo();
    expect(await runCli(['plan', '--data-dir', dir], out, [command])).not.toBe(0);
    expect(out.err.join('\n')).toContain('The key vault is locked');
    expect(calls.at(-1)).toBe('close');
  });
});
