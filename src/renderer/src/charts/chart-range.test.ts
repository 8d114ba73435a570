import type { LineData, UTCTimestamp } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/time';
import { arraysOf, drawnPoints, pointsWithin, rangeWindow } from './chart-range';

const NOW = Date.UTC(2026, 2, 1);

function series(count: number, stepS: number, value: (i: number) => number) {
  const data: LineData<UTCTimestamp>[] = [];
  for (let i = 0; i < count; i++) {
    data.push({ time: (NOW / 1000 - (count - 1 - i) * stepS) as UTCTimestamp, value: value(i) });
  }
  return data;
}

describe('rangeWindow', () => {
  it('turns each range button into that many days back from now', () => {
    expect(rangeWindow('1W', NOW, null)).toEqual({ from: NOW - 7 * DAY_MS, to: NOW });
    expect(rangeWindow('1M', NOW, null)).toEqual({ from: NOW - 30 * DAY_MS, to: NOW });
    expect(rangeWindow('3M', NOW, null)).toEqual({ from: NOW - 91 * DAY_MS, to: NOW });
    expect(rangeWindow('1Y', NOW, null)).toEqual({ from: NOW - 365 * DAY_MS, to: NOW });
  });

  it('shows everything from the earliest point for All, and nothing before any point exists', () => {
    expect(rangeWindow('All', NOW, NOW - 900 * DAY_MS)).toEqual({
      from: NOW - 900 * DAY_MS,
      to: NOW,
    });
    expect(rangeWindow('All', NOW, null)).toBeNull();
  });
});

describe('drawnPoints', () => {
  it('thins 200 000 points to about two per pixel column inside the window', () => {
    const data = series(200_000, 60, (i) => Math.sin(i / 100));
    const window = { from: NOW - 30 * DAY_MS, to: NOW };
    const drawn = drawnPoints(data, arraysOf(data), window, 800);
    const inside = pointsWithin(drawn, window);
    expect(inside.length).toBeGreaterThan(800);
    expect(inside.length).toBeLessThanOrEqual(1600);
    expect(drawn.length).toBeLessThan(2100);
  });

  it('keeps every spike inside the window, and the points in time order', () => {
    const data = series(50_000, 60, (i) => (i === 49_000 ? 99 : i === 49_500 ? -99 : 1));
    const window = { from: NOW - 7 * DAY_MS, to: NOW };
    const drawn = drawnPoints(data, arraysOf(data), window, 300);
    const values = drawn.map((p) => p.value);
    expect(values).toContain(99);
    expect(values).toContain(-99);
    for (let i = 1; i < drawn.length; i++)
      expect(drawn[i]!.time).toBeGreaterThan(drawn[i - 1]!.time);
  });

  it('keeps a thinned past before the window so the chart can be dragged back', () => {
    const data = series(10_000, 3600, () => 1);
    const window = { from: NOW - 7 * DAY_MS, to: NOW };
    const drawn = drawnPoints(data, arraysOf(data), window, 400);
    expect(drawn[0]!.time).toBe(data[0]!.time);
  });

  it('draws a series shorter than the width as it is', () => {
    const data = series(20, 3600, (i) => i);
    const drawn = drawnPoints(data, arraysOf(data), { from: NOW - DAY_MS, to: NOW }, 500);
    expect(drawn).toEqual(data);
  });

  it('draws nothing of an empty series', () => {
    expect(drawnPoints([], arraysOf([]), { from: 0, to: NOW }, 500)).toEqual([]);
  });
});
