// What the history folder holds, as the store finds it on opening: one folder per subject, one per
// series field inside it. A file where a folder belongs is reported, and that subject or series is
// left alone on disk rather than read or written.
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFileProblem } from '../file-problems';
import type { OpenProblem } from './damage-notice';
import type { SeriesKey } from './series-keys';
import { decodeSubject, isSeriesField, seriesId } from './series-keys';

export interface SeriesFound {
  /** Series folders to open. */
  found: SeriesKey[];
  problems: OpenProblem[];
  /** Ids of series that cannot be opened. */
  unopened: string[];
  /** Folder names of subjects that cannot be opened. */
  unopenedSubjects: string[];
}

/** The series under the history folder `dir`, whose entries are `subjects`. */
export async function findSeries(dir: string, subjects: readonly Dirent[]): Promise<SeriesFound> {
  const result: SeriesFound = { found: [], problems: [], unopened: [], unopenedSubjects: [] };
  for (const subjectEntry of subjects) {
    const subject = decodeSubject(subjectEntry.name);
    if (subject === null) continue;
    const subjectDir = join(dir, subjectEntry.name);
    if (!subjectEntry.isDirectory()) {
      result.problems.push({
        kind: 'unreadable',
        subject,
        field: null,
        detail: notAFolder(subjectDir),
      });
      result.unopenedSubjects.push(subjectEntry.name);
      continue;
    }
    const fields = await readdir(subjectDir, { withFileTypes: true }).catch((error: unknown) => {
      result.unopenedSubjects.push(subjectEntry.name);
      result.problems.push({
        kind: 'unreadable',
        subject,
        field: null,
        detail: describeFileProblem(subjectDir, error),
      });
      return [] as Dirent[];
    });
    for (const entry of fields) {
      if (!isSeriesField(entry.name)) continue;
      if (entry.isDirectory()) result.found.push({ subject, field: entry.name });
      else {
        const detail = notAFolder(join(subjectDir, entry.name));
        result.problems.push({ kind: 'unreadable', subject, field: entry.name, detail });
        result.unopened.push(seriesId({ subject, field: entry.name }));
      }
    }
  }
  return result;
}

/** `<path> is a file where Premia keeps a folder`, for a file standing where a series folder belongs. */
function notAFolder(path: string): string {
  return `${path} is a file where Premia keeps a folder of history`;
}

/** Runs `work` on every item, at most `limit` at a time. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
