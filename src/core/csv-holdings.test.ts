import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualHolding } from './buckets-testing';
import { formatManualHoldingsCsv, parseManualHoldingsCsv } from './csv-holdings';

const HEADER = 'asset,amount,where,note\n';

describe('parseManualHoldingsCsv', () => {
  it('reads every row below the header, upper-casing tickers and trimming text', () => {
    expect(
      parseManualHoldingsCsv(
        `\uFEFF${HEADER}btc,0.5,Ledger,"cold, long term"\r\nETH,2, Trezor ,\n`,
      ),
    ).toEqual([
      { asset: 'BTC', amount: 0.5, where: 'Ledger', note: 'cold, long term' },
      { asset: 'ETH', amount: 2, where: 'Trezor', note: '' },
    ]);
  });

  it('names the line, column and field of a bad value and imports nothing', () => {
    const text = `${HEADER}BTC,1,Ledger,\n"ETH",2,"multi\nline",\nSOL,0,Phantom,\n`;
    expect(() => parseManualHoldingsCsv(text)).toThrow(
      'line 5, column 2 (amount): must be above 0',
    );
  });

  it.each([
    ['BTC,abc,Ledger,', 'line 2, column 2 (amount): must be a number'],
    ['BTC,,Ledger,', 'line 2, column 2 (amount): must be a number'],
    ['BTC,0x10,Ledger,', 'line 2, column 2 (amount): must be a number'],
    ['B T C,1,Ledger,', 'line 2, column 1 (asset): must be a ticker'],
    ['BTC,1,,', 'line 2, column 3 (where): say where it is held'],
    ['BTC,1,Ledger', 'line 2: a row has 4 fields (asset,amount,where,note); this one has 3'],
  ])('refuses the row %j', (row, message) => {
    expect(() => parseManualHoldingsCsv(`${HEADER}${row}\n`)).toThrow(message);
  });

  it('refuses a file without the exact header, an empty one, and one with no rows', () => {
    expect(() => parseManualHoldingsCsv('coin,qty,where,note\nBTC,1,x,\n')).toThrow(
      'line 1: the first line must be exactly asset,amount,where,note (it is coin,qty,where,note)',
    );
    expect(() => parseManualHoldingsCsv('')).toThrow('(the file is empty)');
    expect(() => parseManualHoldingsCsv(HEADER)).toThrow('no holdings');
  });

  it('refuses text that is not CSV, saying where', () => {
    expect(() => parseManualHoldingsCsv(`${HEADER}BTC,1,"Ledger\n`)).toThrow(
      'line 2, column 3: a quoted field is not closed',
    );
  });
});

describe('formatManualHoldingsCsv', () => {
  it('guards text a spreadsheet would run as a formula', () => {
    const csv = formatManualHoldingsCsv([
      { ...manualHolding('BTC', 1), where: '=HYPERLINK("x")', note: '@me' },
    ]);
    expect(csv).toBe('asset,amount,where,note\r\nBTC,1,"\'=HYPERLINK(""x"")",\'@me\r\n');
  });

  it('gives back the same holdings when its file is imported', () => {
    const text = fc
      .string({
        unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '=', '-', '+', '@', "'", '1', ' '),
      })
      .map((s) => s.trim());
    const holding = fc.record({
      asset: fc.stringMatching(/^[A-Z0-9]{2,15}$/),
      amount: fc.double({ min: 1e-12, max: 1e12, noNaN: true }),
      where: text.filter((s) => s.length > 0 && s.length <= 80),
      note: text.filter((s) => s.length <= 300),
    });
    fc.assert(
      fc.property(fc.array(holding, { minLength: 1, maxLength: 5 }), (rows) => {
        const holdings = rows.map((r, i) => ({ ...r, id: `h${i}`, updatedAt: 0 }));
        expect(parseManualHoldingsCsv(formatManualHoldingsCsv(holdings))).toEqual(rows);
      }),
    );
  });
});
