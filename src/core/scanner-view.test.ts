import { describe, expect, it } from 'vitest';
import type { ScannerRow } from '../shared/scanner';
import { filterRows, NO_FILTER, rankByNetCarry, sortRows } from './scanner-view';

function row(asset: string, overrides: Partial<ScannerRow> = {}): ScannerRow {
  return {
    asset,
    symbol: `${asset}/USDT:USDT`,
    tracked: false,
    fundingNow: null,
    fundingIntervalHours: 8,
    avg7: null,
    avg14: null,
    avg30: null,
    settlements30: 0,
    basis: null,
    regime: null,
    regimeFrom: null,
    carry: null,
    daily: [],
    ...overrides,
  };
}

const carry = (netAnnualized: number) => ({
  kind: 'perp' as const,
  symbol: 'X',
  netAnnualized,
  breakevenDays: 3,
  feeShare: 0.003,
  days: 30,
});

const ROWS = [
  row('SOL', { fundingNow: 0.1, avg7: 0.05, regime: 'moderate-contango', carry: carry(0.04) }),
  row('BTC', { fundingNow: 0.2, avg7: 0.12, regime: 'moderate-contango', tracked: true }),
  row('DOGE', { fundingNow: -0.3, avg7: -0.2, regime: 'deep-backwardation', carry: carry(-0.1) }),
  row('ADA', { regime: null, carry: carry(0.09) }),
];

const names = (rows: ScannerRow[]) => rows.map((r) => r.asset);

describe('sorting, filtering and ranking the scanner rows', () => {
  it('sorts by funding now either way, with rows lacking the figure last both times', () => {
    expect(names(sortRows(ROWS, { key: 'fundingNow', direction: 'descending' }))).toEqual([
      'BTC',
      'SOL',
      'DOGE',
      'ADA',
    ]);
    expect(names(sortRows(ROWS, { key: 'fundingNow', direction: 'ascending' }))).toEqual([
      'DOGE',
      'SOL',
      'BTC',
      'ADA',
    ]);
  });

  it('sorts by name and by regime from backwardation to extreme contango', () => {
    expect(names(sortRows(ROWS, { key: 'asset', direction: 'ascending' }))).toEqual([
      'ADA',
      'BTC',
      'DOGE',
      'SOL',
    ]);
    expect(names(sortRows(ROWS, { key: 'regime', direction: 'ascending' }))).toEqual([
      'DOGE',
      'BTC',
      'SOL',
      'ADA',
    ]);
  });

  it('filters by part of a name in any case, by regime, by least funding and by untracked', () => {
    expect(names(filterRows(ROWS, { ...NO_FILTER, text: 'o' }))).toEqual(['SOL', 'DOGE']);
    expect(names(filterRows(ROWS, { ...NO_FILTER, regimes: ['moderate-contango'] }))).toEqual([
      'SOL',
      'BTC',
    ]);
    expect(names(filterRows(ROWS, { ...NO_FILTER, minFundingNow: 0.15 }))).toEqual(['BTC']);
    expect(names(filterRows(ROWS, { ...NO_FILTER, untrackedOnly: true }))).toEqual([
      'SOL',
      'DOGE',
      'ADA',
    ]);
  });

  it('ranks only the carries that earn net of fees, best first, up to the count asked', () => {
    expect(names(rankByNetCarry(ROWS, 5))).toEqual(['ADA', 'SOL']);
    expect(names(rankByNetCarry(ROWS, 1))).toEqual(['ADA']);
  });
});
