// The composition root when its market cannot start: nothing is left unhandled (which would end the
// process), the failure is logged, and closing still frees the data folder.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from './app-services';
import { LOCK_FILE } from './data-lock';
import { HISTORY_DIR_NAME } from './history';
import { createLogger } from './logger';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-lifecycle-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createAppServices', () => {
  it('logs a market that cannot start by itself, and still frees the folder on close', async () => {
    // A file where the history folder belongs: the store cannot open, so the market cannot start.
    await writeFile(join(dir, HISTORY_DIR_NAME), 'not a folder');
    const lines: string[] = [];
    let logged = (): void => undefined;
    const failureLogged = new Promise<void>((resolve) => (logged = resolve));
    const services = await createAppServices({
      dataDir: dir,
      host: 'web',
      version: '0.0.0-test',
      logger: createLogger({
        level: 'error',
        write: (line) => {
          lines.push(line);
          if (line.includes('the market could not start')) logged();
        },
      }),
    });
    try {
      await failureLogged;
      expect(lines.some((l) => l.includes('the market could not start'))).toBe(true);
      expect(services.diagnostics.poller()).toBeNull();
    } finally {
      await services.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
