// The download of seven years of one asset's history for backtests, from the in-process simulator
// through the real ccxt class into a fresh history store: every daily close since the venue opened
// and every 8-hourly funding settlement since its first perpetual. Reports the time, the requests per
// series, the points stored, and what a second download (nothing new to fetch) costs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadBacktestHistory } from '../src/services/backtest-history';
import { createExchangeGateway } from '../src/services/gateway';
import { HistoryStore } from '../src/services/history';
import { startSimulator } from '../src/sim';

/** Seven years after binance's first spot day (2017-08-17). */
const MARKET_TIME = Date.UTC(2024, 7, 17, 12);

export default async function historyDownloadBench(): Promise<Record<string, unknown>> {
  const sim = await startSimulator({ seed: 1, speed: 0, marketTime: MARKET_TIME });
  const dataDir = await mkdtemp(join(tmpdir(), 'premia-bench-download-'));
  try {
    const { gateway, diagnostics } = createExchangeGateway({
      exchange: 'binance',
      redirectTo: sim.url,
      rateLimitMs: 5,
    });
    const requests = { klines: 0, fundingRate: 0 };
    diagnostics.onRequest((e) => {
      if (e.path.includes('klines')) requests.klines++;
      if (e.path.includes('fundingRate')) requests.fundingRate++;
    });
    await gateway.ready();
    const store = await HistoryStore.open(dataDir, { compactionIntervalMs: 0 });
    const options = {
      store,
      source: gateway,
      subjectOf: (a: string) => `demo:${a}`,
      now: () => MARKET_TIME,
    };

    const started = performance.now();
    const first = await downloadBacktestHistory(['BTC'], options);
    const downloadMs = performance.now() - started;
    const firstRequests = { ...requests };

    const again = performance.now();
    await downloadBacktestHistory(['BTC'], options);
    const resumeMs = performance.now() - again;
    await store.close();
    return {
      downloadMs: Math.round(downloadMs),
      requests: firstRequests,
      pages: first.pages,
      dailyCloses: first.stored.BTC!['daily-close'],
      fundingSettlements: first.stored.BTC!.funding,
      secondDownloadMs: Math.round(resumeMs),
      secondDownloadRequests: {
        klines: requests.klines - firstRequests.klines,
        fundingRate: requests.fundingRate - firstRequests.fundingRate,
      },
    };
  } finally {
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
