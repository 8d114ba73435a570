import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, CsvSyntaxError, formatCsv, guardFormula, parseCsv, unguardFormula } from './csv';

const values = (text: string): string[][] =>
  parseCsv(text).map((r) => r.fields.map((f) => f.value));

describe('parseCsv', () => {
  it('reads plain fields separated by commas and records by LF or CRLF', () => {
    expect(values('a,b,c\n1,2,3\r\n4,5,6')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    expect(values('x,"a, b","say ""hi""","two\r\nlines"\n')).toEqual([
      ['x', 'a, b', 'say "hi"', 'two\r\nlines'],
    ]);
  });

  it('skips a byte-order mark, blank lines and the final line break', () => {
    expect(values('\uFEFFa,b\n\n1,2\n\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps empty fields, including a record of one quoted empty field', () => {
    expect(values('a,,c\n""\n,')).toEqual([['a', '', 'c'], [''], ['', '']]);
  });

  it('gives each field the line it starts on and its place in the record', () => {
    const records = parseCsv('h1,h2\n"multi\nline",x\ny,z');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1]?.fields.map((f) => [f.line, f.column])).toEqual([
      [2, 1],
      [3, 2],
    ]);
    expect(records[2]?.fields[1]).toEqual({ value: 'z', line: 4, column: 2 });
  });

  it('refuses a quote left open, naming where the field began', () => {
    expect(() => parseCsv('a,b\n1,"open\n2')).toThrow(
      new CsvSyntaxError(2, 2, 'a quoted field is not closed'),
    );
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrow(
      'line 1, column 1: there is text after the closing quote',
    );
  });
});

describe('writing CSV', () => {
  it('writes numbers as they are and leaves a missing or non-finite number empty', () => {
    expect(formatCsv([['BTC', 0.5, -2.5, null, Number.NaN]])).toBe('BTC,0.5,-2.5,,\r\n');
  });

  it('quotes a field only when it holds a comma, a quote or a line break', () => {
    expect(formatCsv([['plain', 'a,b', 'say "hi"', 'two\nlines']])).toBe(
      'plain,"a,b","say ""hi""","two\nlines"\r\n',
    );
  });

  it.each(['=SUM(A1:A9)', '+1+2', '-2+3', '@cmd', '\tx', "'=already"])(
    'writes %j so that a spreadsheet shows it as text',
    (value) => {
      expect(csvField(value).replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );

  it('writes plain numbers, negative ones included, as they are', () => {
    expect(formatCsv([['-5', '+1.5', '2e-3', '-.5']])).toBe('-5,+1.5,2e-3,-.5\r\n');
  });

  it('reads back exactly what it wrote, whatever the text', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', ',', '"', '\n', '\r', '=', '-', "'", '@', '1', ' '),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { minLength: 2, maxLength: 4 }), { maxLength: 5 }),
        (rows) => {
          const read = parseCsv(formatCsv(rows)).map((r) =>
            r.fields.map((f) => unguardFormula(f.value)),
          );
          expect(read).toEqual(rows);
        },
      ),
    );
  });

  it('undoes its formula guard and nothing else', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(unguardFormula(guardFormula(value))).toBe(value);
      }),
    );
    expect(unguardFormula("'plain")).toBe("'plain");
  });
});
