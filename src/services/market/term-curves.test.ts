// The term structure's past against a real history store: each cycle's futures kept per contract,
// and the curve nearest 1 and 7 days ago read back annualized against the spot of its moment.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssetSnapshot, MarketSnapshot } from '../../shared/market';
import { DAY_MS, HOUR_MS } from '../../shared/time';
import type { MarketDataCycle } from '../gateway';
import { HistoryStore } from '../history';
import { MarketRecorder } from './market-recorder';
import { readPastCurves } from './term-curves';

const NOW = Date.UTC(2026, 1, 1);
const MARCH = Date.UTC(2026, 2, 27, 8);
const JUNE = Date.UTC(2026, 5, 26, 8);

let dir: string;
let store: HistoryStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-curves-'));
  store = await HistoryStore.open(dir, { flushIntervalMs: 0, compactionIntervalMs: 0 });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function btc(spot: number, march: number, june: number, at: number): AssetSnapshot {
  const future = (symbol: string, expiry: number, price: number) => ({
    symbol,
    expiry,
    price,
    daysToExpiry: (expiry - at) / DAY_MS,
    annualized: 0,
    inSignal: true,
  });
  return {
    asset: 'BTC',
    spot,
    perp: null,
    futures: [
      future('BTC/USDT:USDT-260327', MARCH, march),
      future('BTC/USDT:USDT-260626', JUNE, june),
    ],
    premium: 0.05,
    premiumSource: 'nearest-future',
    basisMethod: 'simple',
    regime: 'neutral',
    heldByHysteresis: false,
    stale: false,
  };
}

/** Records one cycle at `at` through the recorder, as the poller does. */
function recordAt(recorder: MarketRecorder, at: number, asset: AssetSnapshot): void {
  const cycle: MarketDataCycle = {
    exchange: 'binance',
    receivedAt: at,
    requests: 1,
    assets: [
      {
        asset: 'BTC',
        spot: { symbol: 'BTC/USDT', bid: null, ask: null, price: asset.spot! },
        perp: null,
        futures: [],
      },
    ],
  };
  const snapshot: MarketSnapshot = { at, source: 'binance', assets: [asset] };
  recorder.record(cycle, snapshot, at);
}

describe('readPastCurves', () => {
  it('reads back the curve nearest 1 and 7 days ago, each contract against that moment’s spot', async () => {
    const recorder = new MarketRecorder(store, 'binance');
    const weekAgo = NOW - 7 * DAY_MS;
    const dayAgo = NOW - DAY_MS + HOUR_MS;
    recordAt(recorder, weekAgo, btc(100_000, 101_000, 102_000, weekAgo));
    recordAt(recorder, dayAgo, btc(90_000, 90_450, 91_800, dayAgo));
    recordAt(recorder, NOW, btc(95_000, 96_000, 97_000, NOW));

    const past = await readPastCurves(store, 'binance', 'BTC', NOW, 'simple');
    expect(past.curves.map((c) => c.agoDays)).toEqual([1, 7]);

    const [day, week] = past.curves;
    expect(day!.at).toBe(dayAgo);
    expect(day!.points.map((p) => p.expiry)).toEqual([MARCH, JUNE]);
    const marchDays = (MARCH - dayAgo) / DAY_MS;
    expect(day!.points[0]!.days).toBeCloseTo(marchDays, 9);
    expect(day!.points[0]!.annualized).toBeCloseTo(0.005 * (365 / marchDays), 9);

    expect(week!.at).toBe(weekAgo);
    expect(week!.points[1]!.annualized).toBeCloseTo(0.02 * (365 / ((JUNE - weekAgo) / DAY_MS)), 9);
  });

  it('annualizes with the method asked, so the past compares with today’s curve', async () => {
    const recorder = new MarketRecorder(store, 'binance');
    const dayAgo = NOW - DAY_MS;
    recordAt(recorder, dayAgo, btc(100_000, 101_000, 102_000, dayAgo));
    const past = await readPastCurves(store, 'binance', 'BTC', NOW, 'compound');
    const days = (MARCH - dayAgo) / DAY_MS;
    expect(past.curves[0]!.points[0]!.annualized).toBeCloseTo(1.01 ** (365 / days) - 1, 9);
  });

  it('says "not recorded" (no time, no points) for a moment nothing was recorded near', async () => {
    const recorder = new MarketRecorder(store, 'binance');
    recordAt(recorder, NOW, btc(95_000, 96_000, 97_000, NOW));
    const past = await readPastCurves(store, 'binance', 'BTC', NOW, 'simple');
    expect(past.curves).toEqual([
      { agoDays: 1, at: null, points: [] },
      { agoDays: 7, at: null, points: [] },
    ]);
  });

  it('keeps each market’s curves apart, and records nothing of a stale asset', async () => {
    const recorder = new MarketRecorder(store, 'demo');
    const dayAgo = NOW - DAY_MS;
    recordAt(recorder, dayAgo, { ...btc(100_000, 101_000, 102_000, dayAgo), stale: true });
    recordAt(new MarketRecorder(store, 'binance'), dayAgo, btc(100_000, 101_000, 102_000, dayAgo));
    expect((await readPastCurves(store, 'demo', 'BTC', NOW, 'simple')).curves[0]!.at).toBeNull();
    expect((await readPastCurves(store, 'binance', 'BTC', NOW, 'simple')).curves[0]!.at).toBe(
      dayAgo,
    );
  });
});
