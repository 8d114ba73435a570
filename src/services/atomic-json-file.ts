// A lowdb adapter for one JSON document written with the project's atomic write (temporary file,
// fsync, rename), so a crash leaves the old document or the new one. Reading leaves judging to the
// caller: a missing file reads as null, text that is not JSON throws a SyntaxError.
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeFileAtomic } from './atomic-write';
import { isMissing } from './file-problems';

export class AtomicJsonFile<T> implements Adapter<T> {
  readonly #path: string;
  readonly #mode: number | undefined;

  constructor(path: string, mode?: number) {
    this.#path = path;
    this.#mode = mode;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    await writeFileAtomic(this.#path, `${JSON.stringify(data, null, 2)}\n`, { mode: this.#mode });
  }
}
