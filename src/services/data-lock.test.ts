import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PremiaError } from '../shared/errors';
import { acquireDataLock, dataLockHolder, LOCK_FILE, processIsAlive } from './data-lock';

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

/** A lock file as a process that has since exited left it. */
async function staleLock(folder: string, pid: number, token = 'left-behind'): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, LOCK_FILE), JSON.stringify({ pid, startedAt: 1, token }));
}

describe('dataLockHolder', () => {
  it('names the running process that holds the folder, and nobody once it is released', async () => {
    expect(await dataLockHolder(dir)).toBeNull();
    const lock = await acquireDataLock(dir);
    expect(await dataLockHolder(dir)).toEqual(lock.owner);
    await lock.release();
    expect(await dataLockHolder(dir)).toBeNull();
  });

  it('takes a lock left by a process that is gone for no holder, and leaves it in place', async () => {
    const pid = await deadPid();
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid, startedAt: 1, token: 'left' }));
    expect(await dataLockHolder(dir)).toBeNull();
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
  });
});

describe('claims on a stale lock', () => {
  const claimOf = (token: string) => join(dir, `${LOCK_FILE}.takeover-${token}`);
  const owner = (pid: number, token: string) => JSON.stringify({ pid, startedAt: 1, token });

  it('waits out a live process that is taking the stale lock over: the folder is refused', async () => {
    const dead = await deadPid();
    await staleLock(dir, dead, 'stale');
    await writeFile(claimOf('stale'), owner(process.pid, 'claimer'));
    const error = await refusal(acquireDataLock(dir));
    expect(error.code).toBe('unavailable');
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).token).toBe('stale');
    expect(await readFile(claimOf('stale'), 'utf8')).toBe(owner(process.pid, 'claimer'));
  });

  it('claims the claim of a process that died while taking over, then tidies both away', async () => {
    const dead = await deadPid();
    await staleLock(dir, dead, 'stale');
    await writeFile(claimOf('stale'), owner(dead, 'claimer'));
    await writeFile(claimOf('long-gone'), owner(dead, 'older'));
    const lock = await acquireDataLock(dir);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).token).toBe(lock.owner.token);
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
    await lock.release();
  });

  it('refuses a folder standing where the lock file belongs, in words', async () => {
    await mkdir(join(dir, LOCK_FILE));
    const error = await refusal(acquireDataLock(dir));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(
      `Premia cannot lock its data folder: ${join(dir, LOCK_FILE)} is a folder where Premia expects a file (EISDIR).`,
    );
  });
});

describe('taking over a stale lock while others try too', () => {
  it('lets exactly one of eight contenders in one process take it, every time', async () => {
    const stalePid = 999_999;
    const isAlive = (pid: number) => pid !== stalePid;
    for (let trial = 0; trial < 40; trial++) {
      const folder = join(dir, `trial-${trial}`);
      await staleLock(folder, stalePid);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => acquireDataLock(folder, { pid: 1000 + i, isAlive })),
      );
      const winners = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      expect(winners).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'unavailable' });
      }
      const written = JSON.parse(await readFile(join(folder, LOCK_FILE), 'utf8'));
      expect(written.token).toBe(winners[0]!.owner.token);
      expect((await readdir(folder)).sort()).toEqual([LOCK_FILE]);
    }
  });

  it('lets exactly one of four processes take it, every time', async () => {
    const CONTENDER = join(import.meta.dirname, 'data-lock.contender.ts');
    const rounds = 30;
    const stalePid = await deadPid();
    const folders = Array.from({ length: rounds }, (_, i) => join(dir, `round-${i}`));
    for (const folder of folders) await staleLock(folder, stalePid);

    type Answer = { dir: string; won: boolean; token?: string; message?: string };
    const children: ChildProcessWithoutNullStreams[] = [];
    const answers: Answer[] = [];
    let heard: (() => void) | null = null;
    try {
      const ready = Array.from({ length: 4 }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER], {
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        children.push(child);
        return new Promise<void>((resolve, reject) => {
          child.once('error', reject);
          child.once('exit', (code) => reject(new Error(`a contender exited early (${code})`)));
          createInterface({ input: child.stdout }).on('line', (line) => {
            if (line === 'ready') return resolve();
            answers.push(JSON.parse(line) as Answer);
            heard?.();
          });
        });
      });
      await Promise.all(ready);

      for (const folder of folders) {
        const expected = answers.length + children.length;
        const all = new Promise<void>((resolve) => {
          heard = () => {
            if (answers.length >= expected) resolve();
          };
        });
        // The same folder to every contender at once: they race for its stale lock.
        for (const child of children) child.stdin.write(`${folder}\n`);
        await all;
        const round = answers.filter((a) => a.dir === folder);
        const winners = round.filter((a) => a.won);
        expect(winners, JSON.stringify(round)).toHaveLength(1);
        for (const loser of round.filter((a) => !a.won)) {
          expect(loser.message).toContain('Another Premia is using this data folder');
        }
        const written = JSON.parse(await readFile(join(folder, LOCK_FILE), 'utf8'));
        expect(written.token).toBe(winners[0]!.token);
      }
    } finally {
      for (const child of children) {
        child.removeAllListeners('exit');
        child.stdin.end();
      }
      await Promise.all(
        children.map(
          (child) =>
            new Promise((done) =>
              child.exitCode !== null ? done(null) : child.once('exit', done),
            ),
        ),
      );
    }
  });
});
