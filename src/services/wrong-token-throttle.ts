// Slows the guessing of the launch token: a burst of wrong tokens is refused as such, then tries are
// let through at a steady pace, and between them every handshake waits, the right token's too, so that
// how the host answers never tells a right guess from a wrong one faster than that pace.

export class WrongTokenThrottle {
  #credit: number;
  #checkedAt: number;

  constructor(
    private readonly burst: number,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {
    this.#credit = burst;
    this.#checkedAt = now();
  }

  /** Milliseconds until the next handshake may be tried; 0 when one may be now. */
  waitMs(): number {
    this.#refill();
    return this.#credit >= 1 ? 0 : Math.ceil((1 - this.#credit) * this.intervalMs);
  }

  /** Spends one try on a wrong (or missing) token. */
  wrongToken(): void {
    this.#refill();
    this.#credit = Math.max(0, this.#credit - 1);
  }

  #refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.#checkedAt);
    this.#checkedAt = now;
    this.#credit = Math.min(this.burst, this.#credit + elapsed / this.intervalMs);
  }
}
