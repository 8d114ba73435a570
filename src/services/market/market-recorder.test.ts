// The recorder against a real history store: settlements noticed as the next funding time moves on,
// each kept with the interval the venue stated for it, and served back with their own intervals.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarketSnapshot } from '../../shared/market';
import type { MarketDataCycle } from '../gateway';
import { HistoryStore } from '../history';
import { MarketRecorder } from './market-recorder';
import { marketSeriesKey } from './series';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 0, 7);

let dir: string;
let store: HistoryStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-recorder-'));
  store = await HistoryStore.open(dir, { flushIntervalMs: 0, compactionIntervalMs: 0 });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** One cycle's quotes for XRP's perpetual as the gateway hands them over. */
function cycle(rate: number, nextFundingAt: number, fundingIntervalHours: number): MarketDataCycle {
  return {
    exchange: 'binance',
    receivedAt: 0,
    requests: 2,
    assets: [
      {
        asset: 'XRP',
        spot: null,
        perp: {
          symbol: 'XRP/USDT:USDT',
          mark: 0.6,
          index: 0.6,
          fundingRate: rate,
          fundingIntervalHours,
          intervalFromVenue: fundingIntervalHours !== 8,
          nextFundingAt,
          venueTime: null,
        },
        futures: [],
      },
    ],
  };
}

const snapshot: MarketSnapshot = { at: 0, source: 'demo', assets: [] };

describe('MarketRecorder', () => {
  it('keeps each settlement with the interval the venue stated while it was pending', async () => {
    const recorder = new MarketRecorder(store, 'demo');
    // Pending at T0 + 8 h under an 8 h interval; the venue then moves to 4 h settlements.
    recorder.record(cycle(0.0001, T0 + 8 * HOUR, 8), snapshot, T0 + HOUR);
    recorder.record(cycle(0.0002, T0 + 12 * HOUR, 4), snapshot, T0 + 8 * HOUR + 60_000);
    recorder.record(cycle(0.0003, T0 + 16 * HOUR, 4), snapshot, T0 + 12 * HOUR + 60_000);
    recorder.record(cycle(0.0004, T0 + 20 * HOUR, 4), snapshot, T0 + 16 * HOUR + 60_000);

    const settled = await recorder.settledFunding('XRP', T0, T0 + DAY, 4);
    expect(settled).toEqual([
      { at: T0 + 8 * HOUR, rate: 0.0001, intervalHours: 8 },
      { at: T0 + 12 * HOUR, rate: 0.0002, intervalHours: 4 },
      { at: T0 + 16 * HOUR, rate: 0.0003, intervalHours: 4 },
    ]);
    const stored = await store.read(marketSeriesKey('demo', 'XRP', 'funding-interval'));
    expect(Array.from(stored.v)).toEqual([8, 4, 4]);

    // A recorder started later reads the same back from the store.
    const later = new MarketRecorder(store, 'demo');
    expect(await later.settledFunding('XRP', T0, T0 + DAY, 1)).toEqual(settled);
  });

  it('infers the intervals of settlements stored before intervals were kept from their spacing', async () => {
    const funding = marketSeriesKey('demo', 'XRP', 'funding');
    const times = [0, 8, 16, 20, 24].map((h) => T0 + h * HOUR);
    await store.importSeries(
      funding,
      times.map((t) => ({ t, v: 0.0001 })),
    );
    const recorder = new MarketRecorder(store, 'demo');
    const settled = await recorder.settledFunding('XRP', T0 + 4 * HOUR, T0 + DAY, 4);
    expect(settled.map((p) => [p.at, p.intervalHours])).toEqual([
      [T0 + 8 * HOUR, 8],
      [T0 + 16 * HOUR, 8],
      [T0 + 20 * HOUR, 4],
      [T0 + 24 * HOUR, 4],
    ]);
  });
});
