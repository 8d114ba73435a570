// File-system failures in words for people: what went wrong with which path, and what the code was,
// so a folder standing where a file belongs (or a full disk) reads as a sentence, not a stack trace;
// and a damaged file moved aside under a dated name that never overwrites another, so nothing is lost.
import { rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The errno code of a Node file-system error (ENOENT, EISDIR, …), or undefined. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isMissing(error: unknown): boolean {
  return errnoCode(error) === 'ENOENT';
}

const PROBLEMS: Readonly<Record<string, string>> = {
  EISDIR: 'is a folder where Premia expects a file',
  ERR_FS_EISDIR: 'is a folder where Premia expects a file',
  ENOTDIR: 'is, or lies under, a file where Premia expects a folder',
  // mkdir's answer when a file holds the name of the folder to create.
  EEXIST: 'is a file where Premia expects a folder',
  EACCES: 'cannot be used: Premia is not allowed to read or change it',
  EPERM: 'cannot be used: Premia is not allowed to read or change it',
  ENOSPC: 'cannot be written: the disk is full',
  EDQUOT: 'cannot be written: the disk quota is used up',
  EROFS: 'cannot be written: the disk is read-only',
  EMFILE: 'cannot be opened: too many files are open',
  EIO: 'cannot be read: the disk reported an input/output error',
};

/** `<path> is a folder where Premia expects a file (EISDIR)`: one sentence naming the path. */
export function describeFileProblem(path: string, error: unknown): string {
  const code = errnoCode(error);
  const problem = (code && PROBLEMS[code]) ?? 'could not be read or written';
  return `${path} ${problem}${code ? ` (${code})` : ''}`;
}

/** Whether anything (file or folder) stands at `path`; other failures than its absence are thrown. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

export function fileStamp(at: number): string {
  // Colons and dots are not allowed (or not wise) in Windows file names.
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/** Renames `path` to a free name built from `stem` and the time; returns the new path. */
export async function moveAside(
  path: string,
  dir: string,
  stem: string,
  at: number,
): Promise<string> {
  const base = `${stem}-${fileStamp(at)}`;
  for (let n = 1; ; n += 1) {
    const target = join(dir, n === 1 ? `${base}.json` : `${base}-${n}.json`);
    if (!(await pathExists(target))) {
      await rename(path, target);
      return target;
    }
  }
}
