// Appending, reading back and the append-only file writes of the history store.
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/time';
import type { HistoryStore } from './history-store';
import { HistoryStoreClosedError } from './history-store';
import { HEADER_BYTES, RECORD_BYTES } from './segment-file';
import { seriesKey } from './series-keys';
import {
  DAY0,
  premium,
  spot,
  funding,
  list,
  historyFolder,
  manualIntervalTimers,
} from './history-testing';

const testFolder = historyFolder();

describe('appending and reading', () => {
  it('reads back appended points in order, before and after they are flushed', async () => {
    const store = await testFolder.openStore();
    const points = [0, 1, 2, 3, 4].map((i) => ({ t: DAY0 + i * 15_000, v: 0.05 + i / 1000 }));
    for (const p of points) expect(store.append(premium, p.t, p.v)).toBe(true);

    const buffered = await store.read(premium);
    expect(list(buffered.t)).toEqual(points.map((p) => p.t));
    expect(list(buffered.v)).toEqual(points.map((p) => p.v));

    await store.flush();
    const flushed = await store.read(premium);
    expect(list(flushed.t)).toEqual(points.map((p) => p.t));
    expect(list(flushed.v)).toEqual(points.map((p) => p.v));
    const files = await testFolder.segmentFiles('BTC', 'premium');
    expect(files).toHaveLength(1);
    expect(
      (await stat(join(testFolder.seriesDir('BTC', 'premium'), files[0] as string))).size,
    ).toBe(HEADER_BYTES + points.length * RECORD_BYTES);
  });

  it('ignores points at or before the newest time of the series', async () => {
    const store = await testFolder.openStore();
    expect(store.append(spot, DAY0 + 2000, 100)).toBe(true);
    expect(store.append(spot, DAY0 + 2000, 101)).toBe(false);
    expect(store.append(spot, DAY0 + 1000, 102)).toBe(false);
    expect(store.append(spot, DAY0 + 3000, NaN)).toBe(false);
    expect(store.append(spot, DAY0 + 3000.5, 103)).toBe(false);
    expect(store.append(spot, DAY0 + 3000, 104)).toBe(true);
    await store.flush();
    const data = await store.read(spot);
    expect(list(data.t)).toEqual([DAY0 + 2000, DAY0 + 3000]);
    expect(list(data.v)).toEqual([100, 104]);
  });

  it('starts a new segment file at each UTC midnight', async () => {
    const store = await testFolder.openStore();
    store.append(spot, DAY0 + DAY_MS - MINUTE_MS, 1);
    store.append(spot, DAY0 + DAY_MS, 2);
    store.append(spot, DAY0 + 2 * DAY_MS + MINUTE_MS, 3);
    await store.flush();
    expect(await testFolder.segmentFiles('BTC', 'spot')).toHaveLength(3);
    expect(list((await store.read(spot)).v)).toEqual([1, 2, 3]);
  });

  it('keeps funding settlements in one segment per UTC month', async () => {
    const store = await testFolder.openStore();
    const start = Date.UTC(2026, 0, 20);
    for (let t = start; t < Date.UTC(2026, 2, 1); t += 8 * HOUR_MS)
      store.append(funding, t, 0.0001);
    await store.flush();
    expect(await testFolder.segmentFiles('BTCUSDT', 'funding')).toHaveLength(2);
    expect((await store.read(funding)).t.length).toBe(
      (Date.UTC(2026, 2, 1) - start) / (8 * HOUR_MS),
    );
  });

  it('keeps every series in its own folder and lists them', async () => {
    const store = await testFolder.openStore();
    const instrument = seriesKey('BTC/USDT:USDT', 'mark');
    store.append(premium, DAY0, 0.1);
    store.append(funding, DAY0, 0.0001);
    store.append(instrument, DAY0, 50_000);
    await store.flush();
    expect(store.has(funding)).toBe(true);
    expect(store.has(seriesKey('ETH', 'premium'))).toBe(false);
    const ids = store
      .keys()
      .map((k) => `${k.subject}|${k.field}`)
      .sort();
    expect(ids).toEqual(['BTC/USDT:USDT|mark', 'BTCUSDT|funding', 'BTC|premium']);
    expect(await readdir(join(testFolder.dataDir, 'history'))).toEqual(
      expect.arrayContaining(['BTC', 'BTCUSDT', 'BTC~2FUSDT~3AUSDT']),
    );
  });

  it('keeps everything across close and reopen', async () => {
    const first = await testFolder.openStore();
    for (let i = 0; i < 100; i++) first.append(premium, DAY0 + i * MINUTE_MS, i / 100);
    first.append(funding, DAY0 + 8 * HOUR_MS, 0.0001);
    await first.close();
    expect(() => first.append(premium, DAY0 + 200 * MINUTE_MS, 1)).toThrow(HistoryStoreClosedError);

    const second = await testFolder.openStore();
    expect(second.last(premium)).toEqual({ t: DAY0 + 99 * MINUTE_MS, v: 0.99 });
    expect(second.last(funding)).toEqual({ t: DAY0 + 8 * HOUR_MS, v: 0.0001 });
    expect(second.append(premium, DAY0 + 99 * MINUTE_MS, 5)).toBe(false);
    expect(second.append(premium, DAY0 + 100 * MINUTE_MS, 1)).toBe(true);
    await second.close();

    const third = await testFolder.openStore();
    const data = await third.read(premium);
    expect(data.t.length).toBe(101);
    expect(data.v[100]).toBe(1);
  });

  it('keeps points appended while a flush is writing', async () => {
    const store = await testFolder.openStore();
    for (let i = 0; i < 1000; i++) store.append(spot, DAY0 + i * 1000, i);
    const writing = store.flush();
    for (let i = 1000; i < 1500; i++) store.append(spot, DAY0 + i * 1000, i);
    await writing;
    await store.close();
    const reopened = await testFolder.openStore();
    const data = await reopened.read(spot);
    expect(list(data.v)).toEqual(Array.from({ length: 1500 }, (_, i) => i));
  });

  it('flushes on its own at the configured cadence', async () => {
    const manual = manualIntervalTimers();
    const store = await testFolder.openStore({ flushIntervalMs: 20, timers: manual.timers });
    expect(manual.cadences()).toEqual([20]);
    store.append(spot, DAY0, 42);
    await expect(testFolder.segmentFiles('BTC', 'spot')).rejects.toThrow();

    manual.fire(20);
    // Reads queue behind writes: once this answers, the flush the timer started is on disk.
    await store.read(spot);
    const files = await testFolder.segmentFiles('BTC', 'spot');
    const bytes = await readFile(join(testFolder.seriesDir('BTC', 'spot'), files[0] as string));
    expect(bytes.length).toBe(HEADER_BYTES + RECORD_BYTES);
    expect(bytes.readDoubleLE(HEADER_BYTES + 8)).toBe(42);

    await store.close();
    expect(manual.cadences()).toEqual([]);
  });

  it('compacts on its own at the configured cadence', async () => {
    const manual = manualIntervalTimers();
    const store = await testFolder.openStore({
      now: () => DAY0 + 40 * DAY_MS,
      compactionIntervalMs: HOUR_MS,
      timers: manual.timers,
    });
    store.append(premium, DAY0, 0.1);
    store.append(premium, DAY0 + 35 * DAY_MS, 0.2);
    await store.flush();
    manual.fire(HOUR_MS);
    await store.read(premium);
    const files = await testFolder.segmentFiles('BTC', 'premium');
    expect(files.filter((f) => f.endsWith('.hourly'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.raw'))).toHaveLength(1);
  });
});

describe('append-only writes', () => {
  it('only ever adds bytes to the end of the segment being appended to', async () => {
    const store = await testFolder.openStore();
    let t = DAY0;
    const snapshots: Buffer[] = [];
    let inode: number | undefined;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 50; i++) store.append(premium, (t += 15_000), Math.sin(t));
      await store.flush();
      const [file] = await testFolder.segmentFiles('BTC', 'premium');
      const path = join(testFolder.seriesDir('BTC', 'premium'), file as string);
      snapshots.push(await readFile(path));
      const { ino } = await stat(path);
      inode ??= ino;
      expect(ino).toBe(inode);
    }
    for (let i = 1; i < snapshots.length; i++) {
      const before = snapshots[i - 1] as Buffer;
      const after = snapshots[i] as Buffer;
      expect(after.length).toBe(before.length + 50 * RECORD_BYTES);
      expect(after.subarray(0, before.length).equals(before)).toBe(true);
    }
  });

  it('retries a failed write without losing or duplicating points', async () => {
    const store = await testFolder.openStore();
    store.append(spot, DAY0, 1);
    await store.flush();
    // A folder where the next day's segment file would go makes its write fail.
    const blocker = join(
      testFolder.seriesDir('BTC', 'spot'),
      `${String(DAY0 + DAY_MS).padStart(16, '0')}.raw`,
    );
    await mkdir(blocker);
    store.append(spot, DAY0 + 1000, 2);
    store.append(spot, DAY0 + DAY_MS, 3);
    await expect(store.flush()).rejects.toThrow();
    await rm(blocker, { recursive: true });
    expect(list((await store.read(spot)).v)).toEqual([1, 2, 3]);
    await store.flush();
    await store.close();
    const reopened = await testFolder.openStore();
    expect(list((await reopened.read(spot)).v)).toEqual([1, 2, 3]);
  });
});

describe('reading a range', () => {
  async function minuteSeries(): Promise<HistoryStore> {
    const store = await testFolder.openStore();
    for (let i = 0; i < 3 * 24 * 60; i++)
      store.append(premium, DAY0 + i * MINUTE_MS, Math.sin(i / 50));
    await store.flush();
    return store;
  }

  it('returns the points between from and to, both included', async () => {
    const store = await minuteSeries();
    const data = await store.read(premium, {
      from: DAY0 + DAY_MS - 2 * MINUTE_MS,
      to: DAY0 + DAY_MS + 2 * MINUTE_MS,
    });
    expect(list(data.t)).toEqual([-2, -1, 0, 1, 2].map((i) => DAY0 + DAY_MS + i * MINUTE_MS));
    expect(data.v[2]).toBeCloseTo(Math.sin((24 * 60) / 50), 12);
    expect((await store.read(premium, { from: DAY0 + 10 * DAY_MS })).t.length).toBe(0);
  });

  it('thins to at most maxPoints while keeping the extremes', async () => {
    const store = await minuteSeries();
    const full = await store.read(premium);
    const thin = await store.read(premium, { maxPoints: 200 });
    expect(thin.t.length).toBeLessThanOrEqual(200);
    expect(thin.t.length).toBeGreaterThan(100);
    expect(Math.max(...thin.v)).toBe(Math.max(...full.v));
    expect(Math.min(...thin.v)).toBe(Math.min(...full.v));
    for (let i = 1; i < thin.t.length; i++)
      expect(thin.t[i]).toBeGreaterThan(thin.t[i - 1] as number);
  });

  it('buckets by the field rule when asked for a bucket width', async () => {
    const store = await minuteSeries();
    const hourly = await store.read(premium, {
      bucketMs: HOUR_MS,
      from: DAY0,
      to: DAY0 + HOUR_MS - 1,
    });
    const expected =
      Array.from({ length: 60 }, (_, i) => Math.sin(i / 50)).reduce((a, b) => a + b) / 60;
    expect(list(hourly.t)).toEqual([DAY0]);
    expect(hourly.v[0]).toBeCloseTo(expected, 12);
  });

  it('refuses nonsense options', async () => {
    const store = await minuteSeries();
    await expect(store.read(premium, { maxPoints: 1 })).rejects.toThrow(RangeError);
    await expect(store.read(premium, { bucketMs: 0 })).rejects.toThrow(RangeError);
    await expect(store.read(premium, { from: NaN })).rejects.toThrow(RangeError);
  });

  it('returns an empty series for a key never written', async () => {
    const store = await testFolder.openStore();
    const data = await store.read(seriesKey('ETH', 'basis'));
    expect(data.t.length).toBe(0);
    expect(store.last(seriesKey('ETH', 'basis'))).toBeNull();
  });
});
