// The carry scanner's figures: what recording one cycle of every perpetual costs (a quiet cycle, and
// the cycle a settlement passes in, which stores one point per perpetual), and building every row of
// the view from 30 days of settlements.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { heatmapDays, scannerRow } from '../src/core/carry-scanner';
import type { FundingPoint } from '../src/core/signal';
import type { PerpetualQuote } from '../src/services/gateway';
import { HistoryStore } from '../src/services/history/history-store';
import { silentLogger } from '../src/services/logger';
import { PerpetualFundingLedger } from '../src/services/scanner/perpetual-funding';
import { HOUR_MS } from '../src/shared/time';

const PERPETUALS = 350;
const QUIET_CYCLES = 200;
const START = Date.UTC(2026, 0, 1);

function quotes(nextFundingAt: number, rate: number): PerpetualQuote[] {
  return Array.from({ length: PERPETUALS }, (_, i) => ({
    asset: `A${i}`,
    symbol: `A${i}/USDT:USDT`,
    mark: 1 + i,
    index: 1 + i,
    fundingRate: rate + i * 1e-7,
    fundingIntervalHours: 8,
    nextFundingAt,
    venueTime: null,
    nearestFuture: null,
    perpTakerFee: 0.0005,
    spotTakerFee: 0.001,
  }));
}

export default async function scannerBench(): Promise<Record<string, number>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'premia-scanner-bench-'));
  const store = await HistoryStore.open(dataDir, {
    now: () => START,
    flushIntervalMs: 0,
    compactionIntervalMs: 0,
  });
  try {
    const ledger = new PerpetualFundingLedger(store, 'bench', silentLogger);
    const first = START + 8 * HOUR_MS;
    const quiet = quotes(first, 0.0001);
    let t0 = performance.now();
    for (let i = 0; i < QUIET_CYCLES; i++) ledger.record(quiet, START + i * 5_000);
    const quietMs = (performance.now() - t0) / QUIET_CYCLES;
    t0 = performance.now();
    const stored = ledger.record(quotes(first + 8 * HOUR_MS, 0.0002), first + 1_000);
    const settlementMs = performance.now() - t0;

    const settlements: FundingPoint[] = Array.from({ length: 93 }, (_, i) => ({
      at: START - i * 8 * HOUR_MS,
      rate: 0.0001,
      intervalHours: 8,
    })).reverse();
    const options = { now: START, days: heatmapDays(START, 14), holdingDays: 30 };
    const runs: number[] = [];
    for (let run = 0; run < 5; run++) {
      t0 = performance.now();
      for (const q of quiet) {
        scannerRow({ ...q, tracked: false, settlements, signalRegime: null }, options);
      }
      runs.push(performance.now() - t0);
    }
    // The first run compiles the code; the view is built again with every snapshot.
    const rowsMs = [...runs.slice(1)].sort((a, b) => a - b)[1] as number;
    return {
      scanner_perpetuals: PERPETUALS,
      scanner_record_quiet_cycle_ms: Number(quietMs.toFixed(4)),
      scanner_record_settlement_cycle_ms: Number(settlementMs.toFixed(3)),
      scanner_points_per_settlement_cycle: stored,
      scanner_points_per_day_at_8h: PERPETUALS * 3,
      scanner_rows_30d_ms: Number(rowsMs.toFixed(3)),
    };
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
