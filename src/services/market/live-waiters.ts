// Callers waiting for the next cycle that brings quotes (the CLI's snapshot, a host that shows data
// once it is live): each is answered with that cycle's snapshot, told at once why none will come when
// the loop halts, or refused after its own time limit.
import { PremiaError } from '../../shared/errors';
import type { MarketSnapshot } from '../../shared/market';

interface Waiter {
  resolve(snapshot: MarketSnapshot): void;
  reject(error: PremiaError): void;
}

export class LiveWaiters {
  #waiters: Waiter[] = [];

  /** Resolves with the next live snapshot; rejects with `late()` after `timeoutMs`. */
  wait(timeoutMs: number, late: () => PremiaError): Promise<MarketSnapshot> {
    return new Promise<MarketSnapshot>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(late());
      }, timeoutMs);
      const waiter: Waiter = {
        resolve: (snapshot) => {
          clearTimeout(timer);
          resolve(snapshot);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#waiters.push(waiter);
    });
  }

  /** A cycle brought quotes: every caller waiting gets its snapshot. */
  live(snapshot: MarketSnapshot): void {
    for (const waiter of this.#take()) waiter.resolve(snapshot);
  }

  /** No cycle will come: every caller waiting is told why, as `unavailable`. */
  refuse(why: string): void {
    for (const waiter of this.#take()) waiter.reject(new PremiaError('unavailable', why));
  }

  #take(): Waiter[] {
    const waiters = this.#waiters;
    this.#waiters = [];
    return waiters;
  }
}
