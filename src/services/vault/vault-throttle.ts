// Slowing down passphrase guessing: after three wrong passphrases in a row, each further attempt waits
// a delay that doubles from one second up to five minutes. The count is kept in a tiny file beside
// the vault, so restarting Premia does not start the count again.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { MINUTE_MS, SECOND_MS } from '../../shared/time';
import { writeFileAtomic } from '../atomic-write';
import { isMissing } from '../file-problems';

export const THROTTLE_FILE = 'vault-throttle.json';
export const FREE_ATTEMPTS = 3;
export const FIRST_DELAY_MS = SECOND_MS;
export const MAX_DELAY_MS = 5 * MINUTE_MS;

export interface ThrottleState {
  /** Wrong passphrases in a row. */
  failures: number;
  /** When the last of them was given (ms), or null. */
  lastFailureAt: number | null;
}

export const NO_FAILURES: ThrottleState = Object.freeze({ failures: 0, lastFailureAt: null });

const throttleFileSchema = z
  .object({
    version: z.literal(1),
    failures: z.number().int().min(0).max(1_000_000),
    lastFailureAt: z.number().int().nonnegative().nullable(),
  })
  .strict();

export const throttlePath = (dataDir: string): string => join(dataDir, THROTTLE_FILE);

/** How long after the last failure the next attempt must wait (0 within the free attempts). */
export function throttleDelay(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  const doublings = Math.min(failures - FREE_ATTEMPTS, 30);
  return Math.min(FIRST_DELAY_MS * 2 ** doublings, MAX_DELAY_MS);
}

/** When the next attempt is allowed, or null when it is allowed now or at any time. */
export function retryAt(state: ThrottleState, now: number): number | null {
  const delay = throttleDelay(state.failures);
  if (delay === 0 || state.lastFailureAt === null) return null;
  const at = state.lastFailureAt + delay;
  return at > now ? at : null;
}

export function withFailure(state: ThrottleState, now: number): ThrottleState {
  return { failures: state.failures + 1, lastFailureAt: now };
}

/**
 * The persisted count. A damaged file is read as the count at which throttling starts, failed just
 * now: spoiling the file must not be a way to start the count again.
 */
export async function readThrottle(dataDir: string, now: number): Promise<ThrottleState> {
  let text: string;
  try {
    text = await readFile(throttlePath(dataDir), 'utf8');
  } catch (error) {
    if (isMissing(error)) return NO_FAILURES;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = null;
  }
  const parsed = throttleFileSchema.safeParse(raw);
  if (!parsed.success) return { failures: FREE_ATTEMPTS, lastFailureAt: now };
  return { failures: parsed.data.failures, lastFailureAt: parsed.data.lastFailureAt };
}

export async function writeThrottle(dataDir: string, state: ThrottleState): Promise<void> {
  if (state.failures === 0) {
    await rm(throttlePath(dataDir), { force: true });
    return;
  }
  const text = JSON.stringify({ version: 1, ...state });
  await writeFileAtomic(throttlePath(dataDir), `${text}\n`, { mode: 0o600 });
}
