// For the composition root's tests: a fresh data folder per test, services opened on it with a
// fixed clock and no market unless a test asks (closed after the test), and refusals as PremiaErrors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { PremiaError } from '../shared/errors';
import { drive, manualTimers } from '../shared/manual-timers';
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

/**
 * Services on the demo market at wall time, its first quotes in and the demo holdings synced: what a
 * plan is made from. `extra` adds options (a planner of the test's own, say).
 */
export async function startSyncedDemo(
  folder: ServicesFolder,
  extra: Partial<AppServicesOptions> = {},
): Promise<AppServices> {
  const clock = manualTimers();
  const s = await folder.start({
    now: Date.now,
    market: {
      start: 'manual',
      backfill: false,
      gateway: { rateLimitMs: 1, retry: { retries: 0 } },
      history: { flushIntervalMs: 0, compactionIntervalMs: 0 },
      timers: clock.timers,
    },
    portfolio: { gateway: { rateLimitMs: 1, retry: { retries: 0 } } },
    ...extra,
  });
  const quotes = s.waitForMarketSnapshot(20_000);
  await s.startMarket();
  await drive(clock, quotes, () => new Promise<void>((resolve) => setImmediate(resolve)));
  // The demo account is made beside the first cycle; a sync asked for waits for it.
  const view = await s.api.syncHoldings();
  if (view.holdings.length === 0) throw new Error('the demo holdings were not synced');
  return s;
}
