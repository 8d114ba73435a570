// One Premia per data folder: the desktop app and `premia serve` share a folder by default, and two
// processes appending to the same history would corrupt it. The lock is a file created exclusively
// (O_EXCL) holding the owner's pid, start time and a random token; a lock whose process is gone is
// taken over.
//
// Taking over is where two starting processes can both win: each judges the old lock stale, one
// removes it and creates its own, and the other, still acting on its judgement, removes the new one.
// So a stale lock is only ever removed by the holder of a claim on that very lock: a file named for
// the lock's token (`premia.lock.takeover-<token>`), created exclusively, so exactly one process
// holds it. The holder checks the lock is still the stale one and only then removes it and creates
// its own, again exclusively. Nobody else removes a lock that is not theirs, so at every moment at
// most one process owns the folder. A claim left by a process that died while holding it is claimed
// in turn, by a file named for that claim's token.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PremiaError } from '../shared/errors';
import { describeFileProblem, errnoCode, isMissing } from './file-problems';

export const LOCK_FILE = 'premia.lock';
const CLAIM_PREFIX = `${LOCK_FILE}.takeover-`;

/** A lock file that cannot be read is taken for one being written right now until it is this old. */
const UNREADABLE_GRACE_MS = 10_000;
const ATTEMPTS = 3;
/** Claims of claims followed before giving up: each level needs another process to have died. */
const MAX_CLAIM_DEPTH = 8;

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
    return errnoCode(error) === 'EPERM';
  }
}

/**
 * What stands at a lock or claim path. `generation` names that one file for good: its token, or for
 * an unreadable file its inode and time, so a claim on it never applies to a file created later.
 */
type Existing =
  | { kind: 'gone' }
  | { kind: 'owned'; owner: LockOwner; generation: string }
  | { kind: 'unreadable'; ageMs: number; generation: string };

async function readExisting(file: string, now: number): Promise<Existing> {
  let text: string;
  let info;
  try {
    info = await stat(file);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return { kind: 'gone' };
    throw error;
  }
  try {
    const parsed = lockSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      return { kind: 'owned', owner: parsed.data, generation: parsed.data.token };
    }
  } catch {
    // Not JSON: judged by its age below.
  }
  return {
    kind: 'unreadable',
    ageMs: now - info.mtimeMs,
    generation: `inode-${info.ino}-${Math.round(info.mtimeMs)}`,
  };
}

/** Whether a lock or claim is left by a process that is gone (or was never finished). */
function isStale(existing: Existing, isAlive: (pid: number) => boolean): boolean {
  if (existing.kind === 'owned') return !isAlive(existing.owner.pid);
  if (existing.kind === 'unreadable') return existing.ageMs >= UNREADABLE_GRACE_MS;
  return false;
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

/** Creates `path` holding `owner`, only if nothing is there; false when something is. */
async function createExclusive(path: string, owner: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
  });
}

type Takeover = 'taken' | 'lost' | 'busy';

/**
 * Takes over the stale lock of `generation` if this process wins the claim on it. `lost`: the lock
 * changed meanwhile (someone else took it, or it was freed); `busy`: a live process holds the claim.
 */
async function takeOver(
  file: string,
  generation: string,
  owner: LockOwner,
  now: () => number,
  isAlive: (pid: number) => boolean,
): Promise<Takeover> {
  /** Claims of dead claimers passed on the way, then this process's own. */
  const claims: string[] = [];
  let claimed = generation;
  for (let depth = 0; ; depth++) {
    const claim = join(file, '..', `${CLAIM_PREFIX}${claimed}`);
    if (await createExclusive(claim, owner)) {
      claims.push(claim);
      break;
    }
    const holder = await readExisting(claim, now());
    if (holder.kind === 'gone') continue;
    // A live claimer is taking over right now; the claims passed stay, as its chain needs them.
    if (!isStale(holder, isAlive) || depth >= MAX_CLAIM_DEPTH) return 'busy';
    // Its claimer died mid-takeover: whoever claims the claim takes its place.
    claims.push(claim);
    claimed = holder.generation;
  }
  try {
    // Only the holder of the claim may remove the lock of this generation, and nothing but a claim
    // holder removes a lock that is not its own: if it is still the stale one here, it is still
    // the stale one when it is removed.
    const current = await readExisting(file, now());
    if (current.kind !== 'gone') {
      if (current.generation !== generation) return 'lost';
      await removeIfPresent(file);
    }
    return (await createExclusive(file, owner)) ? 'taken' : 'lost';
  } finally {
    // Whatever happened, the lock is not of `generation` any more unless this process failed before
    // removing it; either way its claims are no longer needed by anyone.
    for (const claim of claims.reverse()) await removeIfPresent(claim).catch(() => undefined);
  }
}

/** Removes claims left on locks that are gone; called by the owner, whose own lock none can name. */
async function sweepClaims(dataDir: string, owner: LockOwner): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(CLAIM_PREFIX) && !n.endsWith(owner.token));
  await Promise.all(stale.map((n) => removeIfPresent(join(dataDir, n)).catch(() => undefined)));
}

/**
 * Takes the data folder's lock, creating the folder if needed. Throws an `unavailable` PremiaError
 * when a running process holds it, or when the folder or the lock file cannot be used (said in
 * words). A lock left by a process that is no longer running is taken over by exactly one of the
 * processes trying at once.
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
  try {
    return await acquire(dataDir, file, owner, now, isAlive);
  } catch (error) {
    if (error instanceof PremiaError) throw error;
    const path = (error as NodeJS.ErrnoException).path ?? file;
    throw new PremiaError(
      'unavailable',
      `Premia cannot lock its data folder: ${describeFileProblem(path, error)}.`,
    );
  }
}

async function acquire(
  dataDir: string,
  file: string,
  owner: LockOwner,
  now: () => number,
  isAlive: (pid: number) => boolean,
): Promise<DataLock> {
  await mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusive(file, owner)) {
      await sweepClaims(dataDir, owner);
      return lockFor(file, owner);
    }
    const existing = await readExisting(file, now());
    if (existing.kind === 'gone') continue;
    if (!isStale(existing, isAlive)) {
      throw refusal(file, existing.kind === 'owned' ? existing.owner : null);
    }
    const outcome = await takeOver(file, existing.generation, owner, now, isAlive);
    if (outcome === 'taken') {
      await sweepClaims(dataDir, owner);
      return lockFor(file, owner);
    }
    if (outcome === 'busy') break;
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
        await removeIfPresent(file);
      })();
      return released;
    },
  };
}

/**
 * The running process that holds the data folder's lock, or null when none does (no lock, or one
 * left by a process that is gone). Takes nothing: a process that wants the folder still acquires it.
 */
export async function dataLockHolder(
  dataDir: string,
  isAlive: (pid: number) => boolean = processIsAlive,
): Promise<LockOwner | null> {
  const existing = await readExisting(join(dataDir, LOCK_FILE), Date.now());
  return existing.kind === 'owned' && isAlive(existing.owner.pid) ? existing.owner : null;
}
