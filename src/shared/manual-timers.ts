// For tests in every layer: a clock and one-shot timers that move only when the test says so, so
// waits are exact and instant. Its `timers` fits each injectable timer interface (the UI client's,
// the poller's, the simulator's).

export interface ManualClockTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ManualTimers {
  timers: ManualClockTimers;
  now(): number;
  /** How long each waiting timer has left, soonest first. */
  waiting(): number[];
  /** Moves the clock on by `ms`, firing each timer that falls due, in the order they fall due. */
  advance(ms: number): void;
  /** Resolves once a timer set for `ms` is waiting (at once when one already is). */
  whenWaiting(ms: number): Promise<void>;
}

interface Due {
  at: number;
  ms: number;
  callback: () => void;
}

export function manualTimers(start = 1_700_000_000_000): ManualTimers {
  let now = start;
  let nextHandle = 1;
  const due = new Map<number, Due>();
  let watchers: { ms: number; resolve: () => void }[] = [];
  const timers: ManualClockTimers = {
    now: () => now,
    setTimeout(callback, ms) {
      const handle = nextHandle++;
      due.set(handle, { at: now + Math.max(0, ms), ms, callback });
      const heard = watchers.filter((w) => w.ms === ms);
      watchers = watchers.filter((w) => w.ms !== ms);
      for (const w of heard) w.resolve();
      return handle;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
  };
  return {
    timers,
    now: () => now,
    waiting: () => [...due.values()].map((d) => d.at - now).sort((a, b) => a - b),
    advance(ms) {
      const target = now + ms;
      for (;;) {
        let next: [number, Due] | null = null;
        for (const entry of due) {
          if (entry[1].at <= target && (next === null || entry[1].at < next[1].at)) next = entry;
        }
        if (next === null) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].callback();
      }
      now = target;
    },
    whenWaiting(ms) {
      if ([...due.values()].some((d) => d.ms === ms)) return Promise.resolve();
      return new Promise((resolve) => watchers.push({ ms, resolve }));
    },
  };
}

/** One turn of the event loop by the host's own timer: what is ready to run has run. */
const hostTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Fires `clock`'s timers, soonest first, each as soon as it is set, until `outcome` settles: code
 * driven by those timers goes from one step to the next as fast as its I/O is answered, never on a
 * delay. `turn` lets the caller's I/O run in between (Node's setImmediate, say).
 */
export async function drive<T>(
  clock: ManualTimers,
  outcome: Promise<T>,
  turn: () => Promise<void> = hostTurn,
): Promise<T> {
  let settled = false;
  outcome.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    const [soonest] = clock.waiting();
    if (soonest !== undefined) clock.advance(soonest);
    await turn();
  }
  return outcome;
}
