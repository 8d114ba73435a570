// History store figures: what an append costs, how long 500k points of one series take to load, and
// how many bytes a point takes on disk.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HistoryStore } from '../src/services/history/history-store';
import { seriesKey } from '../src/services/history/series-keys';
import { DAY_MS } from '../src/shared/time';

const APPENDS = 100_000;
const LOAD_POINTS = 500_000;
const LOAD_RUNS = 5;
const START = Date.UTC(2026, 0, 1);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size;
  return total;
}

export default async function historyBench(): Promise<Record<string, number>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'premia-history-bench-'));
  // No timers: flushes happen where the bench says, and nothing is old enough to compact.
  const options = {
    now: () => START + 60 * DAY_MS,
    flushIntervalMs: 0,
    compactionIntervalMs: 0,
    maxBufferedPoints: Infinity,
    fullResolutionDays: 365,
  };
  try {
    // Appends: one point per 15 s refresh cycle, a premium series.
    const appendKey = seriesKey('BTC', 'premium');
    const writer = await HistoryStore.open(dataDir, options);
    let t0 = performance.now();
    for (let i = 0; i < APPENDS; i++)
      writer.append(appendKey, START + i * 15_000, 0.05 + (i % 100) / 1e4);
    const appendMs = performance.now() - t0;
    t0 = performance.now();
    await writer.flush();
    const flushMs = performance.now() - t0;

    // The same again with a flush every 100 appends, as a store flushing on its cadence would.
    const cadenceKey = seriesKey('ETH', 'premium');
    t0 = performance.now();
    for (let i = 0; i < APPENDS; i++) {
      writer.append(cadenceKey, START + i * 15_000, 0.05);
      if (i % 100 === 99) await writer.flush();
    }
    await writer.flush();
    const cadenceMs = performance.now() - t0;

    // 500k points of one series, a mark price every 5 s (29 days of full-resolution segments).
    const loadKey = seriesKey('BTCUSDT', 'mark');
    for (let i = 0; i < LOAD_POINTS; i++)
      writer.append(loadKey, START + i * 5_000, 60_000 + Math.sin(i / 1e3));
    await writer.close();

    const openMs: number[] = [];
    const readMs: number[] = [];
    const chartMs: number[] = [];
    let loaded = 0;
    for (let run = 0; run < LOAD_RUNS; run++) {
      t0 = performance.now();
      const reader = await HistoryStore.open(dataDir, options);
      const t1 = performance.now();
      const data = await reader.read(loadKey);
      const t2 = performance.now();
      await reader.read(loadKey, { maxPoints: 2_000 });
      chartMs.push(performance.now() - t2);
      openMs.push(t1 - t0);
      readMs.push(t2 - t1);
      loaded = data.t.length;
      await reader.close();
    }
    if (loaded !== LOAD_POINTS) throw new Error(`loaded ${loaded} points, expected ${LOAD_POINTS}`);

    const seriesDir = join(dataDir, 'history', 'BTCUSDT', 'mark');
    const bytes = await folderBytes(seriesDir);
    return {
      appends: APPENDS,
      appendMicros: round((appendMs * 1000) / APPENDS),
      flush100kMs: round(flushMs, 2),
      appendAmortizedMicros: round(((appendMs + flushMs) * 1000) / APPENDS),
      appendFlushEvery100Micros: round((cadenceMs * 1000) / APPENDS),
      loadPoints: LOAD_POINTS,
      load500kMs: round(median(openMs.map((o, i) => o + (readMs[i] as number))), 2),
      open500kMs: round(median(openMs), 2),
      read500kMs: round(median(readMs), 2),
      read500kTo2000PointsMs: round(median(chartMs), 2),
      segmentFiles: (await readdir(seriesDir)).length,
      bytesPerPoint: round(bytes / LOAD_POINTS, 4),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
