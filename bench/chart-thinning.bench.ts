// What the history charts do on the main thread before drawing a 200 000-point series: prepare it
// once, then thin it to the chart's width for a window (the work each range button repeats). The
// library's setData then receives a few thousand points; it needs a canvas, so it is not timed here.
import { performance } from 'node:perf_hooks';
import type { LineData, UTCTimestamp } from 'lightweight-charts';
import { arraysOf, drawnPoints } from '../src/renderer/src/charts/chart-range';
import { DAY_MS } from '../src/shared/time';

const POINTS = 200_000;
const RUNS = 7;
const WIDTH = 1200;
const END = Date.UTC(2026, 0, 1);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const round = (value: number): number => Number(value.toFixed(3));

export default async function chartThinningBench(): Promise<Record<string, number>> {
  const data: LineData<UTCTimestamp>[] = [];
  for (let i = 0; i < POINTS; i++) {
    const t = END / 1000 - (POINTS - i) * 150;
    data.push({ time: t as UTCTimestamp, value: 30_000 + 5_000 * Math.sin(i / 500) + (i % 7) });
  }
  const prepare: number[] = [];
  const all: number[] = [];
  const month: number[] = [];
  let drawnAll = 0;
  let drawnMonth = 0;
  for (let run = 0; run < RUNS; run++) {
    let t0 = performance.now();
    const arrays = arraysOf(data);
    prepare.push(performance.now() - t0);
    t0 = performance.now();
    drawnAll = drawnPoints(
      data,
      arrays,
      { from: (data[0]!.time as number) * 1000, to: END },
      WIDTH,
    ).length;
    all.push(performance.now() - t0);
    t0 = performance.now();
    drawnMonth = drawnPoints(data, arrays, { from: END - 30 * DAY_MS, to: END }, WIDTH).length;
    month.push(performance.now() - t0);
  }
  return {
    points: POINTS,
    prepareMs: round(median(prepare)),
    thinAllMs: round(median(all)),
    thinMonthMs: round(median(month)),
    drawnAll,
    drawnMonth,
  };
}
