// The vault's idle timer: each use puts the lock off by the set minutes, read afresh at each use so a
// changed setting applies from the next use on.
import { MINUTE_MS } from '../../shared/time';
import type { OneShotTimers } from '../settle-within';

export interface AutoLock {
  /** Starts (or starts again) the wait; answers when the vault will lock. */
  touch(): number;
  stop(): void;
  /** When the vault locks itself, or null while no wait runs. */
  at(): number | null;
}

export function createAutoLock(options: {
  now: () => number;
  timers: OneShotTimers;
  minutes: () => number;
  onIdle: () => void;
}): AutoLock {
  let timer: unknown = null;
  let at: number | null = null;
  const stop = (): void => {
    if (timer !== null) options.timers.clearTimeout(timer);
    timer = null;
    at = null;
  };
  return {
    stop,
    at: () => at,
    touch() {
      stop();
      const ms = Math.max(1, options.minutes()) * MINUTE_MS;
      const due = options.now() + ms;
      at = due;
      timer = options.timers.setTimeout(() => {
        timer = null;
        at = null;
        options.onIdle();
      }, ms);
      return due;
    },
  };
}
