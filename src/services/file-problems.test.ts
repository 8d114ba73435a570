import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeFileProblem, errnoCode, isMissing } from './file-problems';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-file-problems-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the file operation to fail');
    },
    (error: unknown) => error,
  );
}

describe('describeFileProblem', () => {
  it('says a folder stands where a file belongs, naming the path and the code', async () => {
    const path = join(dir, 'settings.json');
    await mkdir(path);
    const error = await failure(readFile(path));
    expect(errnoCode(error)).toBe('EISDIR');
    expect(describeFileProblem(path, error)).toBe(
      `${path} is a folder where Premia expects a file (EISDIR)`,
    );
  });

  it('says a file stands where a folder belongs', async () => {
    const path = join(dir, 'history');
    await writeFile(path, 'x');
    const error = await failure(mkdir(path, { recursive: true }));
    expect(describeFileProblem(path, error)).toBe(
      `${path} is a file where Premia expects a folder (EEXIST)`,
    );
  });

  it('falls back to a plain sentence for a failure it has no words for', () => {
    expect(describeFileProblem('/x', new Error('odd'))).toBe('/x could not be read or written');
    expect(describeFileProblem('/x', Object.assign(new Error('odd'), { code: 'EWHAT' }))).toBe(
      '/x could not be read or written (EWHAT)',
    );
  });

  it('tells a missing file from other failures', async () => {
    const error = await failure(readFile(join(dir, 'absent')));
    expect(isMissing(error)).toBe(true);
    expect(isMissing(new Error('no code'))).toBe(false);
  });
});
