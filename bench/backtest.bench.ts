// Backtest speed on the real BTC history: a 7-year daily run of two assets, an hourly run of ten,
// and a 10 × 10 sweep of two thresholds. Assets beyond BTC are made from it deterministically.
import { runBacktest } from '../src/core/backtest';
import type { BacktestSeries } from '../src/core/backtest-series';
import { joinBars } from '../src/core/backtest-series';
import { sweep } from '../src/core/backtest-sweep';
import { DAY_MS, HOUR_MS } from '../src/shared/time';
import { loadBtcBacktestSeries, loadFundingHistory } from '../test/fixtures';

let sink = 0;

/** A repeatable walk in [0.97, 1.03] per step (a linear congruential generator, seeded). */
function walk(seed: number, length: number): number[] {
  let state = seed >>> 0;
  let level = 1;
  return Array.from({ length }, () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    level *= 0.97 + (state / 2 ** 32) * 0.06;
    return level;
  });
}

/** BTC's bars with a seeded walk on the price and the funding shifted by `lag` bars. */
function derived(base: BacktestSeries, asset: string, seed: number, lag: number): BacktestSeries {
  const w = walk(seed, base.bars.length);
  const n = base.bars.length;
  return {
    asset,
    bars: base.bars.map((b, i) => ({
      at: b.at,
      price: b.price * (w[i] as number),
      funding: base.bars[(i + lag) % n]!.funding,
    })),
  };
}

/** Hourly BTC: daily closes interpolated geometrically hour by hour, funding settled in the hour. */
function hourlyBtc(): BacktestSeries {
  const daily = loadBtcBacktestSeries().bars;
  const prices: { at: number; price: number }[] = [];
  for (let d = 1; d < daily.length; d++) {
    const from = daily[d - 1]!;
    const to = daily[d]!;
    for (let h = 0; h < 24; h++) {
      prices.push({
        at: from.at + h * HOUR_MS,
        price: from.price * (to.price / from.price) ** (h / 24),
      });
    }
  }
  const funding = loadFundingHistory('BTC').map((p) => ({ at: p.at, rate: p.rate }));
  return joinBars('BTC', 'hour', prices, funding);
}

function time(run: () => number, repeats: number): number {
  sink += run(); // warm-up
  const start = performance.now();
  for (let i = 0; i < repeats; i++) sink += run();
  return (performance.now() - start) / repeats;
}

export default async function bench(): Promise<Record<string, number>> {
  const btc = loadBtcBacktestSeries();
  const sevenYears = { from: '2019-09-10', to: '2026-02-12' };
  const daily = [btc, derived(btc, 'ETH', 7, 30)];
  const dailyMs = time(
    () =>
      runBacktest(daily, { assets: ['BTC', 'ETH'], ...sevenYears }).strategies.policy.metrics
        .finalMultiple,
    20,
  );

  const hourBtc = hourlyBtc();
  const hourly = [
    hourBtc,
    ...Array.from({ length: 9 }, (_, i) => derived(hourBtc, `ALT${i + 1}`, i + 11, (i + 1) * 97)),
  ];
  const hourlyAssets = hourly.map((s) => s.asset);
  const hourlyMs = time(
    () =>
      runBacktest(hourly, { assets: hourlyAssets, step: 'hour', funding: 'settled-sum' }).strategies
        .policy.metrics.finalMultiple,
    3,
  );

  const levels = (from: number, stepBy: number) =>
    Array.from({ length: 10 }, (_, i) => from + i * stepBy);
  const sweepMs = time(() => {
    const result = sweep([btc], {
      request: { assets: ['BTC'], ...sevenYears },
      rows: { parameter: 'moderateFrom', values: levels(0.02, 0.01) },
      columns: { parameter: 'extremeAbove', values: levels(0.15, 0.02) },
    });
    return result.cells.flat().filter((c) => c.ok).length;
  }, 3);

  if (!Number.isFinite(sink)) throw new Error('a backtest gave no figures');
  return {
    dailyTwoAssetsSevenYearsMs: Math.round(dailyMs * 100) / 100,
    dailyBudgetMs: 20,
    hourlyTenAssetsMs: Math.round(hourlyMs * 10) / 10,
    hourlyBars: hourBtc.bars.length,
    hourlyBudgetMs: 300,
    sweep10x10SevenYearsMs: Math.round(sweepMs * 10) / 10,
    days: Math.round((btc.bars.at(-1)!.at - btc.bars[0]!.at) / DAY_MS) + 1,
  };
}
