// Integration: the backtests' history downloaded from the simulator through the real ccxt binance
// class into the history store: whole, resumed after a cancel without asking for a range twice, with
// progress that only moves forward, and read back as daily bars.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { DAY_MS, HOUR_MS } from '../../shared/time';
import { recordingGateway } from '../gateway/gateway-testing';
import { historyFolder } from '../history/history-testing';
import { createBacktestHistory } from './backtest-history';
import type { HistoryDownloadProgress } from './download';
import { readBacktestSeries } from './read-series';

const MARKET_TIME = Date.UTC(2025, 0, 10, 12);
const TODAY = Math.floor(MARKET_TIME / DAY_MS) * DAY_MS;
const SPOT_START = Date.UTC(2017, 7, 17);
const FUNDING_START = Date.UTC(2019, 8, 10, 8);
const DAYS = (TODAY - SPOT_START) / DAY_MS;
const subjectOf = (asset: string) => `demo:${asset}`;
const PATIENT_MS = 60_000;

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator({ seed: 8, marketTime: MARKET_TIME, speed: 0 });
});
afterAll(async () => {
  await sim.close();
});
const folder = historyFolder();

function setUp(extra: { onProgress?: (p: HistoryDownloadProgress) => void } = {}) {
  // These tests count the venue's pages: a request slowed past a short timeout by a busy machine
  // would be retried and counted twice.
  const { g, requests } = recordingGateway(sim.url, { timeoutMs: PATIENT_MS });
  const progress: HistoryDownloadProgress[] = [];
  const pages = (fragment: string) => requests.filter((r) => r.path.includes(fragment)).length;
  return {
    gateway: g,
    progress,
    pages,
    async history() {
      const store = await folder.openStore();
      const history = createBacktestHistory({
        store,
        source: g,
        subjectOf,
        now: () => MARKET_TIME,
        emit: (p) => {
          progress.push(p);
          extra.onProgress?.(p);
        },
      });
      return { store, history };
    },
  };
}

describe('the backtests’ history download', () => {
  it('stores every daily close and every funding settlement, and reads them back as daily bars', async () => {
    const run = setUp();
    const { store, history } = await run.history();
    const result = await history.download(['BTC']);
    expect(result.stored.BTC!['daily-close']).toBe(DAYS);
    expect(run.pages('klines')).toBe(Math.ceil((DAYS + 1) / 1000));

    const bars = await history.readBacktestSeries('BTC');
    expect(bars.t).toHaveLength(DAYS);
    expect(bars.t[0]).toBe(SPOT_START);
    expect(bars.t[bars.t.length - 1]).toBe(TODAY - DAY_MS);
    // The bars' closes are the venue's daily closes, day for day.
    const venue = [];
    for await (const page of run.gateway.downloadDailyCloses('BTC', {
      since: TODAY - 20 * DAY_MS,
      until: MARKET_TIME,
    })) {
      venue.push(...page.points);
    }
    expect(bars.price.slice(-20)).toEqual(venue.map((c) => c.close));
    // Funding: nothing before the first perpetual, then the day's three 8-hourly settlements summed.
    const firstFundingDay = bars.t.indexOf(Math.floor(FUNDING_START / DAY_MS) * DAY_MS);
    expect(bars.settlements.slice(0, firstFundingDay).every((n) => n === 0)).toBe(true);
    expect(bars.funding.slice(0, firstFundingDay).every((f) => f === 0)).toBe(true);
    expect(bars.settlements[firstFundingDay]).toBe(2);
    expect(bars.settlements.slice(firstFundingDay + 1).every((n) => n === 3)).toBe(true);
    const day = bars.t[bars.t.length - 3]!;
    const settled = await store.read(
      { subject: 'demo:BTC', field: 'funding' },
      { from: day, to: day + DAY_MS - 1 },
    );
    expect(bars.funding[bars.t.length - 3]).toBeCloseTo(
      Array.from(settled.v).reduce((a, b) => a + b, 0),
      15,
    );
    // Each settlement keeps the interval it was paid over.
    const all = await store.read({ subject: 'demo:BTC', field: 'funding' });
    const intervals = await store.read({ subject: 'demo:BTC', field: 'funding-interval' });
    expect(Array.from(intervals.t)).toEqual(Array.from(all.t));
    expect(new Set(Array.from(intervals.v))).toEqual(new Set([8]));
  });

  it('reads the bars of a window of days only', async () => {
    const run = setUp();
    const { store, history } = await run.history();
    await history.download(['ETH']);
    const from = Date.UTC(2021, 0, 1, 5);
    const to = Date.UTC(2021, 0, 31);
    const bars = await readBacktestSeries(store, 'demo:ETH', from, to);
    expect(bars.t[0]).toBe(Date.UTC(2021, 0, 2));
    expect(bars.t[bars.t.length - 1]).toBe(to);
    expect(bars.t).toHaveLength(30);
    expect(bars.settlements.every((n) => n === 3)).toBe(true);
  });

  it('resumes after a cancel where it stopped, asking the venue for no range twice', async () => {
    let history: Awaited<ReturnType<ReturnType<typeof setUp>['history']>>['history'] | null = null;
    const run = setUp({
      onProgress: (p) => {
        if (p.series === 'daily-close' && p.done >= 1000) history?.cancel();
      },
    });
    const opened = await run.history();
    history = opened.history;
    await expect(history.download(['SOL'])).rejects.toThrow('cancelled');
    expect(run.pages('klines')).toBe(1);
    expect(run.pages('fundingRate')).toBe(0);
    const stopped = await history.readBacktestSeries('SOL');
    expect(stopped.t).toHaveLength(1000);

    // A new start (the same folder, a new store and gateway) continues after the stored page.
    await opened.store.close();
    const again = setUp();
    const { history: resumed } = await again.history();
    await resumed.download(['SOL']);
    expect(run.pages('klines') + again.pages('klines')).toBe(Math.ceil((DAYS + 1) / 1000));
    const whole = await resumed.readBacktestSeries('SOL');
    expect(whole.t).toHaveLength(DAYS);
    for (let i = 1; i < whole.t.length; i++) expect(whole.t[i]! - whole.t[i - 1]!).toBe(DAY_MS);

    // Done: another download asks once per series from where it ended, and gets nothing new.
    const third = setUp();
    const { history: done } = await third.history();
    const result = await done.download(['SOL']);
    expect(third.pages('klines')).toBe(1);
    expect(third.pages('fundingRate')).toBe(1);
    expect(result.stored.SOL).toEqual({ 'daily-close': 0, funding: 0 });
    // What is on hand is everything the earlier downloads brought.
    expect(result.held.SOL?.['daily-close']).toBe(DAYS);
    // The bars end with the last whole day: today's settlements are held but in no bar yet.
    const inBars = (await done.readBacktestSeries('SOL')).settlements.reduce((s, n) => s + n, 0);
    expect(result.held.SOL?.funding).toBeGreaterThanOrEqual(inBars);
    expect(result.held.SOL?.funding).toBeLessThanOrEqual(inBars + 3);
  });

  it('reports each series’ progress moving only forward, ending at the whole', async () => {
    const run = setUp();
    const { history } = await run.history();
    await history.download(['ADA']);
    for (const series of ['daily-close', 'funding'] as const) {
      const seen = run.progress.filter((p) => p.asset === 'ADA' && p.series === series);
      expect(seen.length).toBeGreaterThan(2);
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i]!.fraction).toBeGreaterThanOrEqual(seen[i - 1]!.fraction);
        expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
      }
      const last = seen[seen.length - 1]!;
      expect(last.fraction).toBe(1);
      expect(last.done).toBe(last.total);
      for (const p of seen) expect(p.done).toBeLessThanOrEqual(p.total);
    }
    // ADA settles hourly: every hour since the first perpetual.
    const funding = run.progress.filter((p) => p.series === 'funding').at(-1)!;
    expect(funding.done).toBe(Math.floor((MARKET_TIME - FUNDING_START) / HOUR_MS) + 1);
  });
});
