// For the composition root's tests: a fresh data folder per test, services opened on it with a
// fixed clock and no market unless a test asks (closed after the test), and refusals as PremiaErrors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { PremiaError } from '../shared/errors';
import type { AppServices, AppServicesOptions } from './app-services';
import { createAppServices } from './app-services';
import { silentLogger } from './logger';

export interface ServicesFolder {
  /** The data folder of the test running. */
  readonly dir: string;
  /** Opens the services on it, closed after the test. */
  start(extra?: Partial<AppServicesOptions>): Promise<AppServices>;
}

/** A fresh data folder for each test of the calling file. */
export function servicesFolder(): ServicesFolder {
  let dir = '';
  let services: AppServices[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'premia-services-'));
    services = [];
  });

  afterEach(async () => {
    await Promise.all(services.map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  return {
    get dir() {
      return dir;
    },
    async start(extra = {}) {
      const s = await createAppServices({
        dataDir: dir,
        host: 'web',
        version: '9.9.9-test',
        now: () => 1_700_000_000_000,
        logger: silentLogger,
        market: { start: 'off' },
        ...extra,
      });
      services.push(s);
      return s;
    },
  };
}

/** The PremiaError `promise` is refused with; anything else fails the test. */
export async function refusal(promise: Promise<unknown>): Promise<PremiaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PremiaError))
    throw new Error(`expected a PremiaError, got ${String(error)}`);
  return error;
}
