import { describe, expect, it } from 'vitest';
import type { BacktestRequestInput } from '../../../shared/backtest';
import {
  currentSweepValue,
  defaultSweepValues,
  initialSweepDraft,
  readSweepDraft,
  type SweepDraft,
} from './sweep-form';

const request: BacktestRequestInput = {
  assets: ['BTC'],
  policy: {
    thresholds: {
      mode: 'fixed',
      fixed: { deepBelow: -0.1, moderateFrom: 0.07, extremeAbove: 0.2, extremeExit: 0.05 },
      historyK: { deep: 1.5, moderate: 0.5, extreme: 1.5 },
    },
    averagingWindowDays: 10,
  },
};

const draft = (over: Partial<SweepDraft>): SweepDraft => ({
  rows: 'moderateFrom',
  rowValues: '2, 4',
  columns: 'extremeAbove',
  columnValues: '20, 30',
  ...over,
});

describe('the sweep form', () => {
  it('offers a spread of values with the backtest’s own value among them', () => {
    expect(defaultSweepValues('moderateFrom', request)).toBe('2, 4, 6, 7, 8, 10, 12');
    expect(defaultSweepValues('extremeAbove', request)).toBe('15, 20, 25, 30, 40, 50');
    expect(defaultSweepValues('averagingWindowDays', request)).toBe('1, 3, 7, 10, 14, 30');
    expect(currentSweepValue(request, 'kModerate')).toBe(0.5);
  });

  it('starts on the two levels of the threshold mode the backtest uses', () => {
    expect(initialSweepDraft(request)).toMatchObject({
      rows: 'moderateFrom',
      columns: 'extremeAbove',
    });
    const history = {
      ...request,
      policy: { ...request.policy, thresholds: { mode: 'history' as const } },
    };
    expect(initialSweepDraft(history)).toMatchObject({ rows: 'kModerate', columns: 'kExtreme' });
  });

  it('reads levels typed as percents into decimals, and days as they are', () => {
    const reading = readSweepDraft(
      draft({ rowValues: '3; 7 −2', columns: 'averagingWindowDays', columnValues: '7,14' }),
      request,
    );
    expect(reading).toEqual({
      ok: true,
      request: {
        request,
        rows: { parameter: 'moderateFrom', values: [0.03, 0.07, -0.02] },
        columns: { parameter: 'averagingWindowDays', values: [7, 14] },
      },
    });
  });

  it('says which value is wrong and why, on the field it belongs to', () => {
    expect(readSweepDraft(draft({ rowValues: '2, x' }), request)).toMatchObject({
      ok: false,
      problems: { rowValues: expect.stringMatching(/^“x”: not a number/) },
    });
    expect(readSweepDraft(draft({ columnValues: '' }), request)).toMatchObject({
      ok: false,
      problems: { columnValues: 'Enter at least one value' },
    });
    expect(
      readSweepDraft(draft({ columns: 'averagingWindowDays', columnValues: '7, 2.5' }), request),
    ).toMatchObject({
      ok: false,
      problems: { columnValues: 'Value 2: must be whole days between 1 and 90' },
    });
    expect(readSweepDraft(draft({ rowValues: '2, 2' }), request)).toMatchObject({
      ok: false,
      problems: { rowValues: 'Lists a value twice' },
    });
    expect(readSweepDraft(draft({ columns: 'moderateFrom' }), request)).toMatchObject({
      ok: false,
      problems: { columns: 'Must differ from the rows’ parameter' },
    });
    expect(
      readSweepDraft(
        draft({ rowValues: Array.from({ length: 13 }, (_, i) => i).join(',') }),
        request,
      ),
    ).toMatchObject({ ok: false, problems: { rowValues: 'Give at most 12 values' } });
  });
});
