// Replacing a file so that readers, and the file after a crash or a power cut, see the old contents
// or the new ones, never part of each: the data goes to a temporary file beside it (named
// `<path>.<pid>.tmp`, which the history store recognizes as a leftover), is flushed to the disk, and
// only then renamed over the old file.
import { open, rename, rm } from 'node:fs/promises';

export interface AtomicWriteOptions {
  /** Permissions of a file created anew (default 0o666, less the umask). */
  mode?: number;
}

/** The temporary file `writeFileAtomic` writes before renaming it to `path`. */
export function atomicTempPath(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/** Writes `data` to `path` all at once or not at all; a failed rename takes its temporary file away. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = atomicTempPath(path);
  const handle = await open(temp, 'w', options.mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
