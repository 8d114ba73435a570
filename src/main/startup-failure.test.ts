import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataLock, type DataLock } from '../services/data-lock';
import { PremiaError } from '../shared/errors';
import { describeStartupFailure, reportStartupFailure } from './startup-failure';

let dir: string;
let held: DataLock | null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-main-start-'));
  held = null;
});

afterEach(async () => {
  await held?.release();
  await rm(dir, { recursive: true, force: true });
});

/** The refusal a second opener of a held data folder gets, as `premia serve` would cause it. */
async function folderInUseRefusal(): Promise<unknown> {
  held = await acquireDataLock(dir);
  return acquireDataLock(dir).then(
    () => new Error('the second lock was granted'),
    (error: unknown) => error,
  );
}

/** Electron's part and the log, recorded in the order they are used. */
function fakeShell() {
  const calls: string[] = [];
  const boxes: { title: string; message: string }[] = [];
  const logged: { level: 'warn' | 'error'; message: string; detail: unknown }[] = [];
  return {
    calls,
    boxes,
    logged,
    shell: {
      showErrorBox: (title: string, message: string) => {
        calls.push('showErrorBox');
        boxes.push({ title, message });
      },
      exit: (code: number) => void calls.push(`exit ${code}`),
    },
    log: {
      warn: (message: string, detail?: unknown) =>
        void logged.push({ level: 'warn', message, detail }),
      error: (message: string, detail?: unknown) =>
        void logged.push({ level: 'error', message, detail }),
    },
  };
}

describe('reportStartupFailure', () => {
  it('says plainly that another Premia holds the data folder, then quits with code 1', async () => {
    const refusal = await folderInUseRefusal();
    const fake = fakeShell();

    reportStartupFailure(refusal, fake.shell, fake.log);

    expect(fake.calls).toEqual(['showErrorBox', 'exit 1']);
    expect(fake.boxes).toEqual([
      { title: 'Premia is already running', message: (refusal as Error).message },
    ]);
    expect(fake.boxes[0]?.message).toContain('Another Premia is using this data folder');
    expect(fake.boxes[0]?.message).toContain(join(dir, 'premia.lock'));
    // An expected refusal is one line in the log, not a crash report.
    expect(fake.logged).toEqual([
      {
        level: 'warn',
        message: `Premia did not start: ${(refusal as Error).message}`,
        detail: undefined,
      },
    ]);
  });

  it('keeps the details of an unexpected failure out of the box and logs them in full', () => {
    const fault = new Error('connect ECONNREFUSED https://internal.example/path?key=abc');
    const fake = fakeShell();

    reportStartupFailure(fault, fake.shell, fake.log);

    expect(fake.calls).toEqual(['showErrorBox', 'exit 1']);
    expect(fake.boxes[0]?.title).toBe('Premia could not start');
    expect(fake.boxes[0]?.message).not.toContain('ECONNREFUSED');
    expect(fake.boxes[0]?.message).toMatch(/see the log/);
    expect(fake.logged).toEqual([
      { level: 'error', message: 'Premia could not start', detail: fault },
    ]);
  });
});

describe('describeStartupFailure', () => {
  it('shows another refusal written for people as it is, under the general title', () => {
    const refusal = new PremiaError(
      'invalid-input',
      'PREMIA_SIM_PORT must be a port number from 0 to 65535 (got "x").',
    );
    expect(describeStartupFailure(refusal)).toEqual({
      title: 'Premia could not start',
      message: refusal.message,
      exitCode: 1,
      expected: false,
    });
  });
});
