// For the history store's tests: a fresh data folder per test, stores opened on a fixed clock with
// no timers running, the series they use, and interval timers the test fires by hand.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { HistoryStoreOptions } from './history-options';
import { HistoryStore } from './history-store';
import { seriesKey } from './series-keys';
import {} from '../../shared/time';

export const DAY0 = Date.UTC(2026, 0, 1);
export const premium = seriesKey('BTC', 'premium');
export const spot = seriesKey('BTC', 'spot');
export const funding = seriesKey('BTCUSDT', 'funding');

export const list = (a: Float64Array): number[] => Array.from(a);

export interface HistoryFolder {
  /** The data folder of the test running. */
  readonly dataDir: string;
  /** Opens a store there, closed after the test. */
  openStore(options?: HistoryStoreOptions): Promise<HistoryStore>;
  seriesDir(subject: string, field: string): string;
  /** The files of a series folder, sorted. */
  segmentFiles(subject: string, field: string): Promise<string[]>;
}

/** A fresh data folder for each test of the calling file, removed after it with its stores closed. */
export function historyFolder(): HistoryFolder {
  let dataDir = '';
  const opened: HistoryStore[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'premia-history-'));
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  const seriesDir = (subject: string, field: string): string =>
    join(dataDir, 'history', subject, field);

  return {
    get dataDir() {
      return dataDir;
    },
    async openStore(options = {}) {
      // A fixed clock and no timers unless a test asks: nothing here reads the wall clock or waits.
      const store = await HistoryStore.open(dataDir, {
        now: () => DAY0,
        flushIntervalMs: 0,
        compactionIntervalMs: 0,
        ...options,
      });
      opened.push(store);
      return store;
    },
    seriesDir,
    async segmentFiles(subject, field) {
      return (await readdir(seriesDir(subject, field))).sort();
    },
  };
}

/** Interval timers the test fires by hand. */
export function manualIntervalTimers() {
  const intervals = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  return {
    timers: {
      setInterval(callback: () => void, ms: number): unknown {
        intervals.set(++next, { callback, ms });
        return next;
      },
      clearInterval(handle: unknown): void {
        intervals.delete(handle as number);
      },
    },
    /** The periods of the intervals set and not cleared. */
    cadences: () => [...intervals.values()].map((i) => i.ms),
    /** Runs every interval of this period once, as its time coming round would. */
    fire(ms: number): void {
      for (const i of [...intervals.values()]) if (i.ms === ms) i.callback();
    },
  };
}
