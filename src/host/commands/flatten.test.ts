import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PremiaApi } from '../../shared/api';
import { PremiaError } from '../../shared/errors';
import type { PlanRequest } from '../../shared/plan';
import { orderStep, rebalancePlan } from '../../shared/plan-testing';
import { vaultStatus } from '../../shared/portfolio-testing';
import { runCli } from '../run-cli';
import { execution, executionStep } from '../test-execution';
import { capturedIo, scriptedPrompt } from '../test-io';
import { LOCKED_VAULT, sampleAccount, samplePortfolio } from '../test-portfolio';
import { againstRunningApp, servicesNoting } from '../test-session';
import { CONFIRM_QUESTION, EXIT_FAILED } from './carry-out';
import { createFlattenCommand } from './flatten';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-flatten-'));
  vi.stubEnv('PREMIA_PASSPHRASE', '');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const PLAN_ID = 'f1a2t3t4e5n6p7l8';

/** Closing the sample short on the demo account: one reduce-only buy of the perpetual. */
const flattenPlan = () =>
  rebalancePlan({
    id: PLAN_ID,
    demo: true,
    steps: [
      orderStep({
        step: 0,
        market: 'perp',
        symbol: 'BTC/USDT:USDT',
        side: 'buy',
        contracts: 0.4,
        amount: 0.4,
        reduceOnly: true,
        purpose: 'close-short',
      }),
    ],
    shorts: [],
    carry: [],
  });

const flattened = () =>
  execution({
    planId: PLAN_ID,
    steps: [
      executionStep({
        step: 0,
        kind: 'order',
        pair: null,
        planned: 0.4,
        filled: 0.4,
        averagePrice: 50_020,
      }),
    ],
  });

/** The stand-in app, each call noted in `calls`; `answers` replace the defaults. */
function noting(calls: string[], answers: Partial<PremiaApi> = {}): Partial<PremiaApi> {
  return {
    listAccounts: async () => {
      calls.push('listAccounts');
      return [];
    },
    syncHoldings: async () => {
      calls.push('syncHoldings');
      return samplePortfolio();
    },
    createPlan: async (request: PlanRequest) => {
      calls.push(`createPlan ${JSON.stringify(request)}`);
      return flattenPlan();
    },
    executePlan: async ({ planId }) => {
      calls.push(`executePlan ${planId}`);
      return flattened();
    },
    ...answers,
  };
}

describe('premia flatten', () => {
  it('on a free folder with --yes, waits for prices, syncs, plans a flatten and executes it, printing the execution as JSON', async () => {
    const calls: string[] = [];
    const command = createFlattenCommand({ open: servicesNoting(noting(calls), calls) });
    const out = capturedIo();
    const code = await runCli(['flatten', '--yes', '--json', '--data-dir', dir], out, [command]);
    expect(code).toBe(0);
    expect(out.err).toEqual([]);
    expect(out.out).toHaveLength(1);
    expect(JSON.parse(out.out[0]!)).toStrictEqual(flattened());
    expect(calls).toEqual([
      'open with market',
      'listAccounts',
      'waitForMarketSnapshot',
      'startMarket',
      'syncHoldings',
      'createPlan {"flatten":true}',
      `executePlan ${PLAN_ID}`,
      'close',
    ]);
  });

  it('prints the flatten plan and the result for people', async () => {
    const calls: string[] = [];
    const command = createFlattenCommand({ open: servicesNoting(noting(calls), calls) });
    const out = capturedIo(undefined, scriptedPrompt(['y']));
    expect(await runCli(['flatten', '--data-dir', dir], out, [command])).toBe(0);
    expect(out.out[0]).toBe(`Plan ${PLAN_ID}, made 1970-01-01 00:16:40 UTC`);
    expect(out.out.find((l) => l.includes('buy perp (reduce only)'))).toContain('0.4 contracts');
    const result = out.out.indexOf(
      `Execution of plan ${PLAN_ID}, started 1970-01-01 00:17:40 UTC, ended 1970-01-01 00:17:44 UTC`,
    );
    expect(result).toBeGreaterThan(0);
    expect(out.out.slice(result).find((l) => l.trimStart().startsWith('0 '))).toMatch(
      /buy perp BTC\/USDT:USDT \(reduce only\)\s+done\s+0\.4 of 0\.4\s+50,020\.00/,
    );
    expect(out.out.at(-1)).toBe('Done: every step was carried out as planned.');
  });

  it("unlocks the vault with PREMIA_PASSPHRASE before reading one's own accounts", async () => {
    const calls: string[] = [];
    const passphrase = `pass-${Math.random().toString(36).slice(2)}`;
    vi.stubEnv('PREMIA_PASSPHRASE', passphrase);
    let given = '';
    const api = noting(calls, {
      listAccounts: async () => [sampleAccount()],
      getVaultStatus: async () => LOCKED_VAULT,
      unlockVault: async (input) => {
        calls.push('unlockVault');
        given = input.passphrase;
        return vaultStatus();
      },
    });
    const command = createFlattenCommand({ open: servicesNoting(api, calls) });
    const out = capturedIo();
    expect(await runCli(['flatten', '--yes', '--data-dir', dir], out, [command])).toBe(0);
    expect(given).toBe(passphrase);
    expect(calls.indexOf('unlockVault')).toBeLessThan(calls.indexOf('syncHoldings'));
    expect([...out.out, ...out.err].join('\n')).not.toContain(passphrase);
  });

  it('refuses without --yes when there is no terminal to confirm in, and sends nothing', async () => {
    const calls: string[] = [];
    const command = createFlattenCommand({ open: servicesNoting(noting(calls), calls) });
    const out = capturedIo();
    expect(await runCli(['flatten', '--data-dir', dir], out, [command])).not.toBe(0);
    expect(out.err.join('\n')).toContain('there is no terminal to confirm in');
    expect(calls).not.toContain(`executePlan ${PLAN_ID}`);
    expect(calls.at(-1)).toBe('close');
  });

  it('sends nothing when the person does not answer yes', async () => {
    const calls: string[] = [];
    const command = createFlattenCommand({ open: servicesNoting(noting(calls), calls) });
    const prompt = scriptedPrompt(['']);
    const out = capturedIo(undefined, prompt);
    expect(await runCli(['flatten', '--data-dir', dir], out, [command])).toBe(1);
    expect(prompt.asked).toEqual([CONFIRM_QUESTION]);
    expect(out.err).toEqual(['premia flatten: not confirmed; nothing was sent.']);
    expect(calls).not.toContain(`executePlan ${PLAN_ID}`);
  });

  it('asks nothing when there is nothing to flatten, and ends done', async () => {
    const calls: string[] = [];
    const empty = rebalancePlan({ id: PLAN_ID, demo: true, steps: [], shorts: [], carry: [] });
    const api = noting(calls, {
      createPlan: async () => empty,
      executePlan: async () => execution({ planId: PLAN_ID, steps: [] }),
    });
    const command = createFlattenCommand({ open: servicesNoting(api, calls) });
    const out = capturedIo();
    expect(await runCli(['flatten', '--data-dir', dir], out, [command])).toBe(0);
    expect(out.out).toContain('Nothing to do: no step is needed.');
    expect(out.err).toEqual([]);
  });

  it('exits with the failure code and the next steps when a short could not be closed', async () => {
    const calls: string[] = [];
    const api = noting(calls, {
      executePlan: async () =>
        execution({
          planId: PLAN_ID,
          state: 'failed',
          steps: [
            executionStep({
              step: 0,
              kind: 'order',
              state: 'partial',
              planned: 0.4,
              filled: 0.1,
              averagePrice: 50_020,
            }),
          ],
          problem: 'The book held only 0.1 BTC inside the limit price.',
          nextSteps: ['Run premia flatten again to close the 0.3 BTC left short.'],
        }),
    });
    const command = createFlattenCommand({ open: servicesNoting(api, calls) });
    const out = capturedIo();
    expect(await runCli(['flatten', '--yes', '--data-dir', dir], out, [command])).toBe(EXIT_FAILED);
    expect(out.out).toContain('  - Run premia flatten again to close the 0.3 BTC left short.');
    expect(out.err.join('\n')).toContain('The book held only 0.1 BTC inside the limit price.');
  });

  it('exits with an error, saying why, when no flatten plan could be made', async () => {
    const calls: string[] = [];
    const api = noting(calls, {
      createPlan: async () => {
        throw new PremiaError('unavailable', 'The market is offline: no fresh book to close on.');
      },
    });
    const command = createFlattenCommand({ open: servicesNoting(api, calls) });
    const out = capturedIo();
    expect(await runCli(['flatten', '--yes', '--data-dir', dir], out, [command])).toBe(1);
    expect(out.err).toEqual(['premia flatten: The market is offline: no fresh book to close on.']);
    expect(calls.at(-1)).toBe('close');
  });

  it.each([[['--plan', PLAN_ID]], [['--bogus']], [['everything']]])(
    'refuses the arguments %j with a usage error before opening anything',
    async (args) => {
      const calls: string[] = [];
      const command = createFlattenCommand({ open: servicesNoting(noting(calls), calls) });
      const out = capturedIo();
      expect(await runCli(['flatten', ...args, '--data-dir', dir], out, [command])).toBe(2);
      expect(out.err.join('\n')).toContain('usage: premia flatten [--yes]');
      expect(calls).toEqual([]);
    },
  );

  it('asks the running Premia through its link when it holds the folder, opening nothing itself', async () => {
    const asked: string[] = [];
    await againstRunningApp(dir, noting(asked), async () => {
      const calls: string[] = [];
      const command = createFlattenCommand({ open: servicesNoting({}, calls) });
      const out = capturedIo();
      const code = await runCli(['flatten', '--yes', '--json', '--data-dir', dir], out, [command]);
      expect(code).toBe(0);
      expect(JSON.parse(out.out[0]!)).toStrictEqual(flattened());
      expect(calls).toEqual([]);
    });
    // Through the link nothing is synced or waited for: the running app keeps its own data fresh.
    expect(asked).toEqual([
      'listAccounts',
      'createPlan {"flatten":true}',
      `executePlan ${PLAN_ID}`,
    ]);
  });
});
