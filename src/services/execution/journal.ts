// The execution journal: `journal.jsonl` in the data folder, one record per line for every state
// change of every order and transfer, appended and flushed to the disk before `append` resolves, so
// an executor can write its intent and only then send the order. The file is only ever appended to:
// history is never rewritten, and only a torn last line (a write the process did not live to
// finish, whose append never resolved) is cut away on opening.
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { silentLogger, type Logger } from '../logger';
import { describeFileProblem, isMissing } from '../file-problems';
import { SerialQueue } from '../serial-queue';
import { foldRecord, identityConflict } from './journal-fold';
import { scanJournal, skippedNotice, type SkippedLine } from './journal-lines';
import {
  describeRecordProblem,
  isFinal,
  JOURNAL_VERSION,
  journalRecordSchema,
  type JournalChange,
  type JournalEntry,
  type JournalRecord,
} from './journal-record';

export const JOURNAL_FILE = 'journal.jsonl';

/** The few file operations the journal needs: a Node FileHandle has them all. */
export type JournalHandle = Pick<FileHandle, 'write' | 'datasync' | 'truncate' | 'close'>;

export interface JournalOptions {
  dataDir: string;
  now: () => number;
  logger?: Logger;
  /** Opens the file for appending; tests give one that fails on purpose. */
  openForAppend?: (path: string) => Promise<JournalHandle>;
}

export interface AppendResult {
  /** Whether the record moved its order on (false for a late duplicate, which is kept all the same). */
  applied: boolean;
  /** The order's state after the record. */
  entry: JournalEntry;
}

export interface Journal {
  /** Lines skipped on opening, in one sentence for the user; null when every line was read. */
  readonly notice: string | null;
  /** Writes the record, flushed to the disk, then folds it in. Appends run one at a time, in order. */
  append(change: JournalChange): Promise<AppendResult>;
  /** The latest state of every order and transfer, in the order each was first journaled. */
  entries(): JournalEntry[];
  /** Those not over on the venue yet: what a reconciliation must look up. */
  nonFinal(): JournalEntry[];
  byPlan(planId: string): JournalEntry[];
  /** Waits for the appends in flight, then closes the file. */
  close(): Promise<void>;
}

/** Why the journal refused to write a record, in words; nothing was written. */
export class JournalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JournalError';
  }
}

async function readExisting(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isMissing(error)) return null;
    throw new JournalError(
      `The order journal cannot be read: ${describeFileProblem(path, error)}.`,
      {
        cause: error,
      },
    );
  }
}

// A file created anew is only sure to be found after a crash once its folder's entry is flushed too.
// Windows cannot open a folder for that, and flushes it by itself.
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

async function writeAll(handle: JournalHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    done += bytesWritten;
  }
}

export async function openJournal(options: JournalOptions): Promise<Journal> {
  const logger = options.logger ?? silentLogger;
  const path = join(options.dataDir, JOURNAL_FILE);
  const openForAppend = options.openForAppend ?? ((p: string) => open(p, 'a'));
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    throw new JournalError(
      `The order journal cannot be kept: ${describeFileProblem(dirname(path), error)}.`,
      { cause: error },
    );
  }

  const existing = await readExisting(path);
  const existed = existing !== null;
  const scan = scanJournal(existing ?? new Uint8Array());
  const state = new Map<string, JournalEntry>();
  const skipped: SkippedLine[] = [...scan.skipped];
  for (const { line, record } of scan.records) {
    const folded = foldRecord(state.get(record.clientOrderId), record);
    if (folded.applied) state.set(record.clientOrderId, folded.entry);
    else if (identityConflict(folded.entry, record)) skipped.push({ line, problem: folded.why });
    else logger.debug(`journal line ${line} left ${record.clientOrderId} as it was: ${folded.why}`);
  }
  skipped.sort((a, b) => a.line - b.line);

  let handle: JournalHandle;
  try {
    handle = await openForAppend(path);
  } catch (error) {
    const problem = describeFileProblem(path, error);
    throw new JournalError(`The order journal cannot be opened: ${problem}.`, { cause: error });
  }
  // Bytes known to be whole records on the disk; a failed append is cut back to here.
  let size = scan.soundLength;
  if (!existed) {
    // Not fatal: the records themselves are still flushed, only the new file's name is less sure.
    await syncFolder(options.dataDir).catch((error: unknown) =>
      logger.warn(
        `The folder of a new order journal could not be flushed: ${describeFileProblem(options.dataDir, error)}.`,
      ),
    );
  }
  if (scan.tornBytes > 0) {
    try {
      await handle.truncate(size);
      await handle.datasync();
    } catch (error) {
      await handle.close();
      throw new JournalError(
        `The order journal ends in a record cut short by a crash, and it cannot be cut away: ${describeFileProblem(path, error)}.`,
        { cause: error },
      );
    }
    logger.warn(
      `The order journal ended in a record cut short by a crash (${scan.tornBytes} bytes, never confirmed); it was cut away.`,
    );
  }
  const notice = skippedNotice(path, skipped);
  if (notice) logger.warn(notice);

  const queue = new SerialQueue();
  let closed = false;
  // Set when a failed write could not be cut back: appending more would glue onto a broken line.
  let broken: string | null = null;

  const write = async (record: JournalRecord): Promise<void> => {
    const bytes = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    try {
      await writeAll(handle, bytes);
      await handle.datasync();
      size += bytes.length;
    } catch (error) {
      const problem = describeFileProblem(path, error);
      try {
        await handle.truncate(size);
        await handle.datasync();
      } catch (repairError) {
        broken = `a record could not be written (${problem}) nor taken back (${describeFileProblem(path, repairError)})`;
        logger.error(`The order journal is unusable: ${broken}.`);
      }
      throw new JournalError(
        `The order journal could not record ${record.clientOrderId} (${record.status}): ${problem}. Nothing was recorded, so the order must not be sent.`,
        { cause: error },
      );
    }
  };

  const append = (change: JournalChange): Promise<AppendResult> => {
    // Judged when asked, so appends queued before close() still run.
    if (closed) {
      return Promise.reject(
        new JournalError('The order journal is closed; nothing more can be recorded.'),
      );
    }
    return queue.run(async () => {
      if (broken)
        throw new JournalError(`The order journal cannot record anything more: ${broken}.`);
      const parsed = journalRecordSchema.safeParse({
        ...change,
        v: JOURNAL_VERSION,
        at: options.now(),
      });
      if (!parsed.success) {
        throw new JournalError(
          `The order journal refused a record for ${String(change.clientOrderId)}: ${describeRecordProblem(parsed.error)}.`,
        );
      }
      const record = parsed.data;
      const current = state.get(record.clientOrderId);
      const conflict = current ? identityConflict(current, record) : null;
      if (conflict) {
        throw new JournalError(
          `The order journal refused a record for ${record.clientOrderId}: it names another order than the one journaled under that id (its ${conflict} differs).`,
        );
      }
      await write(record);
      const folded = foldRecord(current, record);
      if (!folded.applied) {
        logger.info(`${record.clientOrderId} stays ${folded.entry.status}: ${folded.why}`);
        return { applied: false, entry: { ...folded.entry } };
      }
      state.set(record.clientOrderId, folded.entry);
      return { applied: true, entry: { ...folded.entry } };
    });
  };

  const entries = (): JournalEntry[] => [...state.values()].map((e) => ({ ...e }));

  return {
    notice,
    append,
    entries,
    nonFinal: () => entries().filter((e) => !isFinal(e)),
    byPlan: (planId) => entries().filter((e) => e.planId === planId),
    async close() {
      if (closed) return;
      closed = true;
      await queue.idle();
      await handle.close();
    },
  };
}
