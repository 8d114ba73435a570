// When quotes are stale: two refresh intervals old by wall time. The wake that says so the moment an
// asset turns stale between cycles, rather than at the next cycle, which after failures may come much
// later.
import type { AssetSnapshot, MarketSnapshot } from '../../shared/market';
import type { PollerTimers } from './poller-types';

/** Stale: no quotes yet, or the last ones arrived two refresh intervals ago or more. */
export function isStale(receivedAt: number | null | undefined, now: number, intervalMs: number) {
  return typeof receivedAt !== 'number' || now - receivedAt >= 2 * intervalMs;
}

export function withStaleness(
  asset: AssetSnapshot,
  wall: number,
  intervalMs: number,
): AssetSnapshot {
  return { ...asset, stale: isStale(asset.receivedAt, wall, intervalMs) };
}

export interface StalenessWatchOptions {
  timers: PollerTimers;
  /** Wall clock. */
  now: () => number;
  intervalMs: () => number;
  /** The snapshot shown now. */
  current: () => MarketSnapshot | null;
  /** Some asset of the snapshot shown has turned stale: the snapshot, aged. */
  onAged: (aged: MarketSnapshot) => void;
}

export class StalenessWatch {
  #timer: unknown = null;
  #stopped = false;

  constructor(private readonly options: StalenessWatchOptions) {}

  /**
   * Sets the wake for the first moment a fresh asset of `snapshot` turns stale. A cycle that brings
   * quotes first sets the wake again.
   */
  watch(snapshot: MarketSnapshot): void {
    const { timers, now, intervalMs } = this.options;
    this.#clear();
    if (this.#stopped) return;
    const interval = intervalMs();
    let first = Infinity;
    for (const a of snapshot.assets) {
      if (!a.stale && typeof a.receivedAt === 'number') {
        first = Math.min(first, a.receivedAt + 2 * interval);
      }
    }
    if (first === Infinity) return;
    this.#timer = timers.setTimeout(() => this.#wake(), Math.max(0, first - now()), 'staleness');
  }

  stop(): void {
    this.#stopped = true;
    this.#clear();
  }

  #wake(): void {
    this.#timer = null;
    const current = this.options.current();
    // Also while a cycle is under way: a venue that leaves a request hanging is no fresher.
    if (this.#stopped || current === null) return;
    const wall = this.options.now();
    const aged = {
      ...current,
      at: wall,
      assets: current.assets.map((a) => withStaleness(a, wall, this.options.intervalMs())),
    };
    if (aged.assets.some((a, i) => a.stale !== current.assets[i]!.stale)) this.options.onAged(aged);
    else this.watch(current);
  }

  #clear(): void {
    if (this.#timer !== null) this.options.timers.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
