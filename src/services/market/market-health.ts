// How the market data stands, for the one data-health view the UI shows everywhere: what the venue did
// last, why the last cycle failed, when the next attempt is due; the notice for a venue that refuses
// this region (told once, taken back when it passes), which asks the user to act; and the notices
// about a tracked asset the venue does not list, which go when the asset goes.
import type { MarketHealth } from '../../shared/market';
import { EXCHANGE_NAMES, type ExchangeId } from '../../shared/settings';
import type { NoticeBoard } from '../notices';
import type { CycleFailure, PollerStats } from './poller-types';
import type { SourceLabel } from './series';

export type { MarketHealth };

/** The market's name at the start of a sentence: the exchange's, or the demo market. */
export function venueName(label: SourceLabel): string {
  if (label === 'demo') return 'The demo market';
  return Object.hasOwn(EXCHANGE_NAMES, label) ? EXCHANGE_NAMES[label as ExchangeId] : label;
}

export function healthOf(
  source: SourceLabel,
  stats: PollerStats,
  refreshIntervalMs: number,
): MarketHealth {
  const failure = stats.lastFailure;
  const state: MarketHealth['state'] = stats.paused
    ? 'paused'
    : stats.halted
      ? 'refused'
      : stats.offline
        ? 'offline'
        : failure
          ? 'retrying'
          : stats.lastSuccessAt !== null
            ? 'live'
            : 'starting';
  return {
    source,
    state,
    lastFailure: failure ? { kind: failure.kind, message: failure.message, at: failure.at } : null,
    nextAttemptAt: stats.nextCycleAt,
    refreshing: stats.inFlight,
    lastQuotesAt: stats.lastSuccessAt,
    refreshIntervalMs,
  };
}

/** The market's standing notice: a venue that refuses this region, at most once at a time. */
export class MarketNotices {
  private refused: string | null = null;

  constructor(
    private readonly notices: NoticeBoard,
    private readonly now: () => number,
  ) {}

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
  clear(): void {
    this.refusedChanged(null);
  }
}

/** Notices about one tracked asset (listed nowhere on the venue), by asset: they go with it. */
export class AssetNotices {
  readonly #ids = new Map<string, string>();

  constructor(
    private readonly notices: NoticeBoard,
    private readonly now: () => number,
  ) {}

  /** Tells that `source` lists nothing for `asset`. */
  unlisted(source: SourceLabel, asset: string): void {
    const notice = this.notices.add({
      level: 'warning',
      message: `${venueName(source)} lists no spot pair, perpetual or dated future for ${asset}.`,
      at: this.now(),
    });
    this.#ids.set(asset, notice.id);
  }

  /** Takes back what was said of the assets `which` picks; returns those assets. */
  drop(which: (asset: string) => boolean): string[] {
    const dropped: string[] = [];
    for (const [asset, id] of [...this.#ids]) {
      if (!which(asset)) continue;
      this.notices.dismiss(id);
      this.#ids.delete(asset);
      dropped.push(asset);
    }
    return dropped;
  }
}
