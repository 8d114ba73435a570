// File-system failures in words for people: what went wrong with which path, and what the code was,
// so a folder standing where a file belongs (or a full disk) reads as a sentence, not a stack trace.

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
