import { describe, expect, it } from 'vitest';
import { inferSettlementIntervals } from './settlement-intervals';
import { HOUR_MS } from '../shared/time';
const T0 = Date.UTC(2025, 0, 1);
const at = (...hours: number[]) => hours.map((h) => T0 + h * HOUR_MS);

describe('inferSettlementIntervals', () => {
  it('gives each settlement its spacing from the one before, the first the spacing after', () => {
    expect(inferSettlementIntervals(at(0, 8, 16, 24), { fallbackHours: 1 })).toEqual([8, 8, 8, 8]);
  });

  it('keeps the old interval up to a change and the new one after it', () => {
    // 8 h settlements up to hour 24, 4 h from then on.
    expect(inferSettlementIntervals(at(8, 16, 24, 28, 32), { fallbackHours: 4 })).toEqual([
      8, 8, 8, 4, 4,
    ]);
  });

  it('reads a hole in the history as missed settlements, not as a long interval', () => {
    // The app was off for two days between hour 16 and hour 64.
    expect(inferSettlementIntervals(at(0, 8, 16, 64, 72), { fallbackHours: 1 })).toEqual([
      8, 8, 8, 8, 8,
    ]);
    expect(inferSettlementIntervals(at(0, 4, 40), { fallbackHours: 8 })).toEqual([4, 4, 4]);
  });

  it('rounds settlement times stamped a few ms off the hour to the minute', () => {
    const times = [T0 + 3, T0 + 4 * HOUR_MS - 2, T0 + 8 * HOUR_MS + 7];
    expect(inferSettlementIntervals(times, { fallbackHours: 8 })).toEqual([4, 4, 4]);
  });

  it('falls back to the given interval where no spacing tells', () => {
    expect(inferSettlementIntervals(at(0), { fallbackHours: 4 })).toEqual([4]);
    expect(inferSettlementIntervals([], { fallbackHours: 4 })).toEqual([]);
    expect(inferSettlementIntervals(at(0, 30), { fallbackHours: 1 })).toEqual([1, 1]);
  });

  it('takes a longest interval other than binance’s 8 h when told', () => {
    expect(inferSettlementIntervals(at(0, 12, 24), { fallbackHours: 8, maxHours: 12 })).toEqual([
      12, 12, 12,
    ]);
  });
});
