import { describe, expect, it } from 'vitest';
import { NoticeBoard } from '../notices';
import { healthOf, MarketNotices } from './market-health';
import type { CycleFailure, PollerStats } from './poller';

const quiet: PollerStats = {
  cycles: 0,
  failures: 0,
  consecutiveFailures: 0,
  lastRequests: null,
  offline: false,
  lastFailure: null,
  halted: false,
  nextCycleAt: null,
};

function failure(kind: CycleFailure['kind'], message: string): CycleFailure {
  return { kind, message, retryAfterMs: null, consecutive: 1, at: 1_000 };
}

describe('healthOf', () => {
  it('tells starting, live, retrying, offline and refused apart, with the next attempt', () => {
    expect(healthOf('binance', quiet).state).toBe('starting');
    expect(healthOf('binance', { ...quiet, cycles: 3, nextCycleAt: 5_000 })).toEqual({
      source: 'binance',
      state: 'live',
      lastFailure: null,
      nextAttemptAt: 5_000,
    });
    const down = failure('unavailable', 'Binance is unavailable at the moment.');
    expect(healthOf('binance', { ...quiet, cycles: 3, lastFailure: down })).toMatchObject({
      state: 'retrying',
      lastFailure: { kind: 'unavailable', message: down.message, at: 1_000 },
    });
    const net = failure('offline', 'No network.');
    expect(healthOf('binance', { ...quiet, offline: true, lastFailure: net }).state).toBe(
      'offline',
    );
    const refused = failure('region-refused', 'Binance refuses connections from this region.');
    expect(healthOf('binance', { ...quiet, halted: true, lastFailure: refused })).toMatchObject({
      state: 'refused',
      nextAttemptAt: null,
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

  it('says being offline with the venue’s name, once, and clears everything when the market stops', () => {
    const board = new NoticeBoard();
    const notices = new MarketNotices(board, () => 7);
    notices.offlineChanged(true, failure('offline', 'No network.'), 'binance');
    notices.offlineChanged(true, failure('offline', 'No network.'), 'binance');
    expect(board.list().map((n) => n.message)).toEqual([
      'Offline: No network. Premia shows the last known market data, marked stale, and keeps trying (Binance).',
    ]);
    notices.refusedChanged(failure('region-refused', 'Refused.'));
    notices.clear('binance');
    expect(board.list()).toEqual([]);
  });
});
