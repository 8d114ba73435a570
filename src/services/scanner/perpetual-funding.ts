// Records the settled funding of every perpetual the venue lists, from the cycle's bulk quote that
// carries them all: when a perpetual's next funding time moves on, the rate last quoted for the
// settlement just passed is stored as settled, into the asset's own `funding` series (the one the
// Markets page and the backfill use, so a tracked asset's history is never kept twice).
//
// Why only settlements: 300 perpetuals quoted every few seconds would be tens of millions of points a
// year, while funding only pays at a settlement (every 1, 4 or 8 hours). One point per perpetual per
// settlement is a few thousand points a day for the whole venue; the rate quoted for the coming
// settlement is kept in memory for the view and never written.
import type { FundingPoint } from '../../core';
import type { PerpetualQuote } from '../gateway';
import type { HistoryStore } from '../history';
import type { Logger } from '../logger';
import { marketSeriesKey, type SourceLabel } from '../market/series';
import { readSettlements } from '../market/settlements';

interface Pending {
  rate: number;
  nextFundingAt: number;
  intervalHours: number;
}

export class PerpetualFundingLedger {
  private readonly pending = new Map<string, Pending>();
  /** Each asset's settlements since `from`, oldest first, once read from the store. */
  private readonly held = new Map<string, FundingPoint[]>();
  private readonly loading = new Map<string, Promise<FundingPoint[]>>();
  private heldFrom = Infinity;

  constructor(
    private readonly store: HistoryStore,
    private readonly source: SourceLabel,
    private readonly logger: Logger,
  ) {}

  private keys(asset: string) {
    return {
      funding: marketSeriesKey(this.source, asset, 'funding'),
      fundingInterval: marketSeriesKey(this.source, asset, 'funding-interval'),
    };
  }

  /** Notes the cycle's quote of every perpetual at market time `now`; stores each settlement passed. */
  record(perpetuals: readonly PerpetualQuote[], now: number): number {
    let stored = 0;
    for (const perp of perpetuals) {
      const before = this.pending.get(perp.asset);
      const next = perp.nextFundingAt;
      if (before && next !== null && next > before.nextFundingAt && now >= before.nextFundingAt) {
        if (this.settle(perp.asset, before)) stored++;
      }
      if (perp.fundingRate !== null && next !== null) {
        this.pending.set(perp.asset, {
          rate: perp.fundingRate,
          nextFundingAt: next,
          intervalHours: perp.fundingIntervalHours,
        });
      } else {
        this.pending.delete(perp.asset);
      }
    }
    return stored;
  }

  private settle(asset: string, settled: Pending): boolean {
    const at = settled.nextFundingAt;
    const keys = this.keys(asset);
    let stored: boolean;
    try {
      // A tracked asset's recorder may have stored this settlement already: the same point, kept once.
      stored = this.store.append(keys.funding, at, settled.rate);
      if (stored) this.store.append(keys.fundingInterval, at, settled.intervalHours);
    } catch (error) {
      this.logger.warn(`could not record ${asset}'s funding settlement`, error);
      return false;
    }
    const points = this.held.get(asset);
    const last = points?.[points.length - 1]?.at ?? -Infinity;
    if (points && at > last)
      points.push({ at, rate: settled.rate, intervalHours: settled.intervalHours });
    return stored;
  }

  /** Imports settlements fetched from the venue (older ones included); returns how many were new. */
  async import(asset: string, points: readonly FundingPoint[]): Promise<number> {
    if (points.length === 0) return 0;
    const keys = this.keys(asset);
    const taken = await this.store.importSeries(
      keys.funding,
      points.map((p) => ({ t: p.at, v: p.rate })),
    );
    await this.store.importSeries(
      keys.fundingInterval,
      points.map((p) => ({ t: p.at, v: p.intervalHours })),
    );
    if (taken > 0) this.forget(asset);
    return taken;
  }

  /** Forgets what is held of the asset (its history was filled from elsewhere). */
  forget(asset: string): void {
    this.held.delete(asset);
  }

  /** The time of the asset's oldest stored settlement at or after `from`, or null for none. */
  async firstSince(asset: string, from: number, fallbackHours: number): Promise<number | null> {
    const points = await this.settlements(asset, from, fallbackHours);
    return points[0]?.at ?? null;
  }

  /** The asset's settlements after `from`, oldest first (read once, then kept up to date). */
  async settlements(asset: string, from: number, fallbackHours: number): Promise<FundingPoint[]> {
    if (from < this.heldFrom) {
      this.held.clear();
      this.heldFrom = from;
    }
    const held = this.held.get(asset);
    if (held) return held.filter((p) => p.at > from);
    let job = this.loading.get(asset);
    if (!job) {
      job = (async () => {
        const data = await readSettlements(this.store, this.keys(asset), {
          from: this.heldFrom,
          fallbackHours,
        });
        const points: FundingPoint[] = [];
        for (let i = 0; i < data.t.length; i++) {
          points.push({
            at: data.t[i] as number,
            rate: data.v[i] as number,
            intervalHours: data.h[i] as number,
          });
        }
        this.held.set(asset, points);
        return points;
      })().finally(() => this.loading.delete(asset));
      this.loading.set(asset, job);
    }
    return (await job).filter((p) => p.at > from);
  }
}
