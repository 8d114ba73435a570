// The composition root when its market cannot start: nothing is left unhandled (which would end the
// process), the failure is logged, and closing still frees the data folder.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
    const services = await createAppServices({
      dataDir: dir,
      host: 'web',
      version: '0.0.0-test',
      logger: createLogger({ level: 'error', write: (line) => void lines.push(line) }),
    });
    try {
      await vi.waitFor(
        () => expect(lines.some((l) => l.includes('the market could not start'))).toBe(true),
        { timeout: 15_000 },
      );
      expect(services.market.poller()).toBeNull();
    } finally {
      await services.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
