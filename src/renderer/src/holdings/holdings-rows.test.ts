import { describe, expect, it } from 'vitest';
import { accountMeta, portfolioBuckets, portfolioView } from '../../../shared/portfolio-testing';
import {
  ariaSort,
  DEFAULT_SORT,
  filterRows,
  groupRows,
  holdingRows,
  holdingsCsvRows,
  nextSort,
  priceOf,
  sortRows,
  type HoldingRow,
} from './holdings-rows';

const view = portfolioView({
  accounts: [accountMeta({ id: 'acc-1', label: 'Main' })],
  manual: [
    { id: 'm1', asset: 'BTC', amount: 0.25, where: 'Cold wallet', note: '', updatedAt: 1 },
    { id: 'm2', asset: 'DOGE', amount: 1000, where: 'Cold wallet', note: '', updatedAt: 1 },
  ],
  buckets: portfolioBuckets({ untracked: [{ asset: 'DOGE', quantity: 1000, value: 150 }] }),
});

describe('holdingRows', () => {
  it('lists spot and futures wallets per account and every manual holding, valued at the portfolio’s prices', () => {
    const rows = holdingRows(view);
    expect(rows.map((r) => [r.source, r.asset, r.kind, r.quantity, r.value])).toEqual([
      ['Main', 'BTC', 'spot', 1, 50_000],
      ['Main', 'USDT', 'spot', 40_000, 40_000],
      ['Main', 'USDT', 'futures', 10_000, 10_000],
      ['Cold wallet', 'BTC', 'manual', 0.25, 12_500],
      ['Cold wallet', 'DOGE', 'manual', 1000, 150],
    ]);
  });

  it('leaves the value empty for a coin the portfolio has no price for', () => {
    const unpriced = portfolioView({
      manual: [{ id: 'm', asset: 'XYZ', amount: 3, where: 'Friend', note: '', updatedAt: 1 }],
    });
    const row = holdingRows(unpriced).find((r) => r.asset === 'XYZ');
    expect(row).toMatchObject({ price: null, value: null });
  });
});

describe('priceOf', () => {
  it('derives an untracked coin’s price from its value', () => {
    expect(priceOf(view, 'DOGE')).toBeCloseTo(0.15);
  });
});

describe('groupRows', () => {
  it('gathers rows by where they are held, with each group’s total', () => {
    const groups = groupRows(holdingRows(view), 'source');
    expect(groups.map((g) => [g.title, g.rows.length, g.value])).toEqual([
      ['Main', 3, 100_000],
      ['Cold wallet', 2, 12_650],
    ]);
  });

  it('gathers rows by asset, and leaves a total out when a row has no value', () => {
    const rows: HoldingRow[] = [
      ...holdingRows(view),
      {
        key: 'x',
        source: 'Friend',
        asset: 'BTC',
        kind: 'manual',
        quantity: 1,
        price: null,
        value: null,
      },
    ];
    const btc = groupRows(rows, 'asset').find((g) => g.title === 'BTC');
    expect(btc?.rows).toHaveLength(3);
    expect(btc?.value).toBeNull();
  });
});

describe('filterRows', () => {
  it('keeps rows whose asset, place or wallet contains the text, in any case', () => {
    const rows = holdingRows(view);
    expect(filterRows(rows, 'doge').map((r) => r.asset)).toEqual(['DOGE']);
    expect(filterRows(rows, 'COLD')).toHaveLength(2);
    expect(filterRows(rows, 'futures').map((r) => r.kind)).toEqual(['futures']);
    expect(filterRows(rows, '  ')).toHaveLength(rows.length);
  });
});

describe('sorting', () => {
  it('starts with the largest value first', () => {
    const sorted = sortRows(holdingRows(view), DEFAULT_SORT);
    expect(sorted.map((r) => r.value)).toEqual([50_000, 40_000, 12_500, 10_000, 150]);
  });

  it('flips the direction on the same column and starts a text column from A', () => {
    expect(nextSort(DEFAULT_SORT, 'value')).toEqual({ column: 'value', direction: 'ascending' });
    expect(nextSort(DEFAULT_SORT, 'asset')).toEqual({ column: 'asset', direction: 'ascending' });
    expect(nextSort(DEFAULT_SORT, 'quantity')).toEqual({
      column: 'quantity',
      direction: 'descending',
    });
  });

  it('sorts text columns alphabetically with ties broken by asset', () => {
    const sorted = sortRows(holdingRows(view), { column: 'source', direction: 'ascending' });
    expect(sorted.map((r) => `${r.source}/${r.asset}`)).toEqual([
      'Cold wallet/BTC',
      'Cold wallet/DOGE',
      'Main/BTC',
      'Main/USDT',
      'Main/USDT',
    ]);
  });

  it('puts rows without the figure last in either direction', () => {
    const rows: HoldingRow[] = [
      { key: 'a', source: 'X', asset: 'A', kind: 'manual', quantity: 1, price: null, value: null },
      { key: 'b', source: 'X', asset: 'B', kind: 'manual', quantity: 1, price: 2, value: 2 },
    ];
    expect(sortRows(rows, { column: 'value', direction: 'ascending' })[1]?.key).toBe('a');
    expect(sortRows(rows, { column: 'value', direction: 'descending' })[1]?.key).toBe('a');
  });

  it('marks only the sorted column’s header', () => {
    expect(ariaSort(DEFAULT_SORT, 'value')).toBe('descending');
    expect(ariaSort(DEFAULT_SORT, 'asset')).toBe('none');
  });
});

describe('holdingsCsvRows', () => {
  it('writes a header and plain numbers, with empty cells where there is no price', () => {
    const rows: HoldingRow[] = [
      {
        key: 'a',
        source: 'Main',
        asset: 'BTC',
        kind: 'spot',
        quantity: 1.5,
        price: 50_000,
        value: 75_000,
      },
      {
        key: 'b',
        source: 'Friend',
        asset: 'XYZ',
        kind: 'manual',
        quantity: 3,
        price: null,
        value: null,
      },
    ];
    expect(holdingsCsvRows(rows)).toEqual([
      ['held_at', 'asset', 'wallet', 'quantity', 'price_usdt', 'value_usdt'],
      ['Main', 'BTC', 'Spot wallet', 1.5, 50_000, 75_000],
      ['Friend', 'XYZ', 'Held elsewhere', 3, null, null],
    ]);
  });
});
