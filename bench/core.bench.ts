// Throughput of the regime engine's hot paths on real BTC funding data.
import type { DatedFuture, FundingPoint, SignalQuotes } from '../src/core';
import {
  annualizeFunding,
  classifyRegime,
  deannualizeBasis,
  signalPremium,
  thresholdsFromHistory,
  trailingYear,
} from '../src/core';
import type { Regime } from '../src/shared/strategy';
import { loadFundingHistory } from '../test/fixtures';
import { DAY_MS } from '../src/shared/time';

/** Keeps results observable so the optimizer cannot drop the measured calls. */
let sink = 0;

function opsPerSecond(calls: number, ms: number): number {
  return Math.round(calls / (ms / 1000));
}

function timeClassifyRegime(premiums: readonly number[], calls: number): number {
  let previous: Regime | null = null;
  const n = premiums.length;
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    previous = classifyRegime(premiums[i % n]!, previous);
  }
  const ms = performance.now() - start;
  sink += previous?.length ?? 0;
  return ms;
}

function timeSignal(quotes: SignalQuotes, calls: number): number {
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    sink += signalPremium(quotes, { source: 'auto' })?.premium ?? 0;
  }
  return performance.now() - start;
}

export default async function bench(): Promise<Record<string, number>> {
  const btc = loadFundingHistory('BTC');
  const premiums = btc.map((p) => annualizeFunding(p.rate, p.intervalHours));
  const last = btc[btc.length - 1]!;
  const now = last.at;

  // classifyRegime: 2e6 calls over the real premium series, with hysteresis carried along.
  const regimeCalls = 2_000_000;
  timeClassifyRegime(premiums, 200_000); // warm-up
  const regimeMs = timeClassifyRegime(premiums, regimeCalls);

  // signalPremium: auto source with 4 dated futures and the last 21 funding payments (7 days at 8 h).
  const spot = last.markPrice ?? 60_000;
  const futures: DatedFuture[] = [3, 45, 136, 227].map((days, i) => ({
    symbol: `BTCUSDT_Q${i}`,
    expiry: now + days * DAY_MS,
    price: deannualizeBasis(spot, 0.08 - i * 0.005, days * DAY_MS),
  }));
  const fundingHistory: FundingPoint[] = btc
    .slice(-21)
    .map(({ at, rate, intervalHours }) => ({ at, rate, intervalHours }));
  const withFutures: SignalQuotes = {
    now,
    spot,
    perp: { fundingRate: last.rate, intervalHours: 8 },
    fundingHistory,
    futures,
  };
  // The same quotes with every contract too close to expiry, so auto falls back to averaged funding.
  const fundingOnly: SignalQuotes = {
    ...withFutures,
    futures: futures.map((f, i) => ({ ...f, expiry: now + (i + 1) * 0.5 * DAY_MS })),
  };
  const signalCalls = 200_000;
  timeSignal(withFutures, 20_000);
  const signalMs = timeSignal(withFutures, signalCalls);
  timeSignal(fundingOnly, 20_000);
  const fallbackMs = timeSignal(fundingOnly, signalCalls);

  // thresholdsFromHistory on one year of 8-hourly premiums (1095 points), averaged over many runs.
  const year = trailingYear(btc, now).map((p) => annualizeFunding(p.rate, p.intervalHours));
  const runs = 2_000;
  for (let i = 0; i < 200; i++) sink += thresholdsFromHistory(year).moderateFrom;
  const tStart = performance.now();
  for (let i = 0; i < runs; i++) sink += thresholdsFromHistory(year).moderateFrom;
  const thresholdsMs = (performance.now() - tStart) / runs;

  if (!Number.isFinite(sink)) throw new Error('bench produced a non-finite result');
  return {
    'classifyRegime.calls': regimeCalls,
    'classifyRegime.opsPerSec': opsPerSecond(regimeCalls, regimeMs),
    'signalPremium.auto4Futures21Funding.opsPerSec': opsPerSecond(signalCalls, signalMs),
    'signalPremium.autoFundingFallback.opsPerSec': opsPerSecond(signalCalls, fallbackMs),
    'thresholdsFromHistory.oneYear8h.points': year.length,
    'thresholdsFromHistory.oneYear8h.ms': Number(thresholdsMs.toFixed(4)),
  };
}
