// Keeps the history charts of one view moving together: dragging or zooming one moves the others to
// the same dates, and the crosshair on one shows the same moment on the others.
import type { IChartApi, ISeriesApi, MouseEventParams, IRange, Time } from 'lightweight-charts';

interface Member {
  chart: IChartApi;
  series: ISeriesApi<'Line'>;
  /** The points the chart draws, ascending by time (chart seconds). */
  points: () => readonly { time: number; value: number }[];
  /**
   * True while the user drags or pinches this chart: only their moves are followed, not the ones a
   * chart makes of itself when its data or window changes (which would pull the others to its
   * own, perhaps shorter, history).
   */
  interacting: () => boolean;
}

/** The drawn point nearest a time, by binary search. */
export function nearestPoint<T extends { time: number }>(
  points: readonly T[],
  time: number,
): T | null {
  if (points.length === 0) return null;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.time < time) lo = mid + 1;
    else hi = mid;
  }
  const after = points[lo]!;
  const before = points[lo - 1];
  return before && time - before.time < after.time - time ? before : after;
}

export class ChartSync {
  private readonly members = new Set<Member>();
  /** Set while this class moves a chart, so the move it causes is not echoed back. */
  private moving = false;

  /** Adds a chart; the returned function takes it out again (call it before removing the chart). */
  join(member: Member): () => void {
    this.members.add(member);
    const timeScale = member.chart.timeScale();
    const onRange = (range: IRange<Time> | null) => this.follow(member, range);
    const onCrosshair = (param: MouseEventParams<Time>) => this.point(member, param);
    timeScale.subscribeVisibleTimeRangeChange(onRange);
    member.chart.subscribeCrosshairMove(onCrosshair);
    return () => {
      timeScale.unsubscribeVisibleTimeRangeChange(onRange);
      member.chart.unsubscribeCrosshairMove(onCrosshair);
      this.members.delete(member);
    };
  }

  private others(member: Member, act: (other: Member) => void): void {
    if (this.moving) return;
    this.moving = true;
    try {
      for (const other of this.members) {
        if (other === member || other.points().length === 0) continue;
        try {
          act(other);
        } catch {
          // A chart between loads has nothing to move to; it catches up on its next data.
        }
      }
    } finally {
      this.moving = false;
    }
  }

  private follow(member: Member, range: IRange<Time> | null): void {
    if (range === null || !member.interacting()) return;
    this.others(member, (other) => other.chart.timeScale().setVisibleRange(range));
  }

  private point(member: Member, param: MouseEventParams<Time>): void {
    const time = typeof param.time === 'number' ? param.time : null;
    this.others(member, (other) => {
      const near = time === null ? null : nearestPoint(other.points(), time);
      if (near === null) other.chart.clearCrosshairPosition();
      else other.chart.setCrosshairPosition(near.value, near.time as Time, other.series);
    });
  }
}
