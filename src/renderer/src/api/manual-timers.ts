// For tests: a clock and timers that move only when the test says so, so waits are exact and instant.
import type { ClientTimers } from './ws-client';

export interface ManualTimers {
  timers: ClientTimers;
  now(): number;
  /** How long each waiting timer has left, soonest first. */
  waiting(): number[];
  /** Moves the clock on by `ms`, firing each timer that falls due, in the order they fall due. */
  advance(ms: number): void;
}

export function manualTimers(start = 1_700_000_000_000): ManualTimers {
  let now = start;
  let nextHandle = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  const timers: ClientTimers = {
    now: () => now,
    setTimeout(callback, ms) {
      const handle = nextHandle++;
      due.set(handle, { at: now + Math.max(0, ms), callback });
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
        let next: [number, { at: number; callback: () => void }] | null = null;
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
  };
}
