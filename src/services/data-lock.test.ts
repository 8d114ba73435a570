import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PremiaError } from '../shared/errors';
import { acquireDataLock, LOCK_FILE, processIsAlive } from './data-lock';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-lock-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The id of a process that has exited: no process runs under it (until the system reuses it). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid!;
  await new Promise((done) => child.once('exit', done));
  return pid;
}

async function refusal(promise: Promise<unknown>): Promise<PremiaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PremiaError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('acquireDataLock', () => {
  it('writes the owner pid and start time into the lock file', async () => {
    const lock = await acquireDataLock(dir, { startedAt: 1_700_000_000_000 });
    const written = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'));
    expect(written).toMatchObject({ pid: process.pid, startedAt: 1_700_000_000_000 });
    await lock.release();
  });

  it('refuses a second opener while the first holds the folder, naming the lock file', async () => {
    const first = await acquireDataLock(dir);
    const error = await refusal(acquireDataLock(dir));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('Another Premia is using this data folder');
    expect(error.message).toContain(join(dir, LOCK_FILE));
    await first.release();
  });

  it('lets the folder be taken again once released', async () => {
    const first = await acquireDataLock(dir);
    await first.release();
    await first.release();
    const second = await acquireDataLock(dir);
    expect(second.owner.token).not.toBe(first.owner.token);
    await second.release();
  });

  it('takes over a lock whose process is no longer running', async () => {
    const pid = await deadPid();
    expect(processIsAlive(pid)).toBe(false);
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid, startedAt: 1, token: 'left-behind' }),
    );
    const lock = await acquireDataLock(dir);
    const written = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'));
    expect(written.pid).toBe(process.pid);
    expect(written.token).toBe(lock.owner.token);
    await lock.release();
  });

  it('refuses a lock file being written right now but takes over an old unreadable one', async () => {
    const file = join(dir, LOCK_FILE);
    await writeFile(file, '');
    let clock = Date.now();
    const young = await refusal(acquireDataLock(dir, { now: () => clock }));
    expect(young.code).toBe('unavailable');
    clock += 60_000;
    const lock = await acquireDataLock(dir, { now: () => clock });
    expect(JSON.parse(await readFile(file, 'utf8')).token).toBe(lock.owner.token);
    await lock.release();
  });

  it('leaves a lock taken over by another process alone on release', async () => {
    const lock = await acquireDataLock(dir);
    const other = JSON.stringify({ pid: process.pid, startedAt: 2, token: 'someone-else' });
    await writeFile(join(dir, LOCK_FILE), other);
    await lock.release();
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(other);
  });
});
