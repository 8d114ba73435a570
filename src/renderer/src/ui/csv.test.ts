import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes one line per row, ended with CRLF', () => {
    expect(
      toCsv([
        ['asset', 'amount'],
        ['BTC', 0.5],
      ]),
    ).toBe('asset,amount\r\nBTC,0.5\r\n');
  });

  it('quotes a field holding a comma, a quote or a line break, doubling its quotes', () => {
    expect(toCsv([['a, b', 'say "hi"', 'two\nlines']])).toBe(
      '"a, b","say ""hi""","two\nlines"\r\n',
    );
  });

  it('leaves an empty cell for a missing or non-finite number', () => {
    expect(toCsv([[null, Number.NaN, 1]])).toBe(',,1\r\n');
  });

  it('keeps a text cell from running as a spreadsheet formula', () => {
    expect(toCsv([['=HYPERLINK("x")', '-2', '@sum']])).toBe(`"'=HYPERLINK(""x"")",'-2,'@sum\r\n`);
  });

  it('writes negative numbers as numbers', () => {
    expect(toCsv([[-2.5]])).toBe('-2.5\r\n');
  });
});
