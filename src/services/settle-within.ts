// Waiting for work that should end soon without letting it hold a shutdown hostage: after the limit
// the work is left to finish (or fail) on its own.

/** One-shot timers: the global ones, or a test's clock. */
export interface OneShotTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const globalTimers: OneShotTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Resolves true once `work` settles (fulfilled or rejected), or false after `limitMs` if it has not.
 * Never rejects: the caller has decided to go on either way.
 */
export async function settleWithin(
  work: Promise<unknown>,
  limitMs: number,
  timers: OneShotTimers = globalTimers,
): Promise<boolean> {
  let timer: unknown;
  const late = new Promise<false>((resolve) => {
    timer = timers.setTimeout(() => resolve(false), limitMs);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    timers.clearTimeout(timer);
  }
}
