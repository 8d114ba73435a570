import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicTempPath, writeFileAtomic } from './atomic-write';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates a file with the text or bytes given, leaving nothing else beside it', async () => {
    await writeFileAtomic(join(dir, 'a.json'), '{"a":1}');
    await writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]));
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('{"a":1}');
    expect([...(await readFile(join(dir, 'b.bin')))]).toEqual([1, 2, 3]);
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'b.bin']);
  });

  it('replaces a longer file whole, with nothing of the old contents left at its end', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, 'x'.repeat(100));
    await writeFileAtomic(path, 'short');
    expect(await readFile(path, 'utf8')).toBe('short');
  });

  it('creates the file with the permissions asked for', async () => {
    const path = join(dir, 'private.json');
    await writeFileAtomic(path, '{}', { mode: 0o600 });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps what stands at the path and takes its temporary file away when the rename fails', async () => {
    const path = join(dir, 'taken');
    await mkdir(join(path, 'inside'), { recursive: true });
    await expect(writeFileAtomic(path, 'data')).rejects.toMatchObject({ code: expect.any(String) });
    expect(await readdir(path)).toEqual(['inside']);
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it('writes through a temporary file named beside the target, ending in .tmp', () => {
    const temp = atomicTempPath(join(dir, 'x.json'));
    expect(temp.startsWith(join(dir, 'x.json.'))).toBe(true);
    expect(temp.endsWith('.tmp')).toBe(true);
  });
});
