import { describe, expect, it } from 'vitest';
import { NoticeBoard } from '../notices';
import { healthOf, MarketNotices } from './market-health';
import type { CycleFailure, PollerStats } from './poller-types';

const quiet: PollerStats = {
  cycles: 0,
  failures: 0,
  consecutiveFailures: 0,
  lastRequests: null,
  offline: false,
  lastFailure: null,
  halted: false,
  nextCycleAt: null,
  inFlight: false,
  lastSuccessAt: null,
  paused: false,
};

function failure(kind: CycleFailure['kind'], message: string): CycleFailure {
  return { kind, message, retryAfterMs: null, consecutive: 1, at: 1_000 };
}

describe('healthOf', () => {
  it('tells starting, live, retrying, offline and refused apart, with the next attempt', () => {
    expect(healthOf('binance', quiet, 15_000).state).toBe('starting');
    expect(healthOf('binance', { ...quiet, inFlight: true }, 15_000)).toMatchObject({
      state: 'starting',
      refreshing: true,
    });
    const live = { ...quiet, cycles: 3, nextCycleAt: 5_000, lastSuccessAt: 2_000 };
    expect(healthOf('binance', live, 15_000)).toEqual({
      source: 'binance',
      state: 'live',
      lastFailure: null,
      nextAttemptAt: 5_000,
      refreshing: false,
      lastQuotesAt: 2_000,
      refreshIntervalMs: 15_000,
    });
    const down = failure('unavailable', 'Binance is unavailable at the moment.');
    expect(healthOf('binance', { ...live, lastFailure: down }, 15_000)).toMatchObject({
      state: 'retrying',
      lastFailure: { kind: 'unavailable', message: down.message, at: 1_000 },
      lastQuotesAt: 2_000,
    });
    // A venue that never answered is retried too, not still starting.
    expect(healthOf('binance', { ...quiet, lastFailure: down }, 15_000).state).toBe('retrying');
    const net = failure('offline', 'No network.');
    expect(healthOf('binance', { ...quiet, offline: true, lastFailure: net }, 15_000).state).toBe(
      'offline',
    );
    const refused = failure('region-refused', 'Binance refuses connections from this region.');
    expect(
      healthOf('binance', { ...quiet, halted: true, lastFailure: refused }, 15_000),
    ).toMatchObject({
      state: 'refused',
      nextAttemptAt: null,
    });
  });

  it('says paused while the user has paused polling, whatever the last cycle did', () => {
    const down = failure('offline', 'No network.');
    const stats = {
      ...quiet,
      paused: true,
      offline: true,
      lastFailure: down,
      lastSuccessAt: 2_000,
    };
    expect(healthOf('binance', stats, 15_000)).toMatchObject({
      state: 'paused',
      nextAttemptAt: null,
      lastQuotesAt: 2_000,
    });
  });
});

describe('MarketNotices', () => {
  it('tells a refused region once, and takes it back when the venue answers again', () => {
    const board = new NoticeBoard();
    const notices = new MarketNotices(board, () => 7);
    const refused = failure('region-refused', 'Binance refuses connections from this region.');
    notices.refusedChanged(refused);
    notices.refusedChanged(refused);
    expect(board.list()).toEqual([
      expect.objectContaining({ level: 'error', message: refused.message, at: 7 }),
    ]);
    notices.refusedChanged(null);
    expect(board.list()).toEqual([]);
  });

  it('takes the refusal back when the market stops', () => {
    const board = new NoticeBoard();
    const notices = new MarketNotices(board, () => 7);
    notices.refusedChanged(failure('region-refused', 'Refused.'));
    notices.clear();
    expect(board.list()).toEqual([]);
  });
});
