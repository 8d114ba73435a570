// The simulator's market clock: it runs at `speed` times wall time from an anchor, jumps forward on
// request, and never goes backwards even if the wall clock does. Also the timers the simulator
// waits on, injectable so tests drive them.

/** One-shot timers: the simulator's answer latency, its hold on a hung request, its delayed save. */
export interface SimTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realSimTimers: SimTimers = {
  // Unref'd: a pending wait never keeps the process alive on its own.
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ClockState {
  anchorMarket: number;
  anchorWall: number;
  speed: number;
}

export class MarketClock {
  private anchor: ClockState;
  private last = -Infinity;
  private readonly wall: () => number;

  constructor(state: ClockState, wall: () => number) {
    this.anchor = { ...state };
    this.wall = wall;
  }

  now(): number {
    const t = Math.floor(
      this.anchor.anchorMarket + (this.wall() - this.anchor.anchorWall) * this.anchor.speed,
    );
    this.last = Math.max(this.last, t);
    return this.last;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError('advance takes a non-negative number of milliseconds');
    const now = this.now();
    this.anchor = { anchorMarket: now + ms, anchorWall: this.wall(), speed: this.anchor.speed };
    this.last = now + ms;
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed < 0 || speed > 1_000_000) {
      throw new RangeError('speed must be between 0 and 1000000');
    }
    this.anchor = { anchorMarket: this.now(), anchorWall: this.wall(), speed };
  }

  get state(): ClockState {
    return { anchorMarket: this.now(), anchorWall: this.wall(), speed: this.anchor.speed };
  }
}
