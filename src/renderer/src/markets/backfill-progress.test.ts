import { describe, expect, it } from 'vitest';
import type { BackfillProgress } from '../../../shared/market';
import {
  backfillEntries,
  backfillLabel,
  NO_BACKFILL,
  withBackfillProgress,
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

  it('drops a backfill once it finishes cleanly', () => {
    const running = withBackfillProgress(NO_BACKFILL, progress({ fraction: 0.9 }));
    const finished = withBackfillProgress(running, progress({ fraction: 1, done: true }));
    expect(backfillEntries(finished)).toEqual([]);
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
