// Waiting for work that should end soon without letting it hold a shutdown hostage: after the limit
// the work is left to finish (or fail) on its own.

/**
 * Resolves true once `work` settles (fulfilled or rejected), or false after `limitMs` if it has not.
 * Never rejects: the caller has decided to go on either way.
 */
export async function settleWithin(work: Promise<unknown>, limitMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), limitMs);
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
    clearTimeout(timer);
  }
}
