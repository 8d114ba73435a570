import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackfillProgress, HistorySource } from './backfill';
import {
  backfillAsset,
  Backfiller,
  backfillMarkerPath,
  DEFAULT_LOOKBACK_MS,
  readBackfillMarker,
} from './backfill';
import type { SeriesPoint } from './history-store';
import { HistoryStore } from './history-store';
import { seriesKey } from './series-keys';
import { HOUR_MS, DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 5, 1, 12);
const fundingKey = seriesKey('BTC', 'funding');
const spotKey = seriesKey('BTC', 'spot');

/** A venue with 400 days of 8-hourly funding and hourly prices, answering in pages. */
class FakeSource implements HistorySource {
  readonly calls: { series: string; since: number; until: number }[] = [];
  readonly funding: SeriesPoint[] = [];
  readonly prices: SeriesPoint[] = [];
  /** Called before each page is answered; may abort. */
  beforePage: (call: number) => void = () => undefined;

  constructor(private readonly pageSize: number) {
    const start = NOW - 400 * DAY_MS;
    for (let t = start; t <= NOW; t += 8 * HOUR_MS) this.funding.push({ t, v: 0.0001 + t / 1e17 });
    for (let t = start; t <= NOW; t += HOUR_MS)
      this.prices.push({ t, v: 50_000 + (t - start) / 1e6 });
  }

  fetchFundingHistory(_asset: string, since: number, until: number, signal?: AbortSignal) {
    return this.page('funding', this.funding, since, until, signal);
  }

  fetchPriceHistory(_asset: string, since: number, until: number, signal?: AbortSignal) {
    return this.page('price', this.prices, since, until, signal);
  }

  private async page(
    series: string,
    all: SeriesPoint[],
    since: number,
    until: number,
    signal?: AbortSignal,
  ): Promise<SeriesPoint[]> {
    this.calls.push({ series, since, until });
    this.beforePage(this.calls.length);
    signal?.throwIfAborted();
    await Promise.resolve();
    return all.filter((p) => p.t >= since && p.t <= until).slice(0, this.pageSize);
  }
}

let dataDir: string;
let store: HistoryStore;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'premia-backfill-'));
  store = await openStore();
});

afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

function openStore(): Promise<HistoryStore> {
  return HistoryStore.open(dataDir, {
    now: () => NOW,
    flushIntervalMs: 0,
    compactionIntervalMs: 0,
  });
}

function inWindow(points: SeriesPoint[]): SeriesPoint[] {
  return points.filter((p) => p.t >= NOW - DEFAULT_LOOKBACK_MS && p.t <= NOW);
}

async function stored(key = fundingKey): Promise<SeriesPoint[]> {
  const data = await store.read(key);
  return Array.from(data.t, (t, i) => ({ t, v: data.v[i] as number }));
}

describe('backfillAsset', () => {
  it('pages through the trailing year of funding and prices into the store', async () => {
    const source = new FakeSource(500);
    const result = await backfillAsset(store, source, 'BTC', { now: () => NOW });

    const funding = inWindow(source.funding);
    const prices = inWindow(source.prices);
    expect(await stored(fundingKey)).toEqual(funding);
    expect(await stored(spotKey)).toEqual(prices);
    expect(result.imported).toEqual({ funding: funding.length, price: prices.length });
    // Every full page is followed by another request; the first short page ends the series.
    const pages = (n: number) => Math.floor(n / 500) + 1;
    expect(result.pages).toBe(pages(funding.length) + pages(prices.length));
    const fundingCalls = source.calls.filter((c) => c.series === 'funding');
    expect(fundingCalls[0]?.since).toBe(NOW - DEFAULT_LOOKBACK_MS);
    for (let i = 1; i < fundingCalls.length; i++) {
      expect(fundingCalls[i]?.since).toBe((funding[i * 500 - 1] as SeriesPoint).t + 1);
    }
  });

  it('reports progress that never falls and ends at 1 for each series', async () => {
    const source = new FakeSource(300);
    const events: BackfillProgress[] = [];
    await backfillAsset(store, source, 'BTC', {
      now: () => NOW,
      onProgress: (p) => events.push(p),
    });
    for (const series of ['funding', 'price'] as const) {
      const mine = events.filter((e) => e.series === series);
      expect(mine.length).toBeGreaterThan(3);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]?.fraction).toBeGreaterThanOrEqual(mine[i - 1]?.fraction as number);
      }
      for (const e of mine) {
        expect(e.asset).toBe('BTC');
        expect(e.done).toBeLessThanOrEqual(e.total);
        expect(e.fraction).toBeCloseTo(e.done / e.total, 12);
      }
      expect(mine[0]?.fraction).toBe(0);
      expect(mine.at(-1)?.fraction).toBe(1);
    }
  });

  it('resumes an aborted backfill where it stopped, fetching and storing nothing twice', async () => {
    const source = new FakeSource(200);
    const abort = new AbortController();
    source.beforePage = (call) => {
      if (call === 4) abort.abort(new Error('stop'));
    };
    await expect(
      backfillAsset(store, source, 'BTC', { now: () => NOW, signal: abort.signal }),
    ).rejects.toThrow('stop');
    const marker = await readBackfillMarker(store, fundingKey);
    expect(marker?.complete).toBe(false);
    expect(marker?.cursor).toBe((inWindow(source.funding)[3 * 200 - 1] as SeriesPoint).t + 1);
    expect((await stored()).length).toBe(600);

    // Later, with the clock moved on: the window stays the one fixed at first sight.
    source.beforePage = () => undefined;
    const callsBefore = source.calls.length;
    const later = NOW + 3 * DAY_MS;
    await backfillAsset(store, source, 'BTC', { now: () => later });
    const resumed = source.calls.slice(callsBefore);
    expect(resumed[0]).toEqual({ series: 'funding', since: marker?.cursor, until: NOW });
    expect(await stored(fundingKey)).toEqual(inWindow(source.funding));
    expect(await stored(spotKey)).toEqual(inWindow(source.prices));
  });

  it('never fetches again once complete, even after a restart', async () => {
    const source = new FakeSource(1000);
    await backfillAsset(store, source, 'BTC', { now: () => NOW });
    await store.close();
    store = await openStore();
    const calls = source.calls.length;
    const events: BackfillProgress[] = [];
    const again = await backfillAsset(store, source, 'BTC', {
      now: () => NOW + DAY_MS,
      onProgress: (p) => events.push(p),
    });
    expect(source.calls.length).toBe(calls);
    expect(again).toEqual({ asset: 'BTC', imported: { funding: 0, price: 0 }, pages: 0 });
    expect(events.map((e) => [e.series, e.fraction])).toEqual([
      ['funding', 1],
      ['price', 1],
    ]);
  });

  it('starts over without duplicates when its marker is unreadable', async () => {
    const source = new FakeSource(1000);
    await backfillAsset(store, source, 'BTC', { now: () => NOW });
    await writeFile(backfillMarkerPath(store, fundingKey), '{ not json');
    const again = await backfillAsset(store, source, 'BTC', { now: () => NOW });
    expect(again.imported.funding).toBe(0);
    expect(again.pages).toBeGreaterThan(0);
    expect(await stored(fundingKey)).toEqual(inWindow(source.funding));
  });

  it('stores each settlement with its own interval: the spacing from the one before, across pages', async () => {
    const source = new FakeSource(200);
    // 8-hourly until ten days ago, 4-hourly since: the venue changed the interval.
    const change = NOW - 10 * DAY_MS;
    source.funding.splice(0);
    for (let t = NOW - 400 * DAY_MS; t <= NOW; t += (t < change ? 8 : 4) * HOUR_MS) {
      source.funding.push({ t, v: 0.0001 });
    }
    await backfillAsset(store, source, 'BTC', { now: () => NOW, fundingIntervalHours: () => 4 });

    const funding = await stored(fundingKey);
    const intervals = await stored(seriesKey('BTC', 'funding-interval'));
    expect(intervals.map((p) => p.t)).toEqual(funding.map((p) => p.t));
    const expected = funding.map((p) => (p.t <= change ? 8 : 4));
    expect(intervals.map((p) => p.v)).toEqual(expected);
    expect(expected.filter((h) => h === 4)).toHaveLength(60);
  });

  it('keeps the intervals beside the funding series it is given', async () => {
    const source = new FakeSource(1000);
    const perp = seriesKey('BTCUSDT', 'funding');
    await backfillAsset(store, source, 'BTC', { now: () => NOW, targets: { funding: perp } });
    const intervals = await stored(seriesKey('BTCUSDT', 'funding-interval'));
    expect(intervals.length).toBe(inWindow(source.funding).length);
    expect(intervals.every((p) => p.v === 8)).toBe(true);
  });

  it('stores into the series it is given', async () => {
    const source = new FakeSource(1000);
    const perp = seriesKey('BTCUSDT', 'funding');
    const mark = seriesKey('BTCUSDT', 'mark');
    await backfillAsset(store, source, 'BTC', {
      now: () => NOW,
      targets: { funding: perp, price: mark },
    });
    expect(store.has(perp)).toBe(true);
    expect(store.has(mark)).toBe(true);
    expect(store.has(fundingKey)).toBe(false);
  });
});

describe('Backfiller', () => {
  it('runs one backfill per asset however often it is asked', async () => {
    const source = new FakeSource(1000);
    const backfiller = new Backfiller(store, source, { now: () => NOW });
    const [a, b] = await Promise.all([backfiller.ensure('BTC'), backfiller.ensure('BTC')]);
    expect(a).toBe(b);
    expect(source.calls.length).toBe(a.pages);
    expect(backfiller.isRunning('BTC')).toBe(false);
  });

  it('cancels a running backfill, which the next ensure resumes', async () => {
    const source = new FakeSource(100);
    const backfiller = new Backfiller(store, source, { now: () => NOW });
    source.beforePage = (call) => {
      if (call === 2) backfiller.cancel('BTC');
    };
    await expect(backfiller.ensure('BTC')).rejects.toThrow('cancelled');
    source.beforePage = () => undefined;
    await backfiller.ensure('BTC');
    expect(await stored(fundingKey)).toEqual(inWindow(source.funding));
  });
});

describe('a folder where a backfill marker belongs', () => {
  it("fails the backfill before fetching anything, naming the marker's path in words", async () => {
    await mkdir(backfillMarkerPath(store, fundingKey), { recursive: true });
    const source = new FakeSource(100);
    await expect(backfillAsset(store, source, 'BTC', { now: () => NOW })).rejects.toMatchObject({
      code: 'unavailable',
      message: `Premia could not note how far the history of BTC was fetched: ${backfillMarkerPath(store, fundingKey)} is a folder where Premia expects a file (EISDIR).`,
    });
    expect(source.calls).toEqual([]);
  });
});
