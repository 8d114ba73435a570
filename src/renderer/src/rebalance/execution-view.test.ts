import { describe, expect, it } from 'vitest';
import type { Execution, ExecutionStep } from '../../../shared/execution';
import { rebalancePlan } from '../../../shared/plan-testing';
import {
  executeReadiness,
  executionResult,
  executionStepRows,
  laterExecution,
} from './execution-view';

const runStep = (change: Partial<ExecutionStep> = {}): ExecutionStep => ({
  step: 0,
  kind: 'transfer',
  pair: null,
  state: 'pending',
  planned: 1_250,
  filled: 0,
  averagePrice: null,
  message: null,
  ...change,
});

const execution = (change: Partial<Execution> = {}): Execution => ({
  planId: 'k3x9q2m7a1b4c8d0',
  state: 'running',
  startedAt: 1_010_000,
  finishedAt: null,
  checks: [],
  steps: [runStep()],
  problem: null,
  nextSteps: [],
  ...change,
});

describe('executeReadiness', () => {
  it('lets a ready plan that has not expired be executed', () => {
    expect(executeReadiness(rebalancePlan(), 1_050_000)).toEqual({ ready: true, reasons: [] });
  });

  it('lists every failed check as a reason', () => {
    const plan = rebalancePlan({
      ready: false,
      checks: [
        { code: 'books', ok: true, message: 'Order books read just now.' },
        { code: 'balance', ok: false, message: 'Not enough USDT in spot: 1,000 short.' },
        { code: 'vault', ok: false, message: 'The key vault is locked.' },
      ],
    });
    expect(executeReadiness(plan, 1_050_000)).toEqual({
      ready: false,
      reasons: ['Not enough USDT in spot: 1,000 short.', 'The key vault is locked.'],
    });
  });

  it('refuses an expired plan first, whatever its checks said', () => {
    const readiness = executeReadiness(rebalancePlan({ expiresAt: 1_120_000 }), 1_120_000);
    expect(readiness.ready).toBe(false);
    expect(readiness.reasons).toEqual(['The plan has expired: make a new one.']);
  });

  it('refuses a plan with no steps, saying there is nothing to do', () => {
    const readiness = executeReadiness(rebalancePlan({ steps: [] }), 1_050_000);
    expect(readiness).toEqual({
      ready: false,
      reasons: ['The plan has no steps: there is nothing to execute.'],
    });
  });
});

describe('executionStepRows', () => {
  it('words each step as the plan does, in order, with its state and what filled', () => {
    const run = execution({
      steps: [
        runStep({
          step: 2,
          kind: 'order',
          pair: 'p1',
          state: 'working',
          planned: 0.05,
          filled: 0,
        }),
        runStep({ step: 0, state: 'done', filled: 1_250 }),
        runStep({
          step: 1,
          kind: 'order',
          pair: 'p1',
          state: 'partial',
          planned: 0.05,
          filled: 0.04,
          averagePrice: 50_012.5,
          message: 'The book filled 0.04 of 0.05 inside the limit.',
        }),
      ],
    });
    const rows = executionStepRows(run, rebalancePlan());
    expect(rows.map((r) => [r.number, r.what, r.label, r.progress])).toEqual([
      [1, 'Transfer 1,250 USDT spot → futures', 'Done', 'Moved 1,250 of 1,250'],
      [2, 'Buy 0.05 BTC (spot)', 'Partly filled', 'Filled 0.04 of 0.05 at 50,012.50'],
      [3, 'Sell 0.05 BTC (perpetual)', 'Working', null],
    ]);
    expect(rows[1]?.message).toBe('The book filled 0.04 of 0.05 inside the limit.');
  });

  it('gives every state a word and a mark of its own, so none rests on colour alone', () => {
    const states = [
      'pending',
      'working',
      'done',
      'partial',
      'failed',
      'skipped',
      'unwound',
    ] as const;
    const rows = executionStepRows(
      execution({ steps: states.map((state, step) => runStep({ step, state })) }),
      null,
    );
    expect(new Set(rows.map((r) => r.label)).size).toBe(states.length);
    expect(new Set(rows.map((r) => r.mark)).size).toBe(states.length);
    expect(rows.find((r) => r.state === 'unwound')?.label).toBe('Unwound');
  });

  it('names a step by its kind when the plan is not at hand', () => {
    const rows = executionStepRows(
      execution({ steps: [runStep(), runStep({ step: 1, kind: 'order' })] }),
      null,
    );
    expect(rows.map((r) => r.what)).toEqual(['Transfer', 'Order']);
  });
});

describe('executionResult', () => {
  it('says a finished execution is done and counts its steps', () => {
    const result = executionResult(
      execution({
        state: 'done',
        finishedAt: 1_020_000,
        steps: [runStep({ state: 'done' }), runStep({ step: 1, state: 'done' })],
      }),
    );
    expect(result).toMatchObject({
      finished: true,
      title: 'Done: every step was carried out',
      summary: '2 of 2 steps done',
      problem: null,
      nextSteps: [],
    });
  });

  it('carries a failure’s problem and what to do next', () => {
    const result = executionResult(
      execution({
        state: 'failed',
        finishedAt: 1_020_000,
        steps: [runStep({ state: 'done' }), runStep({ step: 1, state: 'unwound' })],
        problem: 'The short could not be opened; the spot bought was sold again.',
        nextSteps: ['Check the BTC spot balance on the exchange.'],
      }),
    );
    expect(result.finished).toBe(true);
    expect(result.title).toMatch(/^Failed/);
    expect(result.summary).toBe('1 of 2 steps done');
    expect(result.problem).toBe('The short could not be opened; the spot bought was sold again.');
    expect(result.nextSteps).toEqual(['Check the BTC spot balance on the exchange.']);
  });

  it('says a refused execution sent nothing', () => {
    const result = executionResult(execution({ state: 'refused', problem: 'Quotes are stale.' }));
    expect(result.title).toBe('Refused: nothing was sent');
    expect(result.finished).toBe(true);
  });

  it('counts a running execution as not finished', () => {
    expect(executionResult(execution()).finished).toBe(false);
  });
});

describe('laterExecution', () => {
  it('takes the newer view of the same execution', () => {
    const held = execution();
    const next = execution({ steps: [runStep({ state: 'done' })] });
    expect(laterExecution(held, next)).toBe(next);
  });

  it('keeps an ended execution when a running view of it arrives late', () => {
    const ended = execution({ state: 'done', finishedAt: 1_020_000 });
    expect(laterExecution(ended, execution())).toBe(ended);
  });

  it('takes the execution of another plan whole', () => {
    const other = execution({ planId: 'other1' });
    expect(laterExecution(execution({ state: 'done' }), other)).toBe(other);
  });
});
