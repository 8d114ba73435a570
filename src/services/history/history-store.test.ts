import {
  appendFile,
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryStoreOptions } from './history-store';
import { NoticeBoard } from '../notices';
import { HistoryStore, HistoryStoreClosedError } from './history-store';
import { HEADER_BYTES, RECORD_BYTES } from './segment-file';
import { seriesKey } from './series-keys';
import { HOUR_MS, DAY_MS } from '../../shared/time';

const DAY0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const premium = seriesKey('BTC', 'premium');
const spot = seriesKey('BTC', 'spot');
const funding = seriesKey('BTCUSDT', 'funding');

let dataDir: string;
const opened: HistoryStore[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'premia-history-'));
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

async function openStore(options: HistoryStoreOptions = {}): Promise<HistoryStore> {
  // A fixed clock and no timers unless a test asks: nothing here reads the wall clock or waits.
  const store = await HistoryStore.open(dataDir, {
    now: () => DAY0,
    flushIntervalMs: 0,
    compactionIntervalMs: 0,
    ...options,
  });
  opened.push(store);
  return store;
}

function seriesDir(subject: string, field: string): string {
  return join(dataDir, 'history', subject, field);
}

async function segmentFiles(subject: string, field: string): Promise<string[]> {
  return (await readdir(seriesDir(subject, field))).sort();
}

const list = (a: Float64Array): number[] => Array.from(a);

/** Interval timers the test fires by hand. */
function manualTimers() {
  const intervals = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  return {
    timers: {
      setInterval(callback: () => void, ms: number): unknown {
        intervals.set(++next, { callback, ms });
        return next;
      },
      clearInterval(handle: unknown): void {
        intervals.delete(handle as number);
      },
    },
    /** The periods of the intervals set and not cleared. */
    cadences: () => [...intervals.values()].map((i) => i.ms),
    /** Runs every interval of this period once, as its time coming round would. */
    fire(ms: number): void {
      for (const i of [...intervals.values()]) if (i.ms === ms) i.callback();
    },
  };
}

describe('appending and reading', () => {
  it('reads back appended points in order, before and after they are flushed', async () => {
    const store = await openStore();
    const points = [0, 1, 2, 3, 4].map((i) => ({ t: DAY0 + i * 15_000, v: 0.05 + i / 1000 }));
    for (const p of points) expect(store.append(premium, p.t, p.v)).toBe(true);

    const buffered = await store.read(premium);
    expect(list(buffered.t)).toEqual(points.map((p) => p.t));
    expect(list(buffered.v)).toEqual(points.map((p) => p.v));

    await store.flush();
    const flushed = await store.read(premium);
    expect(list(flushed.t)).toEqual(points.map((p) => p.t));
    expect(list(flushed.v)).toEqual(points.map((p) => p.v));
    const files = await segmentFiles('BTC', 'premium');
    expect(files).toHaveLength(1);
    expect((await stat(join(seriesDir('BTC', 'premium'), files[0] as string))).size).toBe(
      HEADER_BYTES + points.length * RECORD_BYTES,
    );
  });

  it('ignores points at or before the newest time of the series', async () => {
    const store = await openStore();
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
    const store = await openStore();
    store.append(spot, DAY0 + DAY_MS - MIN, 1);
    store.append(spot, DAY0 + DAY_MS, 2);
    store.append(spot, DAY0 + 2 * DAY_MS + MIN, 3);
    await store.flush();
    expect(await segmentFiles('BTC', 'spot')).toHaveLength(3);
    expect(list((await store.read(spot)).v)).toEqual([1, 2, 3]);
  });

  it('keeps funding settlements in one segment per UTC month', async () => {
    const store = await openStore();
    const start = Date.UTC(2026, 0, 20);
    for (let t = start; t < Date.UTC(2026, 2, 1); t += 8 * HOUR_MS)
      store.append(funding, t, 0.0001);
    await store.flush();
    expect(await segmentFiles('BTCUSDT', 'funding')).toHaveLength(2);
    expect((await store.read(funding)).t.length).toBe(
      (Date.UTC(2026, 2, 1) - start) / (8 * HOUR_MS),
    );
  });

  it('keeps every series in its own folder and lists them', async () => {
    const store = await openStore();
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
    expect(await readdir(join(dataDir, 'history'))).toEqual(
      expect.arrayContaining(['BTC', 'BTCUSDT', 'BTC~2FUSDT~3AUSDT']),
    );
  });

  it('keeps everything across close and reopen', async () => {
    const first = await openStore();
    for (let i = 0; i < 100; i++) first.append(premium, DAY0 + i * MIN, i / 100);
    first.append(funding, DAY0 + 8 * HOUR_MS, 0.0001);
    await first.close();
    expect(() => first.append(premium, DAY0 + 200 * MIN, 1)).toThrow(HistoryStoreClosedError);

    const second = await openStore();
    expect(second.last(premium)).toEqual({ t: DAY0 + 99 * MIN, v: 0.99 });
    expect(second.last(funding)).toEqual({ t: DAY0 + 8 * HOUR_MS, v: 0.0001 });
    expect(second.append(premium, DAY0 + 99 * MIN, 5)).toBe(false);
    expect(second.append(premium, DAY0 + 100 * MIN, 1)).toBe(true);
    await second.close();

    const third = await openStore();
    const data = await third.read(premium);
    expect(data.t.length).toBe(101);
    expect(data.v[100]).toBe(1);
  });

  it('keeps points appended while a flush is writing', async () => {
    const store = await openStore();
    for (let i = 0; i < 1000; i++) store.append(spot, DAY0 + i * 1000, i);
    const writing = store.flush();
    for (let i = 1000; i < 1500; i++) store.append(spot, DAY0 + i * 1000, i);
    await writing;
    await store.close();
    const reopened = await openStore();
    const data = await reopened.read(spot);
    expect(list(data.v)).toEqual(Array.from({ length: 1500 }, (_, i) => i));
  });

  it('flushes on its own at the configured cadence', async () => {
    const manual = manualTimers();
    const store = await openStore({ flushIntervalMs: 20, timers: manual.timers });
    expect(manual.cadences()).toEqual([20]);
    store.append(spot, DAY0, 42);
    await expect(segmentFiles('BTC', 'spot')).rejects.toThrow();

    manual.fire(20);
    // Reads queue behind writes: once this answers, the flush the timer started is on disk.
    await store.read(spot);
    const files = await segmentFiles('BTC', 'spot');
    const bytes = await readFile(join(seriesDir('BTC', 'spot'), files[0] as string));
    expect(bytes.length).toBe(HEADER_BYTES + RECORD_BYTES);
    expect(bytes.readDoubleLE(HEADER_BYTES + 8)).toBe(42);

    await store.close();
    expect(manual.cadences()).toEqual([]);
  });

  it('compacts on its own at the configured cadence', async () => {
    const manual = manualTimers();
    const store = await openStore({
      now: () => DAY0 + 40 * DAY_MS,
      compactionIntervalMs: HOUR_MS,
      timers: manual.timers,
    });
    store.append(premium, DAY0, 0.1);
    store.append(premium, DAY0 + 35 * DAY_MS, 0.2);
    await store.flush();
    manual.fire(HOUR_MS);
    await store.read(premium);
    const files = await segmentFiles('BTC', 'premium');
    expect(files.filter((f) => f.endsWith('.hourly'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.raw'))).toHaveLength(1);
  });
});

describe('append-only writes', () => {
  it('only ever adds bytes to the end of the segment being appended to', async () => {
    const store = await openStore();
    let t = DAY0;
    const snapshots: Buffer[] = [];
    let inode: number | undefined;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 50; i++) store.append(premium, (t += 15_000), Math.sin(t));
      await store.flush();
      const [file] = await segmentFiles('BTC', 'premium');
      const path = join(seriesDir('BTC', 'premium'), file as string);
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
    const store = await openStore();
    store.append(spot, DAY0, 1);
    await store.flush();
    // A folder where the next day's segment file would go makes its write fail.
    const blocker = join(
      seriesDir('BTC', 'spot'),
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
    const reopened = await openStore();
    expect(list((await reopened.read(spot)).v)).toEqual([1, 2, 3]);
  });
});

describe('crash recovery', () => {
  async function writeSeries(count: number): Promise<string> {
    const store = await openStore();
    for (let i = 0; i < count; i++) store.append(premium, DAY0 + i * MIN, i);
    await store.close();
    const [file] = await segmentFiles('BTC', 'premium');
    return join(seriesDir('BTC', 'premium'), file as string);
  }

  it('drops a torn last record and keeps everything before it', async () => {
    const path = await writeSeries(10);
    // Half a record, as a crash in the middle of a write leaves it.
    const half = Buffer.alloc(RECORD_BYTES);
    half.writeDoubleLE(DAY0 + 10 * MIN, 0);
    half.writeDoubleLE(10, 8);
    await appendFile(path, half.subarray(0, 11));

    const store = await openStore();
    expect((await stat(path)).size).toBe(HEADER_BYTES + 10 * RECORD_BYTES);
    expect(store.last(premium)).toEqual({ t: DAY0 + 9 * MIN, v: 9 });
    expect(store.append(premium, DAY0 + 10 * MIN, 10)).toBe(true);
    await store.close();

    const reopened = await openStore();
    const data = await reopened.read(premium);
    expect(list(data.t)).toEqual(Array.from({ length: 11 }, (_, i) => DAY0 + i * MIN));
    expect(list(data.v)).toEqual(Array.from({ length: 11 }, (_, i) => i));
  });

  it('drops zero-filled records a crash left at the end of a file', async () => {
    const path = await writeSeries(600);
    await appendFile(path, Buffer.alloc(4 * RECORD_BYTES));
    const store = await openStore();
    expect((await stat(path)).size).toBe(HEADER_BYTES + 600 * RECORD_BYTES);
    expect((await store.read(premium)).t.length).toBe(600);
  });

  it('drops a segment whose header was torn before any record was written', async () => {
    await writeSeries(3);
    const torn = join(
      seriesDir('BTC', 'premium'),
      `${String(DAY0 + DAY_MS).padStart(16, '0')}.raw`,
    );
    await writeFile(torn, Buffer.from('PRMH'));
    const store = await openStore();
    expect(await segmentFiles('BTC', 'premium')).toHaveLength(1);
    expect(store.last(premium)).toEqual({ t: DAY0 + 2 * MIN, v: 2 });
    expect(store.append(premium, DAY0 + DAY_MS + MIN, 7)).toBe(true);
    await store.flush();
    expect(list((await store.read(premium)).v)).toEqual([0, 1, 2, 7]);
  });

  it('removes half-written temporary files', async () => {
    await writeSeries(3);
    const temp = join(seriesDir('BTC', 'premium'), 'anything.raw.123.tmp');
    await writeFile(temp, 'partial');
    await openStore();
    expect(await segmentFiles('BTC', 'premium')).not.toContain('anything.raw.123.tmp');
  });
});

describe('compaction to hourly beyond 30 days', () => {
  // Forty days of points every 15 minutes, the clock at the end of day 40.
  const days = 40;
  const step = 15 * MIN;
  const now = DAY0 + days * DAY_MS;
  const valueAt = (t: number): number => (t - DAY0) / step;

  async function fill(store: HistoryStore, key = premium): Promise<void> {
    for (let t = DAY0; t < now; t += step) store.append(key, t, valueAt(t));
    await store.flush();
  }

  it('averages premiums per hour and stamps them at the hour for days older than 30 days', async () => {
    const store = await openStore({ now: () => now });
    await fill(store);
    const report = await store.compact();
    expect(report.segments).toBe(10);

    const cutoff = now - 30 * DAY_MS;
    const old = await store.read(premium, { to: cutoff - 1 });
    expect(old.t.length).toBe(10 * 24);
    for (let i = 0; i < old.t.length; i++) {
      const hour = DAY0 + i * HOUR_MS;
      expect(old.t[i]).toBe(hour);
      // The four quarter-hour samples of the hour average to the value at its middle.
      expect(old.v[i]).toBeCloseTo((valueAt(hour) * 4 + 6) / 4, 12);
    }
    const recent = await store.read(premium, { from: cutoff });
    expect(recent.t.length).toBe(30 * 24 * 4);
    expect(recent.t[0]).toBe(cutoff);
  });

  it('keeps the last price of each hour at its own time', async () => {
    const store = await openStore({ now: () => now });
    await fill(store, spot);
    await store.compact();
    const old = await store.read(spot, { to: DAY0 + DAY_MS - 1 });
    expect(list(old.t)).toEqual(
      Array.from({ length: 24 }, (_, h) => DAY0 + h * HOUR_MS + 45 * MIN),
    );
    expect(list(old.v)).toEqual(
      Array.from({ length: 24 }, (_, h) => valueAt(DAY0 + h * HOUR_MS + 45 * MIN)),
    );
  });

  it('leaves funding settlements as they are', async () => {
    const store = await openStore({ now: () => now });
    for (let t = DAY0; t < now; t += 8 * HOUR_MS) store.append(funding, t, 0.0001);
    await store.flush();
    const before = await segmentFiles('BTCUSDT', 'funding');
    expect((await store.compact()).segments).toBe(0);
    expect(await segmentFiles('BTCUSDT', 'funding')).toEqual(before);
    expect((await store.read(funding)).t.length).toBe(days * 3);
  });

  it('is idempotent and never touches the segment being appended to', async () => {
    let clock = now;
    const store = await openStore({ now: () => clock });
    // Appends stopped 35 days ago: the newest segment is old but still the one appends go to.
    const stop = DAY0 + 5 * DAY_MS;
    for (let t = DAY0; t < stop; t += step) store.append(premium, t, valueAt(t));
    await store.flush();
    const files = await segmentFiles('BTC', 'premium');
    const newest = join(seriesDir('BTC', 'premium'), files.at(-1) as string);
    const newestBytes = await readFile(newest);

    expect((await store.compact()).segments).toBe(4);
    const afterFirst = await segmentFiles('BTC', 'premium');
    const hourlyFile = afterFirst.find((f) => f.endsWith('.hourly')) as string;
    const hourlyBytes = await readFile(join(seriesDir('BTC', 'premium'), hourlyFile));
    expect((await readFile(newest)).equals(newestBytes)).toBe(true);

    clock += 7 * DAY_MS;
    expect(await store.compact()).toEqual({ segments: 0, months: 0 });
    expect(await segmentFiles('BTC', 'premium')).toEqual(afterFirst);
    expect(
      (await readFile(join(seriesDir('BTC', 'premium'), hourlyFile))).equals(hourlyBytes),
    ).toBe(true);
    expect(store.append(premium, stop, 1)).toBe(true);
  });

  it('recovers from a compaction interrupted before it removed its inputs', async () => {
    const store = await openStore({ now: () => now });
    await fill(store);
    const dir = seriesDir('BTC', 'premium');
    const rawBefore = (await segmentFiles('BTC', 'premium')).slice(0, 3);
    const saved = join(dataDir, 'saved');
    await mkdir(saved);
    for (const f of rawBefore) await copyFile(join(dir, f), join(saved, f));
    await store.compact();
    const expected = await store.read(premium);
    await store.close();

    // Put the inputs back and add an older hourly file, as a crash between the rename and the
    // removals leaves them.
    for (const f of rawBefore) await copyFile(join(saved, f), join(dir, f));
    const hourly = (await segmentFiles('BTC', 'premium')).find((f) =>
      f.endsWith('.hourly'),
    ) as string;
    const older = hourly.replace(
      /-(\d{16})\.hourly$/,
      `-${String(DAY0 + DAY_MS).padStart(16, '0')}.hourly`,
    );
    await copyFile(join(dir, hourly), join(dir, older));

    const reopened = await openStore({ now: () => now });
    const files = await segmentFiles('BTC', 'premium');
    expect(files.filter((f) => f.endsWith('.hourly'))).toEqual([hourly]);
    for (const f of rawBefore) expect(files).not.toContain(f);
    const data = await reopened.read(premium);
    expect(list(data.t)).toEqual(list(expected.t));
    expect(list(data.v)).toEqual(list(expected.v));
  });
});

describe('importing older data', () => {
  const now = DAY0 + 400 * DAY_MS;
  const yearAgo = now - 365 * DAY_MS;

  it('merges older points without touching newer data, then appends continue', async () => {
    const store = await openStore({ now: () => now });
    for (let i = 0; i < 20; i++) store.append(spot, now + i * MIN, 1000 + i);
    await store.flush();
    const [live] = await segmentFiles('BTC', 'spot');
    const livePath = join(seriesDir('BTC', 'spot'), live as string);
    const liveBytes = await readFile(livePath);

    // A year of hourly prices, overlapping the live data at the end.
    const history = [];
    for (let t = yearAgo; t <= now + 10 * MIN; t += HOUR_MS) history.push({ t, v: t / HOUR_MS });
    const taken = await store.importSeries(spot, history);
    expect(taken).toBe(history.filter((p) => p.t < now).length);
    expect((await readFile(livePath)).equals(liveBytes)).toBe(true);

    const data = await store.read(spot);
    expect(data.t.length).toBe(taken + 20);
    for (let i = 1; i < data.t.length; i++)
      expect(data.t[i]).toBeGreaterThan(data.t[i - 1] as number);
    expect(data.t[taken]).toBe(now);
    expect(store.last(spot)).toEqual({ t: now + 19 * MIN, v: 1019 });

    expect(store.append(spot, now + 20 * MIN, 2000)).toBe(true);
    await store.close();
    const reopened = await openStore({ now: () => now });
    const all = await reopened.read(spot);
    expect(all.t.length).toBe(taken + 21);
    expect(all.v[all.v.length - 1]).toBe(2000);
  });

  it('thins imported days older than 30 days to hourly files by month', async () => {
    const store = await openStore({ now: () => now });
    const history = [];
    for (let t = yearAgo; t < now; t += 15 * MIN) history.push({ t, v: 1 });
    await store.importSeries(premium, history);
    const files = await segmentFiles('BTC', 'premium');
    const hourly = files.filter((f) => f.endsWith('.hourly'));
    const raw = files.filter((f) => f.endsWith('.raw'));
    expect(hourly.length).toBeGreaterThanOrEqual(12);
    expect(hourly.length).toBeLessThanOrEqual(13);
    expect(raw.length).toBeLessThanOrEqual(31);
    const old = await store.read(premium, { to: now - 31 * DAY_MS });
    expect(old.t.length).toBe((now - 31 * DAY_MS - yearAgo) / HOUR_MS + 1);
  });

  it('imports nothing twice', async () => {
    const store = await openStore({ now: () => now });
    const page = Array.from({ length: 90 }, (_, i) => ({ t: yearAgo + i * 8 * HOUR_MS, v: i }));
    expect(await store.importSeries(funding, page)).toBe(90);
    expect(await store.importSeries(funding, page)).toBe(0);
    expect(await store.importSeries(funding, page.slice(10, 40))).toBe(0);
    const data = await store.read(funding);
    expect(list(data.v)).toEqual(page.map((p) => p.v));
    expect(store.last(funding)).toEqual({ t: yearAgo + 89 * 8 * HOUR_MS, v: 89 });
  });

  it('fills the gap between earlier imports and live data page by page', async () => {
    const store = await openStore({ now: () => now });
    store.append(funding, now, 99);
    const all = Array.from({ length: 60 }, (_, i) => ({ t: now - (60 - i) * 8 * HOUR_MS, v: i }));
    expect(await store.importSeries(funding, all.slice(0, 20))).toBe(20);
    expect(await store.importSeries(funding, all.slice(20, 40).reverse())).toBe(20);
    expect(await store.importSeries(funding, all.slice(35, 60))).toBe(20);
    const data = await store.read(funding);
    expect(list(data.v)).toEqual([...all.map((p) => p.v), 99]);
  });

  it('adds imported hours missing from a month already thinned to hourly', async () => {
    const store = await openStore({ now: () => now });
    const start = now - 60 * DAY_MS;
    const first = [];
    for (let t = start; t < now; t += 30 * MIN) first.push({ t: t + 20 * DAY_MS, v: 2 });
    // Days 20..60 ago stored and the old ones thinned; then the older 20 days arrive.
    await store.importSeries(
      premium,
      first.filter((p) => p.t < now),
    );
    const earlier = [];
    for (let t = start; t < start + 20 * DAY_MS; t += 30 * MIN) earlier.push({ t, v: 1 });
    const taken = await store.importSeries(premium, earlier);
    expect(taken).toBe(earlier.length);
    const old = await store.read(premium, { to: start + 20 * DAY_MS - 1 });
    expect(old.t.length).toBe(20 * 24);
    expect(list(old.v).every((v) => v === 1)).toBe(true);
  });
});

describe('reading a range', () => {
  async function minuteSeries(): Promise<HistoryStore> {
    const store = await openStore();
    for (let i = 0; i < 3 * 24 * 60; i++) store.append(premium, DAY0 + i * MIN, Math.sin(i / 50));
    await store.flush();
    return store;
  }

  it('returns the points between from and to, both included', async () => {
    const store = await minuteSeries();
    const data = await store.read(premium, {
      from: DAY0 + DAY_MS - 2 * MIN,
      to: DAY0 + DAY_MS + 2 * MIN,
    });
    expect(list(data.t)).toEqual([-2, -1, 0, 1, 2].map((i) => DAY0 + DAY_MS + i * MIN));
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
    const store = await openStore();
    const data = await store.read(seriesKey('ETH', 'basis'));
    expect(data.t.length).toBe(0);
    expect(store.last(seriesKey('ETH', 'basis'))).toBeNull();
  });
});

describe('damage anywhere in the history', () => {
  const DAYS = 4;
  const PER_DAY = 96;
  const step = 15 * MIN;
  const times = Array.from({ length: DAYS * PER_DAY }, (_, i) => DAY0 + i * step);

  /** Four days of spot prices, one segment per day, and the path of each segment oldest first. */
  async function fourDays(): Promise<string[]> {
    const store = await openStore();
    times.forEach((t, i) => store.append(spot, t, 100 + i));
    await store.close();
    return (await segmentFiles('BTC', 'spot'))
      .filter((f) => f.endsWith('.raw'))
      .map((f) => join(seriesDir('BTC', 'spot'), f));
  }

  /** Overwrites 8 bytes of record `index` of a segment: its time (at 0) or its value (at 8). */
  async function spoil(path: string, index: number, at: 0 | 8, value: number): Promise<void> {
    const bytes = await readFile(path);
    bytes.writeDoubleLE(value, HEADER_BYTES + index * RECORD_BYTES + at);
    await writeFile(path, bytes);
  }

  async function reopen(): Promise<{ store: HistoryStore; notices: NoticeBoard }> {
    const notices = new NoticeBoard();
    const store = await openStore({ notices, now: () => DAY0 + 10 * DAY_MS });
    return { store, notices };
  }

  it('drops only a record whose time is absurd in an older file, keeping every later point', async () => {
    const [oldest] = await fourDays();
    await spoil(oldest as string, 10, 0, 1e300);
    const { store, notices } = await reopen();

    const data = await store.read(spot);
    const expected = times.filter((_, i) => i !== 10);
    expect(list(data.t)).toEqual(expected);
    expect(data.v[10]).toBe(100 + 11);
    expect(store.last(spot)).toEqual({ t: times.at(-1), v: 100 + times.length - 1 });

    const [notice, ...others] = notices.list();
    expect(others).toEqual([]);
    expect(notice).toMatchObject({ level: 'warning', at: DAY0 + 10 * DAY_MS });
    expect(notice!.message).toContain('Spot price of BTC: 1 damaged record dropped');
    expect(notice!.message).toContain('2026-01-01');
    expect(notice!.message).toContain(`${oldest}.damaged`);
    // The damaged file as it was is kept beside the repaired one.
    const copy = await readFile(`${oldest}.damaged`);
    expect(copy.readDoubleLE(HEADER_BYTES + 10 * RECORD_BYTES)).toBe(1e300);
  });

  it('drops only a record whose time jumped ahead within its day', async () => {
    const files = await fourDays();
    await spoil(files[1] as string, 5, 0, DAY0 + 2 * DAY_MS - 1);
    const { store, notices } = await reopen();
    const data = await store.read(spot);
    expect(list(data.t)).toEqual(times.filter((_, i) => i !== PER_DAY + 5));
    expect(notices.list()[0]!.message).toContain(
      '1 damaged record dropped (in the file of 2026-01-02)',
    );
  });

  it('drops a record whose value is not a number, in any file, and says how many in all', async () => {
    const files = await fourDays();
    await spoil(files[0] as string, 3, 8, NaN);
    await spoil(files[2] as string, 50, 8, Infinity);
    const { store, notices } = await reopen();
    expect((await store.read(spot)).t.length).toBe(times.length - 2);
    expect(notices.list()[0]!.message).toContain(
      '2 damaged records dropped (in files of 2026-01-01 to 2026-01-03)',
    );
  });

  it('keeps the good records after a damaged one in the newest file, and appends after them', async () => {
    const files = await fourDays();
    const newest = files.at(-1) as string;
    await spoil(newest, 5, 0, NaN);
    const { store, notices } = await reopen();

    const data = await store.read(spot);
    expect(data.t.length).toBe(times.length - 1);
    expect(store.last(spot)).toEqual({ t: times.at(-1), v: 100 + times.length - 1 });
    expect(notices.list()[0]!.message).toContain(
      '1 damaged record dropped (in the file of 2026-01-04)',
    );
    expect((await stat(newest)).size).toBe(HEADER_BYTES + (PER_DAY - 1) * RECORD_BYTES);

    const next = (times.at(-1) as number) + step;
    expect(store.append(spot, next, 1)).toBe(true);
    await store.close();
    const again = await reopen();
    const after = await again.store.read(spot);
    expect(after.t.length).toBe(times.length);
    expect(after.t[after.t.length - 1]).toBe(next);
    expect(again.notices.list()).toEqual([]);
  });

  it('keeps the good records after garbage that shifted them off the record grid', async () => {
    const files = await fourDays();
    const newest = files.at(-1) as string;
    const bytes = await readFile(newest);
    const cut = HEADER_BYTES + 20 * RECORD_BYTES;
    const garbage = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x13, 0x37, 0x42]);
    await writeFile(newest, Buffer.concat([bytes.subarray(0, cut), garbage, bytes.subarray(cut)]));
    const { store, notices } = await reopen();

    const data = await store.read(spot);
    expect(list(data.t)).toEqual(times);
    expect(notices.list()[0]!.message).toContain('7 stray bytes cut out');
  });

  it('keeps the good records after whole records of garbage at the end of a file', async () => {
    const files = await fourDays();
    const oldest = files[0] as string;
    const garbage = Buffer.alloc(3 * RECORD_BYTES, 0x5a);
    await appendFile(oldest, garbage);
    const { store, notices } = await reopen();

    expect(list((await store.read(spot)).t)).toEqual(times);
    expect(notices.list()[0]!.message).toContain('3 damaged records dropped');
    expect((await stat(oldest)).size).toBe(HEADER_BYTES + PER_DAY * RECORD_BYTES);
  });

  it('says nothing about a torn or zero-filled tail, which is what a crash leaves', async () => {
    const files = await fourDays();
    await appendFile(files.at(-1) as string, Buffer.alloc(3 * RECORD_BYTES + 5));
    const { store, notices } = await reopen();
    expect(list((await store.read(spot)).t)).toEqual(times);
    expect(notices.list()).toEqual([]);
  });

  it('moves a file of another format aside and says so, keeping the other days', async () => {
    const files = await fourDays();
    await writeFile(files[1] as string, Buffer.alloc(HEADER_BYTES + RECORD_BYTES, 0x41));
    const { store, notices } = await reopen();
    expect((await store.read(spot)).t.length).toBe(times.length - PER_DAY);
    expect(notices.list()[0]!.message).toContain(`moved aside to ${files[1]}.bad`);
    expect((await stat(`${files[1]}.bad`)).size).toBe(HEADER_BYTES + RECORD_BYTES);
  });
});

describe('an hourly file that is not one', () => {
  it('keeps the raw days it would have stood for instead of removing them as compacted', async () => {
    const store = await openStore({ now: () => DAY0 + 40 * DAY_MS });
    for (let i = 0; i < 3 * 24; i++) store.append(premium, DAY0 + i * HOUR_MS, i);
    await store.close();
    const dir = seriesDir('BTC', 'premium');
    // As if a compaction had written the month's file and stopped, but the file is not history.
    const fake = join(
      dir,
      `${String(DAY0).padStart(16, '0')}-${String(DAY0 + 2 * DAY_MS).padStart(16, '0')}.hourly`,
    );
    await writeFile(fake, Buffer.alloc(64, 0x20));
    const notices = new NoticeBoard();
    const reopened = await openStore({ notices });
    expect((await reopened.read(premium)).t.length).toBe(3 * 24);
    expect(notices.list()[0]!.message).toContain(`moved aside to ${fake}.bad`);
  });
});

describe('a folder where a history file belongs', () => {
  it('skips a folder named like a segment, keeps the series and says so', async () => {
    const first = await openStore();
    for (let i = 0; i < 10; i++) first.append(spot, DAY0 + i * MIN, i);
    await first.close();
    const folder = join(seriesDir('BTC', 'spot'), `${String(DAY0 + DAY_MS).padStart(16, '0')}.raw`);
    await mkdir(folder);
    const notices = new NoticeBoard();
    const store = await openStore({ notices });

    expect((await store.read(spot)).t.length).toBe(10);
    expect(store.has(spot)).toBe(true);
    expect(notices.list()[0]!.message).toContain(
      `${folder} is a folder where a history file belongs`,
    );
    expect((await stat(folder)).isDirectory()).toBe(true);
  });

  it('leaves a folder named like a temporary file alone instead of failing the series', async () => {
    const first = await openStore();
    first.append(spot, DAY0, 1);
    await first.close();
    const folder = join(seriesDir('BTC', 'spot'), 'x.raw.1.tmp');
    await mkdir(folder);
    const store = await openStore();
    expect(list((await store.read(spot)).v)).toEqual([1]);
    expect((await stat(folder)).isDirectory()).toBe(true);
  });

  it('reports a file where a series folder belongs and goes on with the other series', async () => {
    const first = await openStore();
    first.append(spot, DAY0, 1);
    first.append(premium, DAY0, 0.1);
    await first.close();
    await rm(seriesDir('BTC', 'premium'), { recursive: true });
    await writeFile(seriesDir('BTC', 'premium'), 'not a folder');
    const notices = new NoticeBoard();
    const store = await openStore({ notices });

    expect(list((await store.read(spot)).v)).toEqual([1]);
    const message = notices.list()[0]!.message;
    expect(message).toContain('Signal premium (annualized) of BTC could not be opened');
    expect(message).toContain(
      `${seriesDir('BTC', 'premium')} is a file where Premia keeps a folder`,
    );
    expect(store.append(premium, DAY0 + MIN, 0.2)).toBe(false);
    expect(await readFile(seriesDir('BTC', 'premium'), 'utf8')).toBe('not a folder');
  });

  it('reports a file where an asset folder belongs and records nothing for that asset', async () => {
    await mkdir(join(dataDir, 'history'), { recursive: true });
    await writeFile(join(dataDir, 'history', 'ETH'), 'not a folder');
    const notices = new NoticeBoard();
    const store = await openStore({ notices });
    expect(notices.list()[0]!.message).toContain(
      `The history of ETH could not be opened: ${join(dataDir, 'history', 'ETH')} is a file where Premia keeps a folder`,
    );
    expect(store.append(seriesKey('ETH', 'spot'), DAY0, 1)).toBe(false);
    expect(store.append(spot, DAY0, 1)).toBe(true);
    await store.close();
  });

  it('refuses a history folder that is a file, in words', async () => {
    await writeFile(join(dataDir, 'history'), 'x');
    await expect(openStore()).rejects.toMatchObject({
      code: 'unavailable',
      message: `Premia cannot open its market history: ${join(dataDir, 'history')} is a file where Premia expects a folder (EEXIST).`,
    });
  });
});
