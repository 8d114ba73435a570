// For the portfolio services' tests: a fresh data folder per test, removed after it.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { atomicTempPath } from '../atomic-write';

export interface PortfolioFolder {
  readonly dir: string;
  /** Makes the next atomic writes of `name` fail, as a full or broken disk would; returns the undo. */
  breakWrites(name: string): Promise<() => Promise<void>>;
}

export function portfolioFolder(): PortfolioFolder {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'premia-portfolio-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async breakWrites(name) {
      // A folder where the temporary file goes: opening it for writing fails with EISDIR.
      const blocker = atomicTempPath(join(dir, name));
      await mkdir(blocker);
      return () => rm(blocker, { recursive: true, force: true });
    },
  };
}
