import { appendFile, mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { JOURNAL_FILE, openJournal, type JournalHandle, type JournalOptions } from './journal';
import { orderChange, record, transferChange } from './journal-testing';

let dir: string;
let clock: number;
const now = (): number => clock;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-journal-'));
  clock = Date.UTC(2025, 0, 2, 3, 4, 5);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const journalPath = (): string => join(dir, JOURNAL_FILE);
const fileLines = async (): Promise<string[]> =>
  (await readFile(journalPath(), 'utf8')).split('\n').filter((l) => l !== '');
const line = (change = orderChange(), at = 1_000): string =>
  `${JSON.stringify(record(change, at))}\n`;
const open_ = (more: Partial<JournalOptions> = {}) => openJournal({ dataDir: dir, now, ...more });

describe('the execution journal', () => {
  it('writes each record as one stamped JSON line and folds it into the latest state', async () => {
    const journal = await open_();
    const result = await journal.append(orderChange());
    expect(result).toMatchObject({ applied: true, entry: { status: 'intent', firstAt: clock } });
    expect((await fileLines()).map((l) => JSON.parse(l))).toEqual([record(orderChange(), clock)]);
    await journal.close();
  });

  it('keeps every record of many appends asked at once, in the order they were asked', async () => {
    const journal = await open_();
    const changes = Array.from({ length: 200 }, (_, i) =>
      orderChange({ clientOrderId: `pm-plan1-${i}-0`, step: i }),
    );
    await Promise.all(changes.map((c) => journal.append(c)));
    const written = (await fileLines()).map((l) => JSON.parse(l).clientOrderId as string);
    expect(written).toEqual(changes.map((c) => c.clientOrderId));
    expect(journal.entries().map((e) => e.clientOrderId)).toEqual(written);
    await journal.close();
  });

  it('reopens after close on the same state, entries in the order each was first journaled', async () => {
    const journal = await open_();
    await journal.append(orderChange());
    await journal.append(transferChange());
    clock += 10;
    await journal.append(orderChange({ status: 'sent' }));
    await journal.append(orderChange({ clientOrderId: 'pm-other-0-0', planId: 'other' }));
    const before = journal.entries();
    await journal.close();

    const reopened = await open_();
    expect(reopened.notice).toBeNull();
    expect(reopened.entries()).toEqual(before);
    expect(reopened.entries().map((e) => [e.clientOrderId, e.status])).toEqual([
      ['pm-plan1-0-0', 'sent'],
      ['pm-plan1-1-0', 'intent'],
      ['pm-other-0-0', 'intent'],
    ]);
    expect(reopened.byPlan('other').map((e) => e.clientOrderId)).toEqual(['pm-other-0-0']);
    await reopened.close();
  });

  it('lists as not final only what may still be live on the venue', async () => {
    const journal = await open_();
    await journal.append(orderChange({ clientOrderId: 'a', status: 'sent' }));
    await journal.append(
      orderChange({ clientOrderId: 'b', status: 'filled', filled: 0.5, price: 9, live: false }),
    );
    await journal.append(
      orderChange({ clientOrderId: 'c', status: 'partially-filled', filled: 0.1, price: 9 }),
    );
    await journal.append(
      orderChange({
        clientOrderId: 'd',
        status: 'partially-filled',
        filled: 0.1,
        price: 9,
        live: false,
      }),
    );
    expect(journal.nonFinal().map((e) => e.clientOrderId)).toEqual(['a', 'c']);
    await journal.close();
  });

  it('keeps a late duplicate in the file but does not let it move the order back, then or after reopening', async () => {
    const journal = await open_();
    await journal.append(orderChange());
    await journal.append(orderChange({ status: 'acknowledged', orderId: 'v1' }));
    const late = await journal.append(orderChange({ status: 'sent' }));
    expect(late).toMatchObject({ applied: false, entry: { status: 'acknowledged' } });
    expect(await fileLines()).toHaveLength(3);
    await journal.close();

    const reopened = await open_();
    expect(reopened.entries().map((e) => e.status)).toEqual(['acknowledged']);
    expect(reopened.notice).toBeNull();
    await reopened.close();
  });

  it('refuses a record that fails its checks, in words, and writes nothing', async () => {
    const journal = await open_();
    await expect(journal.append(orderChange({ amount: -1 }))).rejects.toThrow(
      'The order journal refused a record for pm-plan1-0-0: amount: Too small',
    );
    await journal.append(orderChange());
    await expect(journal.append(orderChange({ status: 'sent', side: 'sell' }))).rejects.toThrow(
      'it names another order than the one journaled under that id (its side differs)',
    );
    expect(await fileLines()).toHaveLength(1);
    await journal.close();
  });

  it('cuts away a torn last line on opening, and starts the next record on a fresh line', async () => {
    const whole = line(orderChange());
    const torn = line(orderChange({ status: 'sent' })).slice(0, 40);
    await writeFile(journalPath(), whole + torn);

    const logs: string[] = [];
    const logger = createLogger({ write: (l) => logs.push(l), level: 'warn' });
    const journal = await open_({ logger });
    expect(journal.notice).toBeNull();
    expect(journal.entries().map((e) => e.status)).toEqual(['intent']);
    expect(logs.join('')).toContain('cut short by a crash (40 bytes, never confirmed)');
    expect(await readFile(journalPath(), 'utf8')).toBe(whole);

    await journal.append(orderChange({ status: 'sent' }));
    await journal.close();
    const lines = await fileLines();
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!)).toMatchObject({ status: 'sent' });
  });

  it('skips bad lines in the middle, says so once in one notice, and loads every other record', async () => {
    const good = [
      line(orderChange({ clientOrderId: 'a' })),
      line(orderChange({ clientOrderId: 'b' })),
      line(orderChange({ clientOrderId: 'c' })),
    ];
    const content =
      good[0] +
      '{"v":1,"kind":"ord\n' +
      good[1] +
      `${JSON.stringify({ ...record(orderChange()), amount: 'lots' })}\n` +
      `${JSON.stringify({ ...record(orderChange()), v: 2 })}\n` +
      good[2];
    await writeFile(journalPath(), content);

    const journal = await open_();
    expect(journal.entries().map((e) => e.clientOrderId)).toEqual(['a', 'b', 'c']);
    expect(journal.notice).toBe(
      `3 lines of the order journal ${journalPath()} could not be read and were skipped: ` +
        'line 2 (not a JSON record), ' +
        'line 4 (not a journal record (amount: Invalid input: expected number, received string)), ' +
        'line 5 (written by a newer Premia (record version 2)). ' +
        'Every other record was loaded, and the file was left as it was.',
    );
    await journal.append(orderChange({ clientOrderId: 'd' }));
    await journal.close();
    expect(await readFile(journalPath(), 'utf8')).toBe(
      content + line(orderChange({ clientOrderId: 'd' }), clock),
    );
  });

  it('names a line that reuses a client order id for another order, and keeps the first', async () => {
    await writeFile(
      journalPath(),
      line(orderChange()) + line(orderChange({ status: 'sent', amount: 2 })),
    );
    const journal = await open_();
    expect(journal.entries().map((e) => [e.status, e.amount])).toEqual([['intent', 0.5]]);
    expect(journal.notice).toContain('line 2 (it names another order (its amount differs))');
    await journal.close();
  });

  it('takes back a record whose write failed, says the order must not be sent, and goes on', async () => {
    let failNext = false;
    const openForAppend = async (path: string): Promise<JournalHandle> => {
      const handle = await open(path, 'a');
      return {
        write: (async (bytes: Uint8Array, offset: number, length: number) => {
          if (!failNext) return handle.write(bytes, offset, length);
          failNext = false;
          // Half the record reaches the file before the disk fills up.
          await handle.write(bytes, offset, Math.floor(length / 2));
          throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        }) as JournalHandle['write'],
        datasync: () => handle.datasync(),
        truncate: (len) => handle.truncate(len),
        close: () => handle.close(),
      };
    };
    const journal = await open_({ openForAppend });
    await journal.append(orderChange());
    failNext = true;
    await expect(journal.append(orderChange({ status: 'sent' }))).rejects.toThrow(
      `The order journal could not record pm-plan1-0-0 (sent): ${journalPath()} cannot be written: the disk is full (ENOSPC). Nothing was recorded, so the order must not be sent.`,
    );
    expect(journal.entries().map((e) => e.status)).toEqual(['intent']);
    await journal.append(orderChange({ status: 'sent' }));
    await journal.close();
    expect((await fileLines()).map((l) => JSON.parse(l).status)).toEqual(['intent', 'sent']);
  });

  it('refuses every later record when a failed write cannot be taken back', async () => {
    const openForAppend = async (path: string): Promise<JournalHandle> => {
      const handle = await open(path, 'a');
      return {
        write: (async () => {
          throw Object.assign(new Error('io'), { code: 'EIO' });
        }) as JournalHandle['write'],
        datasync: () => handle.datasync(),
        truncate: async () => {
          throw Object.assign(new Error('io'), { code: 'EIO' });
        },
        close: () => handle.close(),
      };
    };
    const journal = await open_({ openForAppend });
    await expect(journal.append(orderChange())).rejects.toThrow('must not be sent');
    await expect(journal.append(orderChange())).rejects.toThrow(
      'The order journal cannot record anything more: a record could not be written',
    );
    await journal.close();
  });

  it('finishes the appends asked before close, and refuses those asked after', async () => {
    const journal = await open_();
    const pending = [
      journal.append(orderChange()),
      journal.append(orderChange({ status: 'sent' })),
    ];
    await journal.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(2);
    await expect(journal.append(orderChange({ status: 'acknowledged' }))).rejects.toThrow(
      'The order journal is closed; nothing more can be recorded.',
    );
    expect(await fileLines()).toHaveLength(2);
  });

  it('creates the data folder and the file when neither exists yet', async () => {
    const nested = join(dir, 'new', 'folder');
    const journal = await openJournal({ dataDir: nested, now });
    expect(journal.entries()).toEqual([]);
    await journal.append(orderChange());
    await journal.close();
    expect(await readFile(join(nested, JOURNAL_FILE), 'utf8')).toBe(line(orderChange(), clock));
  });

  it('says in words when a file stands where the data folder belongs', async () => {
    await rm(dir, { recursive: true });
    await appendFile(dir, 'a file where the data folder belongs');
    await expect(open_()).rejects.toThrow(
      `The order journal cannot be kept: ${dir} is a file where Premia expects a folder (EEXIST).`,
    );
  });

  it('says in words when a folder stands where the journal file belongs', async () => {
    await mkdir(journalPath());
    await expect(open_()).rejects.toThrow(
      `The order journal cannot be read: ${journalPath()} is a folder where Premia expects a file (EISDIR).`,
    );
  });
});
