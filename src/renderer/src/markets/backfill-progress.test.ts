import { describe, expect, it } from 'vitest';
import type { BackfillProgress } from '../../../shared/market';
import {
  backfillEntries,
  backfillLabel,
  backfillRunning,
  backfillSummary,
  NO_BACKFILL,
  withBackfillProgress,
  withoutFinished,
} from './backfill-progress';

function progress(over: Partial<BackfillProgress>): BackfillProgress {
  return { asset: 'BTC', series: 'funding', fraction: 0, done: false, error: null, ...over };
}

describe('withBackfillProgress', () => {
  it('keeps the latest progress per asset and series', () => {
    let state = withBackfillProgress(NO_BACKFILL, progress({ fraction: 0.2 }));
    state = withBackfillProgress(state, progress({ fraction: 0.6 }));
    state = withBackfillProgress(state, progress({ series: 'spot', fraction: 0.1 }));
    expect(backfillEntries(state).map((e) => [e.key, e.percent])).toEqual([
      ['BTC/funding', 60],
      ['BTC/spot', 10],
    ]);
  });

  it('keeps a finished backfill while others run, so the panel holds still between series', () => {
    let state = withBackfillProgress(NO_BACKFILL, progress({ series: 'spot', fraction: 0.9 }));
    state = withBackfillProgress(state, progress({ series: 'spot', fraction: 1, done: true }));
    // Between one series and the next nothing runs for a moment: the finished one is still there.
    expect(backfillEntries(state)).toHaveLength(1);
    expect(backfillRunning(state)).toBe(false);
    state = withBackfillProgress(state, progress({ series: 'funding', fraction: 0.1 }));
    expect(backfillRunning(state)).toBe(true);
    expect(backfillEntries(state)).toHaveLength(2);
  });

  it('lets the finished backfills go together once the run is over, keeping failed ones', () => {
    let state = withBackfillProgress(
      NO_BACKFILL,
      progress({ series: 'spot', done: true, fraction: 1 }),
    );
    state = withBackfillProgress(
      state,
      progress({ series: 'funding', done: true, fraction: 0.2, error: 'refused' }),
    );
    expect(backfillEntries(withoutFinished(state)).map((e) => e.key)).toEqual(['BTC/funding']);
  });

  it('keeps a failed backfill so its error can be read', () => {
    const failed = withBackfillProgress(
      NO_BACKFILL,
      progress({ done: true, fraction: 0.3, error: 'The exchange refused: rate limited' }),
    );
    expect(backfillEntries(failed)[0]?.error).toBe('The exchange refused: rate limited');
  });

  it('does not change the state it was given', () => {
    withBackfillProgress(NO_BACKFILL, progress({ fraction: 0.5 }));
    expect(NO_BACKFILL.size).toBe(0);
  });
});

describe('backfillEntries', () => {
  it('clamps a fraction outside 0 to 1 and treats a non-number as 0', () => {
    let state = withBackfillProgress(NO_BACKFILL, progress({ fraction: 1.7 }));
    state = withBackfillProgress(state, progress({ asset: 'ETH', fraction: Number.NaN }));
    expect(backfillEntries(state).map((e) => e.percent)).toEqual([100, 0]);
  });
});

describe('backfillLabel', () => {
  it('names the asset, the series and the percentage', () => {
    expect(backfillLabel(progress({ fraction: 0.404 }))).toBe('BTC funding history: 40%');
    expect(backfillLabel(progress({ series: 'spot', fraction: 1 }))).toBe(
      'BTC price history: 100%',
    );
  });

  it('says a failed backfill failed', () => {
    expect(backfillLabel(progress({ error: 'timeout' }))).toBe('BTC funding history: failed');
  });
});

describe('backfillSummary', () => {
  it('says in one line which series loads and how many are done, with one share for the run', () => {
    let state = withBackfillProgress(
      NO_BACKFILL,
      progress({ series: 'spot', done: true, fraction: 1 }),
    );
    state = withBackfillProgress(state, progress({ series: 'funding', fraction: 0.5 }));
    state = withBackfillProgress(state, progress({ series: 'mark', fraction: 0 }));
    expect(backfillSummary(state)).toEqual({
      text: 'BTC funding history: 50% (1 of 3 series done)',
      percent: 50,
      failed: [],
    });
  });

  it('says the history is loaded once every series is, and names a failed one apart', () => {
    let state = withBackfillProgress(
      NO_BACKFILL,
      progress({ series: 'spot', done: true, fraction: 1 }),
    );
    state = withBackfillProgress(
      state,
      progress({ asset: 'ETH', done: true, fraction: 0.3, error: 'rate limited' }),
    );
    expect(backfillSummary(state)).toEqual({
      text: 'History loaded (1 of 1 series done)',
      percent: 100,
      failed: [{ key: 'ETH/funding', text: 'ETH funding history: failed (rate limited)' }],
    });
    expect(backfillSummary(NO_BACKFILL)).toBeNull();
  });
});
