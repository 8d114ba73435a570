// One Premia per data folder: the desktop app and `premia serve` share a folder by default, and two
// processes appending to the same history would corrupt it. The lock is a file created exclusively
// (O_EXCL) holding the owner's pid and start time; a lock whose process is gone is taken over.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PremiaError } from '../shared/errors';

export const LOCK_FILE = 'premia.lock';

/** A lock file that cannot be read is taken for one being written right now until it is this old. */
const UNREADABLE_GRACE_MS = 10_000;
const ATTEMPTS = 3;

const lockSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.number(),
  token: z.string().min(1),
});
export type LockOwner = z.infer<typeof lockSchema>;

export interface DataLock {
  /** The lock file's absolute path. */
  readonly file: string;
  readonly owner: LockOwner;
  /** Removes the lock file if it is still this lock's; safe to call more than once. */
  release(): Promise<void>;
}

export interface DataLockOptions {
  pid?: number;
  /** When the owning process started (ms); written for people who find the file. */
  startedAt?: number;
  now?: () => number;
  /** Whether a process with this id is running. */
  isAlive?: (pid: number) => boolean;
}

/** Signal 0 checks for existence only; EPERM means the process exists but belongs to someone else. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

type Existing =
  { kind: 'gone' } | { kind: 'owned'; owner: LockOwner } | { kind: 'unreadable'; ageMs: number };

async function readExisting(file: string, now: number): Promise<Existing> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  try {
    const parsed = lockSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'owned', owner: parsed.data };
  } catch {
    // Not JSON: judged by its age below.
  }
  try {
    return { kind: 'unreadable', ageMs: now - (await stat(file)).mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
}

function refusal(file: string, owner: LockOwner | null): PremiaError {
  const who = owner
    ? ` (process ${owner.pid}, started ${new Date(owner.startedAt).toISOString()})`
    : '';
  return new PremiaError(
    'unavailable',
    `Another Premia is using this data folder${who}: close it first, or give this one another folder with --data-dir. If no other Premia is running, delete ${file}.`,
  );
}

/**
 * Takes the data folder's lock, creating the folder if needed. Throws an `unavailable` PremiaError
 * when a running process holds it. A lock left by a process that is no longer running is taken over.
 */
export async function acquireDataLock(
  dataDir: string,
  options: DataLockOptions = {},
): Promise<DataLock> {
  const now = options.now ?? Date.now;
  const isAlive = options.isAlive ?? processIsAlive;
  const owner: LockOwner = {
    pid: options.pid ?? process.pid,
    startedAt: options.startedAt ?? Math.round(now() - process.uptime() * 1000),
    token: randomUUID(),
  };
  const file = join(dataDir, LOCK_FILE);
  await mkdir(dataDir, { recursive: true });

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(owner));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return lockFor(file, owner);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const existing = await readExisting(file, now());
    if (existing.kind === 'owned' && isAlive(existing.owner.pid)) {
      throw refusal(file, existing.owner);
    }
    if (existing.kind === 'unreadable' && existing.ageMs < UNREADABLE_GRACE_MS) {
      throw refusal(file, null);
    }
    // Stale: its process is gone (or it was never finished). Remove it and try the exclusive create
    // again, so two processes taking over at once still end with one owner.
    await unlink(file).catch((e: unknown) => {
      if (errorCode(e) !== 'ENOENT') throw e;
    });
  }
  const last = await readExisting(file, now());
  throw refusal(file, last.kind === 'owned' ? last.owner : null);
}

function lockFor(file: string, owner: LockOwner): DataLock {
  let released: Promise<void> | null = null;
  return {
    file,
    owner,
    release() {
      released ??= (async () => {
        const existing = await readExisting(file, Date.now()).catch(() => null);
        // Someone took the lock over meanwhile (this process was thought dead): it is theirs now.
        if (existing?.kind !== 'owned' || existing.owner.token !== owner.token) return;
        await unlink(file).catch((e: unknown) => {
          if (errorCode(e) !== 'ENOENT') throw e;
        });
      })();
      return released;
    },
  };
}
