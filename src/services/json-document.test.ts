import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicJsonFile } from './atomic-json-file';
import { readJsonDocument } from './json-document';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-json-document-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function read(text: string | null, options?: Parameters<typeof readJsonDocument>[2]) {
  const path = join(dir, 'doc.json');
  const db = new Low<unknown>(new AtomicJsonFile<unknown>(path), null);
  const written = text === null ? Promise.resolve() : writeFile(path, text);
  return written.then(() => readJsonDocument(db, path, options));
}

describe('reading a JSON document of the data folder', () => {
  it('finds nothing when there is no file', async () => {
    expect(await read(null)).toEqual({ kind: 'missing' });
  });

  it('calls a folder in the file’s place damage', async () => {
    await mkdir(join(dir, 'doc.json'));
    expect(await read(null)).toEqual({ kind: 'damaged', reason: 'it is a folder, not a file' });
  });

  it('calls text cut short damage, and an empty file empty only when asked to', async () => {
    const cut = 'it is not valid JSON (it may have been cut short)';
    expect(await read('{"version":1,"bo')).toEqual({ kind: 'damaged', reason: cut });
    expect(await read('')).toEqual({ kind: 'damaged', reason: cut });
    expect(await read('', { nameEmpty: true })).toEqual({ kind: 'damaged', reason: 'it is empty' });
  });

  it('tells a document from a newer Premia only when given the newest version it reads', async () => {
    expect(await read('{"version":3}', { newestVersion: 2 })).toEqual({
      kind: 'newer',
      version: 3,
    });
    expect(await read('{"version":2}', { newestVersion: 2 })).toEqual({
      kind: 'read',
      data: { version: 2 },
    });
    expect(await read('{"version":3}')).toEqual({ kind: 'read', data: { version: 3 } });
  });

  it('hands over a file holding JSON null as read, for the caller to judge', async () => {
    expect(await read('null')).toEqual({ kind: 'read', data: null });
  });
});
