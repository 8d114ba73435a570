// How a venue's listings change over time, as controls the simulator records and replays: a
// perpetual's funding interval changed from a settlement on, a spot pair or perpetual delisted, and
// a dated future listed outside the quarterly calendar (announced in the quotes first, then in the
// listing as pending, then trading). Every answer is a function of market time, so a replay after a
// restart gives the same listings, funding times and history.
import { fundingTimesBetween, nextFundingTime } from './calendar';

export type FundingIntervalHours = 1 | 4 | 8;

export type ListingControl =
  /** The funding interval from the settlement at `from` on (a settlement time of the old interval). */
  | { kind: 'funding-interval'; hours: FundingIntervalHours; from: number }
  | { kind: 'delist'; market: 'spot' | 'perp' }
  /**
   * A dated future quoted from the control's time on, in the listing from `listedFrom` (as pending
   * trading) and trading from `tradingFrom`.
   */
  | { kind: 'list-future'; expiry: number; listedFrom: number; tradingFrom: number };

/** Where a dated future stands at a market time. */
export type FutureListing = 'quoted-only' | 'pending' | 'trading';

export interface ExtraFuture {
  expiry: number;
  listing: FutureListing;
}

interface Segment {
  /** Settlements in (start, end] are on this interval's grid. */
  start: number;
  end: number;
  hours: number;
}

export class Listings {
  private readonly intervalChanges = new Map<string, { from: number; hours: number }[]>();
  private readonly delistedAt = new Map<string, number>();
  private readonly futures = new Map<string, { at: number; control: ListingControl }[]>();

  apply(asset: string, at: number, control: ListingControl): void {
    if (control.kind === 'funding-interval') {
      const changes = (this.intervalChanges.get(asset) ?? []).filter((c) => c.from < control.from);
      changes.push({ from: control.from, hours: control.hours });
      this.intervalChanges.set(asset, changes);
    } else if (control.kind === 'delist') {
      const key = `${control.market}:${asset}`;
      if (!this.delistedAt.has(key)) this.delistedAt.set(key, at);
    } else {
      const list = this.futures.get(asset) ?? [];
      list.push({ at, control });
      this.futures.set(asset, list);
    }
  }

  isDelisted(asset: string, market: 'spot' | 'perp', at: number): boolean {
    const since = this.delistedAt.get(`${market}:${asset}`);
    return since !== undefined && at >= since;
  }

  /** Dated futures listed by control that are quoted at `at` (not yet delivered). */
  extraFutures(asset: string, at: number): ExtraFuture[] {
    const out: ExtraFuture[] = [];
    for (const { at: since, control } of this.futures.get(asset) ?? []) {
      if (control.kind !== 'list-future' || at < since || at >= control.expiry) continue;
      const listing: FutureListing =
        at < control.listedFrom ? 'quoted-only' : at < control.tradingFrom ? 'pending' : 'trading';
      out.push({ expiry: control.expiry, listing });
    }
    return out;
  }

  private segments(asset: string, baseHours: number): Segment[] {
    const changes = this.intervalChanges.get(asset) ?? [];
    const out: Segment[] = [];
    let start = -Infinity;
    let hours = baseHours;
    for (const change of changes) {
      out.push({ start, end: change.from, hours });
      start = change.from;
      hours = change.hours;
    }
    out.push({ start, end: Infinity, hours });
    return out;
  }

  /** Funding settlement times in (from, to], oldest first. */
  fundingTimes(asset: string, baseHours: number, from: number, to: number): number[] {
    const out: number[] = [];
    for (const s of this.segments(asset, baseHours)) {
      const lo = Math.max(from, s.start);
      const hi = Math.min(to, s.end);
      if (lo < hi) out.push(...fundingTimesBetween(lo, hi, s.hours));
    }
    return out;
  }

  /** The first settlement strictly after `at`. */
  nextFundingTime(asset: string, baseHours: number, at: number): number {
    for (const s of this.segments(asset, baseHours)) {
      if (s.end <= at) continue;
      const next = nextFundingTime(Math.max(at, s.start), s.hours);
      if (next <= s.end) return next;
    }
    return nextFundingTime(at, baseHours);
  }

  /** The interval of the settlement at `settlementAt`. */
  intervalOf(asset: string, baseHours: number, settlementAt: number): number {
    const found = this.segments(asset, baseHours).find(
      (s) => s.start < settlementAt && settlementAt <= s.end,
    );
    return found?.hours ?? baseHours;
  }
}
