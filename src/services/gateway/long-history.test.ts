// Integration: long downloads of daily closes and funding settlements with the real ccxt binance
// class over HTTP against the simulator: every page in order, resumable, only days that are over,
// within the venue's funding-request count.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { DAY, fakeTime, HOUR, MARKET_TIME, recordingGateway } from './gateway-testing';
import type { DailyClose, FundingPoint, LongHistoryPage } from './types';

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((s) => s.close()));
});

async function simulator(extra: Parameters<typeof startSimulator>[0] = {}) {
  const sim = await startSimulator({ seed: 3, marketTime: MARKET_TIME, speed: 0, ...extra });
  closing.push(sim);
  return sim;
}

async function collect<P>(pages: AsyncIterable<LongHistoryPage<P>>) {
  const all: LongHistoryPage<P>[] = [];
  for await (const page of pages) all.push(page);
  return { pages: all, points: all.flatMap((p) => p.points) };
}

const isPath = (fragment: string) => (e: { path: string }) => e.path.includes(fragment);
const SPOT_START = Date.UTC(2017, 7, 17);
const FUNDING_START = Date.UTC(2019, 8, 10, 8);
const TODAY = Math.floor(MARKET_TIME / DAY) * DAY;
// These tests count the venue's pages: a request slowed past a short timeout by a busy machine
// would be retried and counted twice.
const PATIENT_MS = 60_000;

describe('long history downloads', () => {
  it('downloads every daily close since the venue opened, a thousand days a request, the day still trading left out', async () => {
    const sim = await simulator();
    const { g, requests } = recordingGateway(sim.url, { timeoutMs: PATIENT_MS });
    const { pages, points } = await collect<DailyClose>(
      g.downloadDailyCloses('BTC', { until: MARKET_TIME }),
    );
    expect(points[0]!.day).toBe(SPOT_START);
    expect(points[points.length - 1]!.day).toBe(TODAY - DAY);
    expect(points).toHaveLength((TODAY - SPOT_START) / DAY);
    for (let i = 1; i < points.length; i++) expect(points[i]!.day - points[i - 1]!.day).toBe(DAY);
    expect(requests.filter(isPath('klines'))).toHaveLength(pages.length);
    expect(pages.length).toBe(Math.ceil((points.length + 1) / 1000));
    expect(pages[pages.length - 1]!.next).toBe(TODAY);
  });

  it('resumes from where a stored page ended, fetching nothing before it again', async () => {
    const sim = await simulator();
    const { g } = recordingGateway(sim.url, { timeoutMs: PATIENT_MS });
    const first = await g.downloadDailyCloses('ETH', { until: MARKET_TIME }).next();
    expect(first.done).toBe(false);
    const stored = first.value!;
    expect(stored.points).toHaveLength(1000);
    const rest = await collect<DailyClose>(
      g.downloadDailyCloses('ETH', { since: stored.next, until: MARKET_TIME }),
    );
    expect(rest.points[0]!.day).toBe(stored.points[999]!.day + DAY);
    expect(rest.points[rest.points.length - 1]!.day).toBe(TODAY - DAY);
  });

  it('downloads every funding settlement since the first perpetual, at the asset’s own interval', async () => {
    const sim = await simulator();
    const { g, requests } = recordingGateway(sim.url, { timeoutMs: PATIENT_MS });
    const { pages, points } = await collect<FundingPoint>(
      g.downloadFundingSettlements('DOGE', { until: MARKET_TIME }),
    );
    expect(points[0]!.at).toBe(FUNDING_START);
    for (let i = 1; i < points.length; i++)
      expect(points[i]!.at - points[i - 1]!.at).toBe(4 * HOUR);
    expect(points[points.length - 1]!.at).toBeGreaterThan(MARKET_TIME - 4 * HOUR);
    expect(requests.filter(isPath('fundingRate'))).toHaveLength(pages.length);
  });

  it('keeps its funding pages within its share of the venue’s funding-request count', async () => {
    const time = fakeTime();
    const sim = await simulator({ now: time.now });
    const { g } = recordingGateway(sim.url, {
      now: time.now,
      sleep: time.sleep,
      fundingPagesPer5Min: 2,
      timeoutMs: PATIENT_MS,
    });
    const asked: number[] = [];
    for await (const page of g.downloadFundingSettlements('BTC', { until: MARKET_TIME })) {
      asked.push(time.now());
      expect(page.points.length).toBeGreaterThan(0);
    }
    expect(asked.length).toBeGreaterThan(4);
    // Any three pages in a row span at least the five-minute window.
    for (let i = 2; i < asked.length; i++) {
      expect(asked[i]! - asked[i - 2]!).toBeGreaterThanOrEqual(5 * 60_000);
    }
  });

  it('waits out a rate limit longer than a read’s retries allow, then carries on', async () => {
    const time = fakeTime();
    const sim = await simulator({ now: time.now, weightLimits: { funding: 3 } });
    const { g } = recordingGateway(sim.url, {
      now: time.now,
      sleep: time.sleep,
      timeoutMs: PATIENT_MS,
    });
    const { points } = await collect<FundingPoint>(
      g.downloadFundingSettlements('BTC', { until: MARKET_TIME }),
    );
    expect(points[0]!.at).toBe(FUNDING_START);
    expect(points[points.length - 1]!.at).toBeGreaterThan(MARKET_TIME - 8 * HOUR);
    expect(Math.max(...time.sleeps)).toBeGreaterThan(15_000);
  });

  it('stops between pages when cancelled', async () => {
    const sim = await simulator();
    const { g, requests } = recordingGateway(sim.url, { timeoutMs: PATIENT_MS });
    const abort = new AbortController();
    const pages = g.downloadDailyCloses('SOL', { until: MARKET_TIME, signal: abort.signal });
    await pages.next();
    abort.abort(new Error('stopped by the user'));
    await expect(pages.next()).rejects.toThrow('stopped by the user');
    expect(requests.filter(isPath('klines'))).toHaveLength(1);
  });
});
