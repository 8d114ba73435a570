import { TickMarkType, type UTCTimestamp } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import {
  canAppend,
  chartTime,
  crosshairLabel,
  percentAxisLabel,
  priceAxisLabel,
  rangeIncluding,
  thresholdLines,
  tickLabel,
  toLineData,
  valueLabelFor,
} from './chart-data';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('toLineData', () => {
  it('turns milliseconds into whole UTC seconds beside their values', () => {
    expect(toLineData([T0, T0 + 15_000], [1.5, 2.5])).toEqual([
      { time: T0 / 1000, value: 1.5 },
      { time: T0 / 1000 + 15, value: 2.5 },
    ]);
  });

  it('drops points that are not finite rather than plotting them as zero', () => {
    const data = toLineData([T0, T0 + 1000, T0 + 2000, Number.NaN], [1, Number.NaN, 3, 4]);
    expect(data.map((d) => d.value)).toEqual([1, 3]);
  });

  it('sorts out-of-order points and keeps the last of several in one second', () => {
    const data = toLineData([T0 + 2000, T0, T0 + 200, T0 + 900], [3, 1, 1.1, 1.2]);
    expect(data).toEqual([
      { time: T0 / 1000, value: 1.2 },
      { time: T0 / 1000 + 2, value: 3 },
    ]);
  });

  it('applies a mapping to each value and drops what it makes non-finite', () => {
    const data = toLineData([T0, T0 + 1000], [0.0001, 0], (v) => (v === 0 ? Number.NaN : v * 1095));
    expect(data).toHaveLength(1);
    expect(data[0]?.value).toBeCloseTo(0.1095, 12);
  });

  it('keeps every point of a long series that is already in order', () => {
    const n = 200_000;
    const times = Array.from({ length: n }, (_, i) => T0 + i * 1000);
    const values = Array.from({ length: n }, (_, i) => i);
    const data = toLineData(times, values);
    expect(data).toHaveLength(n);
    expect(data[n - 1]).toEqual({ time: T0 / 1000 + n - 1, value: n - 1 });
  });
});

describe('canAppend', () => {
  const last = chartTime(T0) as number;

  it('accepts a point at or after the last one', () => {
    expect(canAppend(last, T0 + 15_000, 1)).toBe(true);
    expect(canAppend(last, T0 + 400, 1)).toBe(true);
    expect(canAppend(null, T0, 1)).toBe(true);
  });

  it('refuses a point before the last one, or one that is not a number', () => {
    expect(canAppend(last, T0 - 1000, 1)).toBe(false);
    expect(canAppend(last, T0 + 1000, Number.NaN)).toBe(false);
  });
});

describe('axis formats', () => {
  it('shows decimals as percents with a real minus sign', () => {
    expect(percentAxisLabel(0.1095)).toBe('10.95%');
    expect(percentAxisLabel(-0.05)).toBe('\u22125.00%');
  });

  it('shows prices with thousands separators', () => {
    expect(priceAxisLabel(97123.4)).toBe('97,123.40');
  });
});

describe('thresholdLines', () => {
  it('draws one labelled line per distinct level, lowest first', () => {
    const lines = thresholdLines({
      deepBelow: -0.1,
      moderateFrom: 0.05,
      extremeAbove: 0.2,
      extremeExit: 0.05,
    });
    expect(lines.map((l) => [l.price, l.title])).toEqual([
      [-0.1, 'deep below'],
      [0.05, 'moderate from / extreme exit'],
      [0.2, 'extreme above'],
    ]);
  });

  it('keeps separate lines when the exit differs from the moderate entry', () => {
    const lines = thresholdLines({
      deepBelow: -0.02,
      moderateFrom: 0.12,
      extremeAbove: 0.25,
      extremeExit: 0.08,
    });
    expect(lines.map((l) => l.title)).toEqual([
      'deep below',
      'extreme exit',
      'moderate from',
      'extreme above',
    ]);
  });
});

describe('rangeIncluding', () => {
  it('widens the data range to take in every threshold level', () => {
    expect(rangeIncluding({ minValue: -0.04, maxValue: 0.12 }, [-0.1, 0.05, 0.2])).toEqual({
      minValue: -0.1,
      maxValue: 0.2,
    });
  });

  it('keeps the range when the levels already lie inside it', () => {
    expect(rangeIncluding({ minValue: -0.2, maxValue: 0.3 }, [-0.1, 0.2])).toEqual({
      minValue: -0.2,
      maxValue: 0.3,
    });
  });

  it('spans the levels alone when there is no data, and ignores non-numbers', () => {
    expect(rangeIncluding(null, [0.05, Number.NaN, -0.1])).toEqual({
      minValue: -0.1,
      maxValue: 0.05,
    });
    expect(rangeIncluding(null, [])).toBeNull();
  });
});

describe('time labels', () => {
  const time = chartTime(Date.UTC(2026, 2, 27, 16, 5, 9)) as UTCTimestamp;

  it('labels ticks in the given time zone', () => {
    expect(tickLabel(time, TickMarkType.Time, 'UTC')).toBe('16:05');
    expect(tickLabel(time, TickMarkType.Time, 'Asia/Tokyo')).toBe('01:05');
    expect(tickLabel(time, TickMarkType.DayOfMonth, 'UTC')).toBe('Mar 27');
    expect(tickLabel(time, TickMarkType.Year, 'UTC')).toBe('2026');
  });

  it('labels the crosshair with date and time', () => {
    expect(crosshairLabel(time, 'UTC')).toBe('Mar 27, 2026, 16:05');
  });
});

describe('valueLabelFor', () => {
  it('words a value the way its axis shows it', () => {
    expect(valueLabelFor('percent')(0.2)).toBe('20.00%');
    expect(valueLabelFor('price')(1234.5)).toBe('1,234.50');
  });
});
