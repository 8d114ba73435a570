// Writes every cycle into the history store — spot, perpetual mark, signal premium and current funding
// per asset — and notices funding settlements as they pass: when a perpetual's next funding time moves
// on, the rate last quoted for the settlement just passed is recorded as settled, with the interval the
// venue stated for it. It also serves the settled funding the averaged-funding signal needs, each
// settlement with its own interval, from memory after the first read.
import type { FundingPoint } from '../../core';
import type { MarketSnapshot } from '../../shared/market';
import type { MarketDataCycle } from '../gateway';
import type { HistoryStore } from '../history';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { SourceLabel } from './series';
import { marketSeriesKey } from './series';
import { readSettlements } from './settlements';
import { recordTermCurve } from './term-curves';

interface LedgerEntry {
  /** Everything settled after this time is held (in time order). */
  from: number;
  points: FundingPoint[];
}

interface PendingSettlement {
  rate: number;
  nextFundingAt: number;
  intervalHours: number;
}

export class MarketRecorder {
  private readonly pending = new Map<string, PendingSettlement>();
  private readonly ledger = new Map<string, LedgerEntry>();
  private readonly loading = new Map<string, Promise<LedgerEntry>>();

  constructor(
    private readonly store: HistoryStore,
    private readonly source: SourceLabel,
    private readonly logger: Logger = silentLogger,
  ) {}

  /** Appends the cycle's figures at market time `marketNow`. */
  record(cycle: MarketDataCycle, snapshot: MarketSnapshot, marketNow: number): void {
    const t = Math.floor(marketNow);
    const shown = new Map(snapshot.assets.map((a) => [a.asset, a]));
    for (const data of cycle.assets) {
      const asset = data.asset;
      const key = (field: Parameters<typeof marketSeriesKey>[2]) =>
        marketSeriesKey(this.source, asset, field);
      try {
        if (data.spot) this.store.append(key('spot'), t, data.spot.price);
        if (data.perp) {
          this.store.append(key('mark'), t, data.perp.mark);
          if (data.perp.fundingRate !== null) {
            this.store.append(key('funding-current'), t, data.perp.fundingRate);
          }
          this.noteSettlement(asset, data.perp, t);
        }
        const premium = shown.get(asset)?.premium;
        if (premium !== null && premium !== undefined && !shown.get(asset)?.stale) {
          this.store.append(key('premium'), t, premium);
        }
        const shownAsset = shown.get(asset);
        if (shownAsset) recordTermCurve(this.store, this.source, shownAsset, t);
      } catch (error) {
        // A closed store (shutting down) or an unusable subject: the cycle is shown all the same.
        this.logger.warn(`could not record ${asset}'s cycle`, error);
      }
    }
  }

  private noteSettlement(
    asset: string,
    perp: {
      fundingRate: number | null;
      nextFundingAt: number | null;
      fundingIntervalHours: number;
    },
    now: number,
  ): void {
    const before = this.pending.get(asset);
    const next = perp.nextFundingAt;
    if (before && next !== null && next > before.nextFundingAt && now >= before.nextFundingAt) {
      this.addSettlement(asset, before);
    }
    if (perp.fundingRate !== null && next !== null) {
      this.pending.set(asset, {
        rate: perp.fundingRate,
        nextFundingAt: next,
        intervalHours: perp.fundingIntervalHours,
      });
    } else {
      this.pending.delete(asset);
    }
  }

  private addSettlement(asset: string, settled: PendingSettlement): void {
    const at = settled.nextFundingAt;
    const key = (field: 'funding' | 'funding-interval') =>
      marketSeriesKey(this.source, asset, field);
    if (!this.store.append(key('funding'), at, settled.rate)) return;
    this.store.append(key('funding-interval'), at, settled.intervalHours);
    const entry = this.ledger.get(asset);
    const lastAt = entry?.points[entry.points.length - 1]?.at ?? -Infinity;
    if (entry && at > lastAt) {
      entry.points.push({ at, rate: settled.rate, intervalHours: settled.intervalHours });
    }
  }

  /** Forgets what is held of the asset's settled funding (a backfill has added to it). */
  invalidate(asset: string): void {
    this.ledger.delete(asset);
  }

  /**
   * Settled funding paid in (from, to], each settlement with its own interval (`fallbackHours`, the
   * perpetual's current interval, only where nothing tells).
   */
  async settledFunding(
    asset: string,
    from: number,
    to: number,
    fallbackHours: number,
  ): Promise<FundingPoint[]> {
    let entry = this.ledger.get(asset);
    // A load already running may cover less than asked; a second one then reads from `from`.
    if (!entry || entry.from > from) entry = await this.load(asset, from, fallbackHours);
    if (entry.from > from) entry = await this.load(asset, from, fallbackHours);
    return entry.points.filter((p) => p.at > from && p.at <= to);
  }

  private load(asset: string, from: number, fallbackHours: number): Promise<LedgerEntry> {
    const running = this.loading.get(asset);
    if (running) return running;
    const job = (async () => {
      const data = await readSettlements(
        this.store,
        {
          funding: marketSeriesKey(this.source, asset, 'funding'),
          fundingInterval: marketSeriesKey(this.source, asset, 'funding-interval'),
        },
        { from, fallbackHours },
      );
      const points: FundingPoint[] = [];
      for (let i = 0; i < data.t.length; i++) {
        points.push({
          at: data.t[i] as number,
          rate: data.v[i] as number,
          intervalHours: data.h[i] as number,
        });
      }
      const entry = { from, points };
      this.ledger.set(asset, entry);
      return entry;
    })().finally(() => this.loading.delete(asset));
    this.loading.set(asset, job);
    return job;
  }
}
