// The history store opening on what a crash, a damaged disk or a stray file left: what it keeps,
// what it drops or moves aside, and what it tells the user.
import { appendFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/time';
import { NoticeBoard } from '../notices';
import type { HistoryStore } from './history-store';
import { HEADER_BYTES, RECORD_BYTES } from './segment-file';
import { seriesKey } from './series-keys';
import { DAY0, premium, spot, list, historyFolder } from './history-testing';

const testFolder = historyFolder();

describe('crash recovery', () => {
  async function writeSeries(count: number): Promise<string> {
    const store = await testFolder.openStore();
    for (let i = 0; i < count; i++) store.append(premium, DAY0 + i * MINUTE_MS, i);
    await store.close();
    const [file] = await testFolder.segmentFiles('BTC', 'premium');
    return join(testFolder.seriesDir('BTC', 'premium'), file as string);
  }

  it('drops a torn last record and keeps everything before it', async () => {
    const path = await writeSeries(10);
    // Half a record, as a crash in the middle of a write leaves it.
    const half = Buffer.alloc(RECORD_BYTES);
    half.writeDoubleLE(DAY0 + 10 * MINUTE_MS, 0);
    half.writeDoubleLE(10, 8);
    await appendFile(path, half.subarray(0, 11));

    const store = await testFolder.openStore();
    expect((await stat(path)).size).toBe(HEADER_BYTES + 10 * RECORD_BYTES);
    expect(store.last(premium)).toEqual({ t: DAY0 + 9 * MINUTE_MS, v: 9 });
    expect(store.append(premium, DAY0 + 10 * MINUTE_MS, 10)).toBe(true);
    await store.close();

    const reopened = await testFolder.openStore();
    const data = await reopened.read(premium);
    expect(list(data.t)).toEqual(Array.from({ length: 11 }, (_, i) => DAY0 + i * MINUTE_MS));
    expect(list(data.v)).toEqual(Array.from({ length: 11 }, (_, i) => i));
  });

  it('drops zero-filled records a crash left at the end of a file', async () => {
    const path = await writeSeries(600);
    await appendFile(path, Buffer.alloc(4 * RECORD_BYTES));
    const store = await testFolder.openStore();
    expect((await stat(path)).size).toBe(HEADER_BYTES + 600 * RECORD_BYTES);
    expect((await store.read(premium)).t.length).toBe(600);
  });

  it('drops a segment whose header was torn before any record was written', async () => {
    await writeSeries(3);
    const torn = join(
      testFolder.seriesDir('BTC', 'premium'),
      `${String(DAY0 + DAY_MS).padStart(16, '0')}.raw`,
    );
    await writeFile(torn, Buffer.from('PRMH'));
    const store = await testFolder.openStore();
    expect(await testFolder.segmentFiles('BTC', 'premium')).toHaveLength(1);
    expect(store.last(premium)).toEqual({ t: DAY0 + 2 * MINUTE_MS, v: 2 });
    expect(store.append(premium, DAY0 + DAY_MS + MINUTE_MS, 7)).toBe(true);
    await store.flush();
    expect(list((await store.read(premium)).v)).toEqual([0, 1, 2, 7]);
  });

  it('removes half-written temporary files', async () => {
    await writeSeries(3);
    const temp = join(testFolder.seriesDir('BTC', 'premium'), 'anything.raw.123.tmp');
    await writeFile(temp, 'partial');
    await testFolder.openStore();
    expect(await testFolder.segmentFiles('BTC', 'premium')).not.toContain('anything.raw.123.tmp');
  });
});

describe('damage anywhere in the history', () => {
  const DAYS = 4;
  const PER_DAY = 96;
  const step = 15 * MINUTE_MS;
  const times = Array.from({ length: DAYS * PER_DAY }, (_, i) => DAY0 + i * step);

  /** Four days of spot prices, one segment per day, and the path of each segment oldest first. */
  async function fourDays(): Promise<string[]> {
    const store = await testFolder.openStore();
    times.forEach((t, i) => store.append(spot, t, 100 + i));
    await store.close();
    return (await testFolder.segmentFiles('BTC', 'spot'))
      .filter((f) => f.endsWith('.raw'))
      .map((f) => join(testFolder.seriesDir('BTC', 'spot'), f));
  }

  /** Overwrites 8 bytes of record `index` of a segment: its time (at 0) or its value (at 8). */
  async function spoil(path: string, index: number, at: 0 | 8, value: number): Promise<void> {
    const bytes = await readFile(path);
    bytes.writeDoubleLE(value, HEADER_BYTES + index * RECORD_BYTES + at);
    await writeFile(path, bytes);
  }

  async function reopen(): Promise<{ store: HistoryStore; notices: NoticeBoard }> {
    const notices = new NoticeBoard();
    const store = await testFolder.openStore({ notices, now: () => DAY0 + 10 * DAY_MS });
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
    const store = await testFolder.openStore({ now: () => DAY0 + 40 * DAY_MS });
    for (let i = 0; i < 3 * 24; i++) store.append(premium, DAY0 + i * HOUR_MS, i);
    await store.close();
    const dir = testFolder.seriesDir('BTC', 'premium');
    // As if a compaction had written the month's file and stopped, but the file is not history.
    const fake = join(
      dir,
      `${String(DAY0).padStart(16, '0')}-${String(DAY0 + 2 * DAY_MS).padStart(16, '0')}.hourly`,
    );
    await writeFile(fake, Buffer.alloc(64, 0x20));
    const notices = new NoticeBoard();
    const reopened = await testFolder.openStore({ notices });
    expect((await reopened.read(premium)).t.length).toBe(3 * 24);
    expect(notices.list()[0]!.message).toContain(`moved aside to ${fake}.bad`);
  });
});

describe('a folder where a history file belongs', () => {
  it('skips a folder named like a segment, keeps the series and says so', async () => {
    const first = await testFolder.openStore();
    for (let i = 0; i < 10; i++) first.append(spot, DAY0 + i * MINUTE_MS, i);
    await first.close();
    const folder = join(
      testFolder.seriesDir('BTC', 'spot'),
      `${String(DAY0 + DAY_MS).padStart(16, '0')}.raw`,
    );
    await mkdir(folder);
    const notices = new NoticeBoard();
    const store = await testFolder.openStore({ notices });

    expect((await store.read(spot)).t.length).toBe(10);
    expect(store.has(spot)).toBe(true);
    expect(notices.list()[0]!.message).toContain(
      `${folder} is a folder where a history file belongs`,
    );
    expect((await stat(folder)).isDirectory()).toBe(true);
  });

  it('leaves a folder named like a temporary file alone instead of failing the series', async () => {
    const first = await testFolder.openStore();
    first.append(spot, DAY0, 1);
    await first.close();
    const folder = join(testFolder.seriesDir('BTC', 'spot'), 'x.raw.1.tmp');
    await mkdir(folder);
    const store = await testFolder.openStore();
    expect(list((await store.read(spot)).v)).toEqual([1]);
    expect((await stat(folder)).isDirectory()).toBe(true);
  });

  it('reports a file where a series folder belongs and goes on with the other series', async () => {
    const first = await testFolder.openStore();
    first.append(spot, DAY0, 1);
    first.append(premium, DAY0, 0.1);
    await first.close();
    await rm(testFolder.seriesDir('BTC', 'premium'), { recursive: true });
    await writeFile(testFolder.seriesDir('BTC', 'premium'), 'not a folder');
    const notices = new NoticeBoard();
    const store = await testFolder.openStore({ notices });

    expect(list((await store.read(spot)).v)).toEqual([1]);
    const message = notices.list()[0]!.message;
    expect(message).toContain('Signal premium (annualized) of BTC could not be opened');
    expect(message).toContain(
      `${testFolder.seriesDir('BTC', 'premium')} is a file where Premia keeps a folder`,
    );
    expect(store.append(premium, DAY0 + MINUTE_MS, 0.2)).toBe(false);
    expect(await readFile(testFolder.seriesDir('BTC', 'premium'), 'utf8')).toBe('not a folder');
  });

  it('reports a file where an asset folder belongs and records nothing for that asset', async () => {
    await mkdir(join(testFolder.dataDir, 'history'), { recursive: true });
    await writeFile(join(testFolder.dataDir, 'history', 'ETH'), 'not a folder');
    const notices = new NoticeBoard();
    const store = await testFolder.openStore({ notices });
    expect(notices.list()[0]!.message).toContain(
      `The history of ETH could not be opened: ${join(testFolder.dataDir, 'history', 'ETH')} is a file where Premia keeps a folder`,
    );
    expect(store.append(seriesKey('ETH', 'spot'), DAY0, 1)).toBe(false);
    expect(store.append(spot, DAY0, 1)).toBe(true);
    await store.close();
  });

  it('refuses a history folder that is a file, in words', async () => {
    await writeFile(join(testFolder.dataDir, 'history'), 'x');
    await expect(testFolder.openStore()).rejects.toMatchObject({
      code: 'unavailable',
      message: `Premia cannot open its market history: ${join(testFolder.dataDir, 'history')} is a file where Premia expects a folder (EEXIST).`,
    });
  });
});
