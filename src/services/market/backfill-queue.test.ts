import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualTimers, type ManualTimers } from '../../shared/manual-timers';
import type { HistorySource, SeriesPoint } from '../history';
import { HistoryStore } from '../history';
import { createBackfillQueue } from './backfill-queue';
import { turn } from './market-service-testing';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 0, 10);

let dir: string;
let store: HistoryStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-backfill-queue-'));
  store = await HistoryStore.open(dir, { flushIntervalMs: 0, compactionIntervalMs: 0 });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A venue whose every page waits for `answer` to be called; `asked` settles at the first request. */
function slowSource() {
  let asked!: () => void;
  const firstRequest = new Promise<void>((resolve) => (asked = resolve));
  const pending: ((points: SeriesPoint[]) => void)[] = [];
  const page = (): Promise<SeriesPoint[]> => {
    asked();
    return new Promise((resolve) => pending.push(resolve));
  };
  const source: HistorySource = { fetchFundingHistory: page, fetchPriceHistory: page };
  return {
    source,
    firstRequest,
    answer: () => {
      for (const resolve of pending.splice(0)) resolve([{ t: NOW - HOUR, v: 0.0001 }]);
    },
  };
}

function queueOver(source: HistorySource, cancelWaitMs: number, clock: ManualTimers) {
  return createBackfillQueue({
    store,
    source,
    label: 'demo',
    now: () => NOW,
    lookbackMs: 2 * HOUR,
    cancelWaitMs,
    timers: clock.timers,
    onProgress: () => undefined,
  });
}

describe('createBackfillQueue', () => {
  it('waits on cancel for the page in flight when it comes back in time', async () => {
    const venue = slowSource();
    const clock = manualTimers();
    const queue = queueOver(venue.source, 5_000, clock);
    queue.request('BTC');
    await venue.firstRequest;

    let cancelled = false;
    const cancelling = queue.cancel().then(() => (cancelled = true));
    clock.advance(4_999);
    await turn();
    expect(cancelled).toBe(false);
    venue.answer();
    await cancelling;
    expect(cancelled).toBe(true);
  });

  it('stops waiting on cancel for a page the venue never answers', async () => {
    const venue = slowSource();
    const clock = manualTimers();
    const queue = queueOver(venue.source, 100, clock);
    queue.request('BTC');
    await venue.firstRequest;

    let cancelled = false;
    const cancelling = queue.cancel().then(() => (cancelled = true));
    clock.advance(99);
    await turn();
    expect(cancelled).toBe(false);
    clock.advance(1);
    await cancelling;
    expect(cancelled).toBe(true);
  });
});
