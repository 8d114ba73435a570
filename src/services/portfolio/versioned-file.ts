// One versioned JSON document of the portfolio on disk (manual holdings, the last synced holdings),
// through lowdb with an adapter that writes atomically and flushes to the disk, so a crash or a power
// cut leaves the old document or the new one. On opening: a missing file is a first start; a damaged
// one is moved aside under a dated name, never deleted, and the user told; one written by a newer
// Premia is left untouched and nothing is written over it.
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { issueText } from '../../shared/issue-text';
import { PremiaError } from '../../shared/errors';
import { AtomicJsonFile } from '../atomic-json-file';
import { describeFileProblem, moveAside } from '../file-problems';
import { readJsonDocument } from '../json-document';
import { SerialQueue } from '../serial-queue';

export interface VersionedFileOptions<T> {
  dataDir: string;
  /** The file's name in the data folder, e.g. `manual-holdings.json`. */
  name: string;
  /** What the file holds, for people: "your manual holdings". */
  what: string;
  version: number;
  /** The document's body (everything but its version). */
  schema: z.ZodType<T>;
  empty: () => T;
  now: () => number;
  /** Tells the user what was done on opening (a damaged file moved aside, a newer one left alone). */
  tell: (message: string) => void;
}

export interface VersionedFile<T> {
  readonly path: string;
  /** The document as last saved (or as found on opening). */
  current(): T;
  /**
   * Saves the document `change` makes of the current one, then makes it current, and answers with
   * it. Changes run one at a time in call order, each on the result of the one before. A failed
   * write is an `unavailable` PremiaError naming the file and leaves both the file and `current()`
   * as they were; so does an error thrown by `change`.
   */
  update(change: (current: T) => T): Promise<T>;
  /** Waits for queued writes; later saves are refused. */
  close(): Promise<void>;
}

type Found<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; body: T }
  | { kind: 'newer'; version: number }
  | { kind: 'damaged'; reason: string };

async function judge<T>(
  db: Low<unknown>,
  path: string,
  options: VersionedFileOptions<T>,
): Promise<Found<T>> {
  const found = await readJsonDocument(db, path, { newestVersion: options.version });
  if (found.kind !== 'read') return found;
  const doc = found.data as { version?: unknown; body?: unknown } | null;
  if (typeof doc !== 'object' || doc === null || typeof doc.version !== 'number') {
    return { kind: 'damaged', reason: 'it has no version' };
  }
  if (doc.version !== options.version) {
    return { kind: 'damaged', reason: `its version ${doc.version} is not one Premia reads` };
  }
  const parsed = options.schema.safeParse(doc.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    const text = issue ? issueText(issue) : 'is not valid';
    return {
      kind: 'damaged',
      reason: field ? `its entry ${field} ${text}` : `its contents ${text}`,
    };
  }
  return { kind: 'ok', body: parsed.data };
}

/** Opens (and on a first start creates nothing until the first save) one versioned document. */
export async function openVersionedFile<T>(
  options: VersionedFileOptions<T>,
): Promise<VersionedFile<T>> {
  const { dataDir, name, what, version } = options;
  const path = join(dataDir, name);
  const db = new Low<unknown>(new AtomicJsonFile<unknown>(path), null);
  let found: Found<T>;
  try {
    found = await judge(db, path, options);
  } catch (error) {
    throw new PremiaError(
      'unavailable',
      `Premia could not read ${what}: ${describeFileProblem(path, error)}.`,
    );
  }
  let body = options.empty();
  let persistent = true;
  if (found.kind === 'ok') body = found.body;
  if (found.kind === 'newer') {
    persistent = false;
    options.tell(
      `${path} was written by a newer version of Premia (version ${found.version}; this one reads ` +
        `up to ${version}). It is left untouched, ${what} are not shown, and changes to them will ` +
        'not be saved: update Premia to use them.',
    );
  }
  if (found.kind === 'damaged') {
    const stem = name.replace(/\.json$/, '.corrupt');
    const kept = await moveAside(path, dataDir, stem, options.now());
    options.tell(
      `Premia could not read ${what} (${path}): ${found.reason}. The file was kept as ${kept} ` +
        'and Premia started without it.',
    );
  }

  const queue = new SerialQueue();
  let closed = false;
  return {
    path,
    current: () => structuredClone(body),
    update(change) {
      if (closed) {
        return Promise.reject(
          new PremiaError('unavailable', `Premia is closing: ${what} can no longer be changed.`),
        );
      }
      return queue.run(async () => {
        if (!persistent) {
          throw new PremiaError(
            'unavailable',
            `${path} was written by a newer version of Premia, so ${what} cannot be changed here.`,
          );
        }
        const next = change(structuredClone(body));
        db.data = { version, body: next };
        try {
          await db.write();
        } catch (error) {
          throw new PremiaError(
            'unavailable',
            `Premia could not save ${what}: ${describeFileProblem(path, error)}. Nothing was changed.`,
          );
        }
        body = structuredClone(next);
        return structuredClone(next);
      });
    },
    async close() {
      closed = true;
      await queue.idle();
    },
  };
}
