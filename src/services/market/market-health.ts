// How the market data stands, in words for people: the notices for being offline and for a venue
// that refuses this region (each told once and dismissed when it passes), and the state a data-health
// view shows — what the venue did last, why the last cycle failed, when the next attempt is due.
import type { NoticeBoard } from '../notices';
import type { CycleFailure, PollerStats } from './poller';
import type { SourceLabel } from './series';

export interface MarketHealth {
  source: SourceLabel;
  /**
   * `live`: the last cycle brought quotes; `starting`: none has finished yet; `retrying`: cycles
   * fail and are tried again; `offline`: no network; `refused`: the venue refuses this region and
   * nothing is tried until the settings change.
   */
  state: 'starting' | 'live' | 'retrying' | 'offline' | 'refused';
  lastFailure: { kind: CycleFailure['kind']; message: string; at: number } | null;
  /** Wall time of the next cycle, when one is scheduled. */
  nextAttemptAt: number | null;
}

/** The market's name in a sentence: the exchange, or the demo market. */
export function venueName(label: SourceLabel): string {
  if (label === 'demo') return 'The demo market';
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function healthOf(source: SourceLabel, stats: PollerStats): MarketHealth {
  const failure = stats.lastFailure;
  const state: MarketHealth['state'] = stats.halted
    ? 'refused'
    : stats.offline
      ? 'offline'
      : failure
        ? 'retrying'
        : stats.cycles > 0
          ? 'live'
          : 'starting';
  return {
    source,
    state,
    lastFailure: failure ? { kind: failure.kind, message: failure.message, at: failure.at } : null,
    nextAttemptAt: stats.nextCycleAt,
  };
}

/** The market's standing notices: at most one of each kind at a time. */
export class MarketNotices {
  private offline: string | null = null;
  private refused: string | null = null;

  constructor(
    private readonly notices: NoticeBoard,
    private readonly now: () => number,
  ) {}

  offlineChanged(offline: boolean, failure: CycleFailure | null, source: SourceLabel): void {
    if (offline && this.offline === null) {
      const why = failure ? ` ${failure.message}` : '';
      this.offline = this.notices.add({
        level: 'warning',
        message: `Offline:${why} Premia shows the last known market data, marked stale, and keeps trying (${venueName(source)}).`,
        at: this.now(),
      }).id;
    } else if (!offline && this.offline !== null) {
      this.notices.dismiss(this.offline);
      this.offline = null;
    }
  }

  /** The venue refuses this region (`failure`), or no longer does (null). */
  refusedChanged(failure: CycleFailure | null): void {
    if (failure && this.refused === null) {
      this.refused = this.notices.add({
        level: 'error',
        message: failure.message,
        at: this.now(),
      }).id;
    } else if (!failure && this.refused !== null) {
      this.notices.dismiss(this.refused);
      this.refused = null;
    }
  }

  /** The market stopped: nothing it said stands any longer. */
  clear(source: SourceLabel): void {
    this.offlineChanged(false, null, source);
    this.refusedChanged(null);
  }
}
