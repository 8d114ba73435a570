import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PremiaApi } from '../../shared/api';
import { PremiaError } from '../../shared/errors';
import type { Execution } from '../../shared/execution';
import { rebalancePlan } from '../../shared/plan-testing';
import { vaultStatus } from '../../shared/portfolio-testing';
import { runCli } from '../run-cli';
import { execution, executionStep } from '../test-execution';
import { capturedIo, scriptedPrompt } from '../test-io';
import { LOCKED_VAULT, samplePortfolio } from '../test-portfolio';
import { againstRunningApp, eventHub, servicesNoting } from '../test-session';
import { CONFIRM_QUESTION, EXIT_FAILED, EXIT_REFUSED } from './carry-out';
import { createExecuteCommand } from './execute';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-execute-'));
  // The passphrase is typed in these tests, never taken from the environment of whoever runs them.
  vi.stubEnv('PREMIA_PASSPHRASE', '');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const PLAN_ID = 'k3x9q2m7a1b4c8d0';
/** The sample plan on the demo account, which needs no key from the vault. */
const demoPlan = () => rebalancePlan({ demo: true });

/** Every call the command makes, in order, with the stand-in answers given. */
function noting(calls: string[], answers: Partial<PremiaApi>): Partial<PremiaApi> {
  const noted: Partial<PremiaApi> = {
    getPlan: async (id) => {
      calls.push(`getPlan ${id}`);
      return demoPlan();
    },
    syncHoldings: async () => {
      calls.push('syncHoldings');
      return samplePortfolio();
    },
    executePlan: async ({ planId }) => {
      calls.push(`executePlan ${planId}`);
      return execution();
    },
  };
  for (const [name, answer] of Object.entries(answers) as [keyof PremiaApi, unknown][]) {
    const fn = answer as (input: unknown) => Promise<unknown>;
    (noted as Record<string, unknown>)[name] = (input: unknown) => {
      calls.push(name);
      return fn(input);
    };
  }
  return noted;
}

const EXPECTED_JSON: Execution = {
  planId: PLAN_ID,
  state: 'done',
  startedAt: 1_060_000,
  finishedAt: 1_064_000,
  checks: [{ code: 'stale-quotes', ok: true, message: 'Quotes are 2 seconds old.' }],
  steps: [
    {
      step: 0,
      kind: 'transfer',
      pair: null,
      state: 'done',
      planned: 1_250,
      filled: 1_250,
      averagePrice: null,
      message: null,
    },
    {
      step: 1,
      kind: 'order',
      pair: 'p1',
      state: 'done',
      planned: 0.05,
      filled: 0.05,
      averagePrice: 50_012,
      message: null,
    },
    {
      step: 2,
      kind: 'order',
      pair: 'p1',
      state: 'done',
      planned: 0.05,
      filled: 0.05,
      averagePrice: 50_028,
      message: null,
    },
  ],
  problem: null,
  nextSteps: [],
};

describe('premia execute', () => {
  it('on a free folder with --yes, reads the plan, waits for prices, syncs the holdings, executes and prints exactly the execution as JSON', async () => {
    const calls: string[] = [];
    const command = createExecuteCommand({ open: servicesNoting(noting(calls, {}), calls) });
    const out = capturedIo();
    const code = await runCli(
      ['execute', '--plan', PLAN_ID, '--yes', '--json', '--data-dir', dir],
      out,
      [command],
    );
    expect(code).toBe(0);
    expect(out.err).toEqual([]);
    expect(out.out).toHaveLength(1);
    expect(JSON.parse(out.out[0]!)).toStrictEqual(EXPECTED_JSON);
    expect(calls).toEqual([
      'open with market',
      `getPlan ${PLAN_ID}`,
      'waitForMarketSnapshot',
      'startMarket',
      'syncHoldings',
      `executePlan ${PLAN_ID}`,
      'close',
    ]);
  });

  it('prints the progress of each step through a running Premia too, from the events its link sends', async () => {
    const events = eventHub();
    const working = execution({
      state: 'running',
      finishedAt: null,
      steps: [
        executionStep(),
        executionStep({ step: 1, kind: 'order', pair: 'p1', state: 'working', filled: 0 }),
        executionStep({ step: 2, kind: 'order', pair: 'p1', state: 'pending', filled: 0 }),
      ],
    });
    await againstRunningApp(
      dir,
      {
        getPlan: async () => demoPlan(),
        executePlan: async () => {
          events.emit({ type: 'execution', execution: working });
          events.emit({ type: 'execution', execution: execution() });
          return execution();
        },
      },
      async () => {
        const command = createExecuteCommand({ open: servicesNoting({}, []) });
        const out = capturedIo();
        expect(
          await runCli(['execute', '--plan', PLAN_ID, '--yes', '--data-dir', dir], out, [command]),
        ).toBe(0);
        const start = out.out.indexOf(`Executing plan ${PLAN_ID}…`);
        expect(start).toBeGreaterThan(0);
        expect(out.out.slice(start + 1, start + 3)).toEqual([
          'Step 0 (transfer USDT spot → futures): done, 1250 of 1250',
          'Step 1 (buy spot BTC/USDT): working',
        ]);
      },
      events,
    );
    expect(events.listening()).toBe(0);
  });

  it('prints the plan, the progress of each step as the execution moves on, then each step with what filled and at what price', async () => {
    const calls: string[] = [];
    const events = eventHub();
    const working = execution({
      state: 'running',
      finishedAt: null,
      steps: [
        executionStep(),
        executionStep({ step: 1, kind: 'order', pair: 'p1', state: 'working', filled: 0 }),
        executionStep({ step: 2, kind: 'order', pair: 'p1', state: 'pending', filled: 0 }),
      ],
    });
    const api = noting(calls, {
      executePlan: async () => {
        events.emit({ type: 'execution', execution: working });
        // The same news twice, and another plan's: neither prints a line.
        events.emit({ type: 'execution', execution: working });
        events.emit({ type: 'execution', execution: { ...working, planId: 'other' } });
        events.emit({ type: 'execution', execution: execution() });
        return execution();
      },
    });
    const command = createExecuteCommand({ open: servicesNoting(api, calls, events) });
    const out = capturedIo();
    expect(
      await runCli(['execute', '--plan', PLAN_ID, '--yes', '--data-dir', dir], out, [command]),
    ).toBe(0);
    expect(out.out[0]).toBe(`Plan ${PLAN_ID}, made 1970-01-01 00:16:40 UTC`);
    const start = out.out.indexOf(`Executing plan ${PLAN_ID}…`);
    expect(start).toBeGreaterThan(0);
    expect(out.out.slice(start + 1, start + 5)).toEqual([
      'Step 0 (transfer USDT spot → futures): done, 1250 of 1250',
      'Step 1 (buy spot BTC/USDT): working',
      'Step 1 (buy spot BTC/USDT): done, 0.05 of 0.05 at 50,012.00',
      'Step 2 (sell perp BTC/USDT:USDT): done, 0.05 of 0.05 at 50,028.00',
    ]);
    expect(out.out[start + 5]).toBe('');
    expect(out.out[start + 6]).toBe(
      `Execution of plan ${PLAN_ID}, started 1970-01-01 00:17:40 UTC, ended 1970-01-01 00:17:44 UTC`,
    );
    expect(out.out.slice(start).find((l) => l.trimStart().startsWith('2 '))).toMatch(
      /sell perp BTC\/USDT:USDT\s+done\s+0\.05 of 0\.05\s+50,028/,
    );
    expect(out.out.at(-1)).toBe('Done: every step was carried out as planned.');
    expect(out.err).toEqual([]);
    expect(events.listening()).toBe(0);
  });

  it('exits non-zero with the problem when the execution was refused, still printing it as JSON', async () => {
    const refused = execution({
      state: 'refused',
      checks: [{ code: 'stale-quotes', ok: false, message: 'Quotes are 95 seconds old.' }],
      steps: [],
      problem: 'The quotes are stale: nothing was sent.',
    });
    const calls: string[] = [];
    const api = noting(calls, { executePlan: async () => refused });
    const command = createExecuteCommand({ open: servicesNoting(api, calls) });
    const out = capturedIo();
    const code = await runCli(
      ['execute', '--plan', PLAN_ID, '--yes', '--json', '--data-dir', dir],
      out,
      [command],
    );
    expect(code).toBe(EXIT_REFUSED);
    expect(code).not.toBe(0);
    expect(JSON.parse(out.out[0]!)).toMatchObject({ state: 'refused', problem: refused.problem });
    expect(out.err.join('\n')).toContain('refused, nothing was sent: The quotes are stale');
  });

  it('exits with its own code when the execution failed, printing the problem and the next steps', async () => {
    const failed = execution({
      state: 'failed',
      steps: [
        executionStep(),
        executionStep({
          step: 1,
          kind: 'order',
          pair: 'p1',
          state: 'unwound',
          planned: 0.05,
          filled: 0.05,
          averagePrice: 50_012,
          message: 'Sold back: the short found no buyer.',
        }),
        executionStep({
          step: 2,
          kind: 'order',
          pair: 'p1',
          state: 'failed',
          planned: 0.05,
          filled: 0,
        }),
      ],
      problem: 'The short could not be opened within 10 seconds.',
      nextSteps: ['Move the 1250 USDT margin back to spot if you no longer need it.'],
    });
    const calls: string[] = [];
    const api = noting(calls, { executePlan: async () => failed });
    const command = createExecuteCommand({ open: servicesNoting(api, calls) });
    const out = capturedIo();
    const code = await runCli(['execute', '--plan', PLAN_ID, '--yes', '--data-dir', dir], out, [
      command,
    ]);
    expect(code).toBe(EXIT_FAILED);
    expect(out.out).toContain('Problem: The short could not be opened within 10 seconds.');
    expect(out.out).toContain(
      '  - Move the 1250 USDT margin back to spot if you no longer need it.',
    );
    expect(out.out.find((l) => l.includes('unwound'))).toContain(
      'Sold back: the short found no buyer.',
    );
    expect(out.out.at(-1)).toBe('Failed: the execution stopped with something left undone.');
    expect(out.err.join('\n')).toContain('failed with something left undone');
  });

  it('lets the execution run on to its end when Ctrl-C is pressed, saying why', async () => {
    const calls: string[] = [];
    let stop: (signal: NodeJS.Signals) => void = () => undefined;
    const stopped = new Promise<NodeJS.Signals>((resolve) => (stop = resolve));
    const out = capturedIo(stopped);
    const api = noting(calls, {
      executePlan: async () => {
        stop('SIGINT');
        // One turn of the event loop: the command hears the signal while the execution runs.
        await new Promise((resolve) => setImmediate(resolve));
        return execution();
      },
    });
    const command = createExecuteCommand({ open: servicesNoting(api, calls) });
    const code = await runCli(['execute', '--plan', PLAN_ID, '--yes', '--data-dir', dir], out, [
      command,
    ]);
    expect(code).toBe(0);
    expect(out.err).toHaveLength(1);
    expect(out.err[0]).toContain('the execution goes on until it ends');
    expect(out.out.at(-1)).toBe('Done: every step was carried out as planned.');
  });

  it('refuses without --yes when there is no terminal to confirm in, and sends nothing', async () => {
    const calls: string[] = [];
    const command = createExecuteCommand({ open: servicesNoting(noting(calls, {}), calls) });
    const out = capturedIo();
    const code = await runCli(['execute', '--plan', PLAN_ID, '--data-dir', dir], out, [command]);
    expect(code).not.toBe(0);
    expect(out.err.join('\n')).toContain('there is no terminal to confirm in');
    expect(out.err.join('\n')).toContain('--yes');
    expect(calls).toEqual(['open with market', `getPlan ${PLAN_ID}`, 'close']);
  });

  it('sends nothing when the person does not answer yes', async () => {
    const calls: string[] = [];
    const command = createExecuteCommand({ open: servicesNoting(noting(calls, {}), calls) });
    const prompt = scriptedPrompt(['n']);
    const out = capturedIo(undefined, prompt);
    const code = await runCli(['execute', '--plan', PLAN_ID, '--data-dir', dir], out, [command]);
    expect(code).toBe(1);
    expect(prompt.asked).toEqual([CONFIRM_QUESTION]);
    expect(out.err).toEqual(['premia execute: not confirmed; nothing was sent.']);
    expect(calls).not.toContain(`executePlan ${PLAN_ID}`);
    expect(calls.at(-1)).toBe('close');
  });

  it('executes once the person answers yes, after showing the plan', async () => {
    const calls: string[] = [];
    const command = createExecuteCommand({ open: servicesNoting(noting(calls, {}), calls) });
    const prompt = scriptedPrompt(['Y']);
    const out = capturedIo(undefined, prompt);
    const code = await runCli(['execute', '--plan', PLAN_ID, '--data-dir', dir], out, [command]);
    expect(code).toBe(0);
    expect(prompt.asked).toEqual([CONFIRM_QUESTION]);
    expect(out.out).toContain('Ready: every check passes.');
    expect(calls).toContain(`executePlan ${PLAN_ID}`);
  });

  it('with --json, shows the plan it asks about on stderr and keeps stdout for the execution', async () => {
    const calls: string[] = [];
    const command = createExecuteCommand({ open: servicesNoting(noting(calls, {}), calls) });
    const prompt = scriptedPrompt(['yes']);
    const out = capturedIo(undefined, prompt);
    const code = await runCli(['execute', '--plan', PLAN_ID, '--json', '--data-dir', dir], out, [
      command,
    ]);
    expect(code).toBe(0);
    expect(out.err[0]).toBe(`Plan ${PLAN_ID}, made 1970-01-01 00:16:40 UTC`);
    expect(out.out).toHaveLength(1);
    expect(JSON.parse(out.out[0]!)).toStrictEqual(EXPECTED_JSON);
  });

  it('refuses a plan that is not ready without asking or sending anything', async () => {
    const calls: string[] = [];
    const unready = rebalancePlan({
      demo: true,
      ready: false,
      checks: [{ code: 'balance', ok: false, message: 'The spot wallet holds 20 USDT too few.' }],
    });
    const api = noting(calls, { getPlan: async () => unready });
    const command = createExecuteCommand({ open: servicesNoting(api, calls) });
    const prompt = scriptedPrompt([]);
    const out = capturedIo(undefined, prompt);
    const code = await runCli(['execute', '--plan', PLAN_ID, '--data-dir', dir], out, [command]);
    expect(code).toBe(1);
    expect(prompt.asked).toEqual([]);
    expect(out.err.join('\n')).toContain(
      `plan ${PLAN_ID} is not ready, so nothing was sent: The spot wallet holds 20 USDT too few.`,
    );
    expect(calls).toEqual(['open with market', 'getPlan', 'close']);
  });

  it("unlocks a locked vault, asking for the passphrase, before executing on one's own account", async () => {
    const calls: string[] = [];
    let passphrase = '';
    const api = noting(calls, {
      getPlan: async () => rebalancePlan({ demo: false }),
      getVaultStatus: async () => LOCKED_VAULT,
      unlockVault: async (input) => {
        passphrase = input.passphrase;
        return vaultStatus();
      },
    });
    const command = createExecuteCommand({ open: servicesNoting(api, calls) });
    const typed = `pass-${Math.random().toString(36).slice(2)}`;
    const prompt = scriptedPrompt(['y', typed]);
    const out = capturedIo(undefined, prompt);
    const code = await runCli(['execute', '--plan', PLAN_ID, '--data-dir', dir], out, [command]);
    expect(code).toBe(0);
    expect(prompt.asked).toEqual([CONFIRM_QUESTION, 'Vault passphrase: ']);
    expect(passphrase).toBe(typed);
    expect(calls.indexOf('unlockVault')).toBeLessThan(calls.indexOf('syncHoldings'));
    expect(out.out.join('\n')).not.toContain(typed);
  });

  it('exits with an error, saying why, when the app refuses to execute, and closes what it opened', async () => {
    const calls: string[] = [];
    const api = noting(calls, {
      executePlan: async () => {
        throw new PremiaError('unavailable', 'Premia is shutting down.');
      },
    });
    const command = createExecuteCommand({ open: servicesNoting(api, calls) });
    const out = capturedIo();
    const code = await runCli(['execute', '--plan', PLAN_ID, '--yes', '--data-dir', dir], out, [
      command,
    ]);
    expect(code).toBe(1);
    expect(out.err).toEqual(['premia execute: Premia is shutting down.']);
    expect(calls.at(-1)).toBe('close');
  });

  it('says so when the plan is not found (expired or never made)', async () => {
    const calls: string[] = [];
    const api = noting(calls, {
      getPlan: async () => {
        throw new PremiaError('not-found', 'No plan k3x9q2m7a1b4c8d0: it may have expired.');
      },
    });
    const command = createExecuteCommand({ open: servicesNoting(api, calls) });
    const out = capturedIo();
    const code = await runCli(['execute', '--plan', PLAN_ID, '--yes', '--data-dir', dir], out, [
      command,
    ]);
    expect(code).toBe(1);
    expect(out.err.join('\n')).toContain('it may have expired');
    expect(calls).toEqual(['open with market', 'getPlan', 'close']);
  });

  it.each([
    [[], 'name the plan with --plan <id>'],
    [['--plan', 'NOT-A-PLAN'], '--plan takes a plan id'],
    [['--plan', PLAN_ID, '--bogus'], "Unknown option '--bogus'"],
    [['--plan', PLAN_ID, 'now'], 'Unexpected argument'],
  ])('refuses the arguments %j with a usage error before opening anything', async (args, why) => {
    const calls: string[] = [];
    const command = createExecuteCommand({ open: servicesNoting(noting(calls, {}), calls) });
    const out = capturedIo();
    expect(await runCli(['execute', ...args, '--data-dir', dir], out, [command])).toBe(2);
    expect(out.err.join('\n')).toContain(why);
    expect(out.err.join('\n')).toContain('usage: premia execute --plan <id>');
    expect(calls).toEqual([]);
  });

  it('asks the running Premia through its link when it holds the folder, opening nothing itself', async () => {
    const asked: string[] = [];
    await againstRunningApp(
      dir,
      {
        getPlan: async (id) => {
          asked.push(`getPlan ${id}`);
          return demoPlan();
        },
        executePlan: async ({ planId }) => {
          asked.push(`executePlan ${planId}`);
          return execution();
        },
      },
      async () => {
        const calls: string[] = [];
        const command = createExecuteCommand({ open: servicesNoting({}, calls) });
        const out = capturedIo();
        const code = await runCli(
          ['execute', '--plan', PLAN_ID, '--yes', '--json', '--data-dir', dir],
          out,
          [command],
        );
        expect(code).toBe(0);
        expect(JSON.parse(out.out[0]!)).toStrictEqual(EXPECTED_JSON);
        expect(calls).toEqual([]);
      },
    );
    expect(asked).toEqual([`getPlan ${PLAN_ID}`, `executePlan ${PLAN_ID}`]);
  });
});
