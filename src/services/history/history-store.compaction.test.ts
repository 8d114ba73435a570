// The history store thinning old days to hourly points, and merging older history fetched from an
// exchange into what it holds.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/time';
import type { HistoryStore } from './history-store';
import { DAY0, premium, spot, funding, list, historyFolder } from './history-testing';

const testFolder = historyFolder();

describe('compaction to hourly beyond 30 days', () => {
  // Forty days of points every 15 minutes, the clock at the end of day 40.
  const days = 40;
  const step = 15 * MINUTE_MS;
  const now = DAY0 + days * DAY_MS;
  const valueAt = (t: number): number => (t - DAY0) / step;

  async function fill(store: HistoryStore, key = premium): Promise<void> {
    for (let t = DAY0; t < now; t += step) store.append(key, t, valueAt(t));
    await store.flush();
  }

  it('averages premiums per hour and stamps them at the hour for days older than 30 days', async () => {
    const store = await testFolder.openStore({ now: () => now });
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
    const store = await testFolder.openStore({ now: () => now });
    await fill(store, spot);
    await store.compact();
    const old = await store.read(spot, { to: DAY0 + DAY_MS - 1 });
    expect(list(old.t)).toEqual(
      Array.from({ length: 24 }, (_, h) => DAY0 + h * HOUR_MS + 45 * MINUTE_MS),
    );
    expect(list(old.v)).toEqual(
      Array.from({ length: 24 }, (_, h) => valueAt(DAY0 + h * HOUR_MS + 45 * MINUTE_MS)),
    );
  });

  it('leaves funding settlements as they are', async () => {
    const store = await testFolder.openStore({ now: () => now });
    for (let t = DAY0; t < now; t += 8 * HOUR_MS) store.append(funding, t, 0.0001);
    await store.flush();
    const before = await testFolder.segmentFiles('BTCUSDT', 'funding');
    expect((await store.compact()).segments).toBe(0);
    expect(await testFolder.segmentFiles('BTCUSDT', 'funding')).toEqual(before);
    expect((await store.read(funding)).t.length).toBe(days * 3);
  });

  it('is idempotent and never touches the segment being appended to', async () => {
    let clock = now;
    const store = await testFolder.openStore({ now: () => clock });
    // Appends stopped 35 days ago: the newest segment is old but still the one appends go to.
    const stop = DAY0 + 5 * DAY_MS;
    for (let t = DAY0; t < stop; t += step) store.append(premium, t, valueAt(t));
    await store.flush();
    const files = await testFolder.segmentFiles('BTC', 'premium');
    const newest = join(testFolder.seriesDir('BTC', 'premium'), files.at(-1) as string);
    const newestBytes = await readFile(newest);

    expect((await store.compact()).segments).toBe(4);
    const afterFirst = await testFolder.segmentFiles('BTC', 'premium');
    const hourlyFile = afterFirst.find((f) => f.endsWith('.hourly')) as string;
    const hourlyBytes = await readFile(join(testFolder.seriesDir('BTC', 'premium'), hourlyFile));
    expect((await readFile(newest)).equals(newestBytes)).toBe(true);

    clock += 7 * DAY_MS;
    expect(await store.compact()).toEqual({ segments: 0, months: 0 });
    expect(await testFolder.segmentFiles('BTC', 'premium')).toEqual(afterFirst);
    expect(
      (await readFile(join(testFolder.seriesDir('BTC', 'premium'), hourlyFile))).equals(
        hourlyBytes,
      ),
    ).toBe(true);
    expect(store.append(premium, stop, 1)).toBe(true);
  });

  it('recovers from a compaction interrupted before it removed its inputs', async () => {
    const store = await testFolder.openStore({ now: () => now });
    await fill(store);
    const dir = testFolder.seriesDir('BTC', 'premium');
    const rawBefore = (await testFolder.segmentFiles('BTC', 'premium')).slice(0, 3);
    const saved = join(testFolder.dataDir, 'saved');
    await mkdir(saved);
    for (const f of rawBefore) await copyFile(join(dir, f), join(saved, f));
    await store.compact();
    const expected = await store.read(premium);
    await store.close();

    // Put the inputs back and add an older hourly file, as a crash between the rename and the
    // removals leaves them.
    for (const f of rawBefore) await copyFile(join(saved, f), join(dir, f));
    const hourly = (await testFolder.segmentFiles('BTC', 'premium')).find((f) =>
      f.endsWith('.hourly'),
    ) as string;
    const older = hourly.replace(
      /-(\d{16})\.hourly$/,
      `-${String(DAY0 + DAY_MS).padStart(16, '0')}.hourly`,
    );
    await copyFile(join(dir, hourly), join(dir, older));

    const reopened = await testFolder.openStore({ now: () => now });
    const files = await testFolder.segmentFiles('BTC', 'premium');
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
    const store = await testFolder.openStore({ now: () => now });
    for (let i = 0; i < 20; i++) store.append(spot, now + i * MINUTE_MS, 1000 + i);
    await store.flush();
    const [live] = await testFolder.segmentFiles('BTC', 'spot');
    const livePath = join(testFolder.seriesDir('BTC', 'spot'), live as string);
    const liveBytes = await readFile(livePath);

    // A year of hourly prices, overlapping the live data at the end.
    const history = [];
    for (let t = yearAgo; t <= now + 10 * MINUTE_MS; t += HOUR_MS)
      history.push({ t, v: t / HOUR_MS });
    const taken = await store.importSeries(spot, history);
    expect(taken).toBe(history.filter((p) => p.t < now).length);
    expect((await readFile(livePath)).equals(liveBytes)).toBe(true);

    const data = await store.read(spot);
    expect(data.t.length).toBe(taken + 20);
    for (let i = 1; i < data.t.length; i++)
      expect(data.t[i]).toBeGreaterThan(data.t[i - 1] as number);
    expect(data.t[taken]).toBe(now);
    expect(store.last(spot)).toEqual({ t: now + 19 * MINUTE_MS, v: 1019 });

    expect(store.append(spot, now + 20 * MINUTE_MS, 2000)).toBe(true);
    await store.close();
    const reopened = await testFolder.openStore({ now: () => now });
    const all = await reopened.read(spot);
    expect(all.t.length).toBe(taken + 21);
    expect(all.v[all.v.length - 1]).toBe(2000);
  });

  it('thins imported days older than 30 days to hourly files by month', async () => {
    const store = await testFolder.openStore({ now: () => now });
    const history = [];
    for (let t = yearAgo; t < now; t += 15 * MINUTE_MS) history.push({ t, v: 1 });
    await store.importSeries(premium, history);
    const files = await testFolder.segmentFiles('BTC', 'premium');
    const hourly = files.filter((f) => f.endsWith('.hourly'));
    const raw = files.filter((f) => f.endsWith('.raw'));
    expect(hourly.length).toBeGreaterThanOrEqual(12);
    expect(hourly.length).toBeLessThanOrEqual(13);
    expect(raw.length).toBeLessThanOrEqual(31);
    const old = await store.read(premium, { to: now - 31 * DAY_MS });
    expect(old.t.length).toBe((now - 31 * DAY_MS - yearAgo) / HOUR_MS + 1);
  });

  it('imports nothing twice', async () => {
    const store = await testFolder.openStore({ now: () => now });
    const page = Array.from({ length: 90 }, (_, i) => ({ t: yearAgo + i * 8 * HOUR_MS, v: i }));
    expect(await store.importSeries(funding, page)).toBe(90);
    expect(await store.importSeries(funding, page)).toBe(0);
    expect(await store.importSeries(funding, page.slice(10, 40))).toBe(0);
    const data = await store.read(funding);
    expect(list(data.v)).toEqual(page.map((p) => p.v));
    expect(store.last(funding)).toEqual({ t: yearAgo + 89 * 8 * HOUR_MS, v: 89 });
  });

  it('fills the gap between earlier imports and live data page by page', async () => {
    const store = await testFolder.openStore({ now: () => now });
    store.append(funding, now, 99);
    const all = Array.from({ length: 60 }, (_, i) => ({ t: now - (60 - i) * 8 * HOUR_MS, v: i }));
    expect(await store.importSeries(funding, all.slice(0, 20))).toBe(20);
    expect(await store.importSeries(funding, all.slice(20, 40).reverse())).toBe(20);
    expect(await store.importSeries(funding, all.slice(35, 60))).toBe(20);
    const data = await store.read(funding);
    expect(list(data.v)).toEqual([...all.map((p) => p.v), 99]);
  });

  it('adds imported hours missing from a month already thinned to hourly', async () => {
    const store = await testFolder.openStore({ now: () => now });
    const start = now - 60 * DAY_MS;
    const first = [];
    for (let t = start; t < now; t += 30 * MINUTE_MS) first.push({ t: t + 20 * DAY_MS, v: 2 });
    // Days 20..60 ago stored and the old ones thinned; then the older 20 days arrive.
    await store.importSeries(
      premium,
      first.filter((p) => p.t < now),
    );
    const earlier = [];
    for (let t = start; t < start + 20 * DAY_MS; t += 30 * MINUTE_MS) earlier.push({ t, v: 1 });
    const taken = await store.importSeries(premium, earlier);
    expect(taken).toBe(earlier.length);
    const old = await store.read(premium, { to: start + 20 * DAY_MS - 1 });
    expect(old.t.length).toBe(20 * 24);
    expect(list(old.v).every((v) => v === 1)).toBe(true);
  });
});
