// Reading one JSON document of the data folder through lowdb and judging what was found before its
// contents are checked: nothing there (a first start), damage (a folder in its place, text that is
// not JSON) or, for a versioned document, one written by a newer Premia. Each store then checks the
// contents against its own schema and words what it tells the user.
import { stat } from 'node:fs/promises';
import type { Low } from 'lowdb';
import { isMissing, pathExists } from './file-problems';

export type FoundDocument =
  | { kind: 'missing' }
  | { kind: 'damaged'; reason: string }
  | { kind: 'newer'; version: number }
  | { kind: 'read'; data: unknown };

export interface ReadDocumentOptions {
  /** The newest `version` this Premia reads; a document with a higher number is `newer`. */
  newestVersion?: number;
  /** Says "it is empty" of an empty file rather than calling it JSON cut short. */
  nameEmpty?: boolean;
}

/**
 * Reads `db` (whose adapter reads `path`) and judges what was found. A folder in the file's place is
 * damage, so it is moved aside like a damaged file and nothing in it is lost; I/O failures other
 * than a missing file are thrown, not judged.
 */
export async function readJsonDocument(
  db: Low<unknown>,
  path: string,
  options: ReadDocumentOptions = {},
): Promise<FoundDocument> {
  try {
    if ((await stat(path)).isDirectory()) {
      return { kind: 'damaged', reason: 'it is a folder, not a file' };
    }
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    throw error;
  }
  try {
    await db.read();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const empty = options.nameEmpty === true && (await stat(path)).size === 0;
    return {
      kind: 'damaged',
      reason: empty ? 'it is empty' : 'it is not valid JSON (it may have been cut short)',
    };
  }
  // lowdb keeps its initial data (null here) both for a file gone since the check above and for one
  // holding a falsy JSON value such as `null`: only the file system can tell the two apart.
  if (db.data === null && !(await pathExists(path))) return { kind: 'missing' };
  const version = (db.data as { version?: unknown } | null)?.version;
  if (
    options.newestVersion !== undefined &&
    typeof version === 'number' &&
    version > options.newestVersion
  ) {
    return { kind: 'newer', version };
  }
  return { kind: 'read', data: db.data };
}
