import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, seriesKey } from '../history';
import { derivePremiumsFromFunding, readPremiumHistory } from './premium-history';
import { HOUR_MS } from '../../shared/time';

const DAY = 24 * HOUR_MS;
const T0 = Date.UTC(2025, 0, 1);

/** Settlements as [time, rate] at 8 h, or [time, rate, interval hours]. */
function series(points: ([number, number] | [number, number, number])[]) {
  return {
    t: Float64Array.from(points.map((p) => p[0])),
    v: Float64Array.from(points.map((p) => p[1])),
    h: Float64Array.from(points.map((p) => p[2] ?? 8)),
  };
}

/** 4 days of 8 h settlements then 3 days of 4 h ones, 0.01% each, ending at `end`. */
function mixedWeek(end: number): [number, number, number][] {
  const change = end - 3 * DAY;
  const out: [number, number, number][] = [];
  for (let t = change - 4 * DAY + 8 * HOUR_MS; t <= change; t += 8 * HOUR_MS)
    out.push([t, 0.0001, 8]);
  for (let t = change + 4 * HOUR_MS; t <= end; t += 4 * HOUR_MS) out.push([t, 0.0001, 4]);
  return out;
}

describe('derivePremiumsFromFunding', () => {
  it('gives each hour the annualized mean of the settlements in its trailing window', () => {
    const settled = series([
      [T0, 0.0001],
      [T0 + 8 * HOUR_MS, 0.0003],
    ]);
    const out = derivePremiumsFromFunding(settled, {
      from: T0,
      to: T0 + 10 * HOUR_MS,
      windowMs: DAY,
    });
    expect(Array.from(out.t)).toEqual(Array.from({ length: 11 }, (_, i) => T0 + i * HOUR_MS));
    expect(out.v[0]).toBeCloseTo(0.0001 * 3 * 365, 12);
    expect(out.v[7]).toBeCloseTo(0.0001 * 3 * 365, 12);
    expect(out.v[8]).toBeCloseTo(0.0002 * 3 * 365, 12);
  });

  it('drops a settlement once it leaves the window and leaves out hours with none', () => {
    const settled = series([[T0, 0.0001]]);
    const out = derivePremiumsFromFunding(settled, {
      from: T0 - 5 * HOUR_MS,
      to: T0 + 5 * HOUR_MS,
      windowMs: 3 * HOUR_MS,
    });
    expect(Array.from(out.t)).toEqual([T0, T0 + HOUR_MS, T0 + 2 * HOUR_MS]);
  });

  it('gives nothing without settlements', () => {
    const out = derivePremiumsFromFunding(series([]), {
      from: 0,
      to: DAY,
      windowMs: DAY,
    });
    expect(out.t).toHaveLength(0);
  });

  it('annualizes each window as what it paid, every settlement with its own interval', () => {
    const end = T0 + 10 * DAY;
    const week = mixedWeek(end);
    expect(week).toHaveLength(30);
    const out = derivePremiumsFromFunding(series(week), { from: end, to: end, windowMs: 7 * DAY });
    expect(Array.from(out.t)).toEqual([end]);
    expect(out.v[0]!.toFixed(4)).toBe('0.1564');
  });
});

describe('readPremiumHistory', () => {
  let dir: string;
  let store: HistoryStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'premia-premium-'));
    store = await HistoryStore.open(dir, {
      flushIntervalMs: 0,
      compactionIntervalMs: 0,
      now: () => T0 + 40 * DAY,
    });
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts premiums derived from funding before the first recorded one, and recorded ones after', async () => {
    const keys = {
      premium: seriesKey('demo:BTC', 'premium'),
      funding: seriesKey('demo:BTC', 'funding'),
      fundingInterval: seriesKey('demo:BTC', 'funding-interval'),
    };
    await store.importSeries(
      keys.funding,
      Array.from({ length: 30 }, (_, i) => ({ t: T0 + i * 8 * HOUR_MS, v: 0.0001 })),
    );
    const firstRecorded = T0 + 5 * DAY + 1_234;
    store.append(keys.premium, firstRecorded, 0.42);
    store.append(keys.premium, firstRecorded + 15_000, 0.43);
    const data = await readPremiumHistory(store, keys, { windowMs: 7 * DAY, intervalHours: 8 });
    const times = Array.from(data.t);
    expect(times[0]).toBe(T0);
    expect(times.slice(-2)).toEqual([firstRecorded, firstRecorded + 15_000]);
    expect(times.filter((t) => t < firstRecorded)).toHaveLength(5 * 24 + 1);
    expect(data.v[0]).toBeCloseTo(0.1095, 12);
    expect(Array.from(data.v).slice(-2)).toEqual([0.42, 0.43]);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
  });

  it('infers the intervals of funding stored without them from the settlement spacing', async () => {
    const keys = {
      premium: seriesKey('demo:XRP', 'premium'),
      funding: seriesKey('demo:XRP', 'funding'),
      fundingInterval: seriesKey('demo:XRP', 'funding-interval'),
    };
    const end = T0 + 10 * DAY;
    // Rates only, as history was stored before intervals were kept; the perpetual is now at 4 h.
    await store.importSeries(
      keys.funding,
      mixedWeek(end).map(([t, v]) => ({ t, v })),
    );
    const data = await readPremiumHistory(store, keys, {
      from: end,
      to: end,
      windowMs: 7 * DAY,
      intervalHours: 4,
    });
    expect(Array.from(data.t)).toEqual([end]);
    expect(data.v[0]!.toFixed(4)).toBe('0.1564');
  });

  it('takes the intervals stored beside the funding over the spacing', async () => {
    const keys = {
      premium: seriesKey('demo:ADA', 'premium'),
      funding: seriesKey('demo:ADA', 'funding'),
      fundingInterval: seriesKey('demo:ADA', 'funding-interval'),
    };
    // Two settlements 8 h apart the venue stated as 4 h each (the app was off for one between).
    const settlements = [T0 + 4 * HOUR_MS, T0 + 12 * HOUR_MS];
    await store.importSeries(
      keys.funding,
      settlements.map((t) => ({ t, v: 0.0001 })),
    );
    await store.importSeries(
      keys.fundingInterval,
      settlements.map((t) => ({ t, v: 4 })),
    );
    const data = await readPremiumHistory(store, keys, {
      from: T0 + 12 * HOUR_MS,
      to: T0 + 12 * HOUR_MS,
      windowMs: DAY,
      intervalHours: 8,
    });
    expect(data.v[0]).toBeCloseTo((0.0002 * 24 * 365) / 8, 12);
  });
});
