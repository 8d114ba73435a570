// CSV as RFC 4180 writes it, read so that every field remembers where it stood (its line and column)
// and a bad value can be named to the user exactly, and written so that a spreadsheet opening the
// file never runs a cell as a formula.

/** One field as read, with the 1-based line it starts on and its 1-based place in its record. */
export interface CsvField {
  value: string;
  line: number;
  column: number;
}

/** One record: its fields, and the line it starts on. */
export interface CsvRecord {
  line: number;
  fields: CsvField[];
}

/** Text that is not CSV at all (a quote left open), with where it went wrong. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  readonly column: number;

  constructor(line: number, column: number, problem: string) {
    super(`line ${line}, column ${column}: ${problem}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
    this.column = column;
  }
}

/**
 * Reads CSV text: fields separated by commas, records by CRLF or LF (a lone CR too); a field in
 * double quotes may hold commas, line breaks and quotes written twice. A leading byte-order mark is
 * skipped, and so are blank lines (a file's final line break adds no empty record). Throws a
 * CsvSyntaxError for a quote left open or text after a closing quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  let fields: CsvField[] = [];
  let recordLine = 1;
  // Whether the current record has begun: a blank line never does.
  let started = false;

  const endRecord = (): void => {
    const blank = fields.length === 1 && fields[0]?.value === '' && !started;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    started = false;
  };

  while (i <= src.length) {
    const fieldLine = line;
    const column = fields.length + 1;
    if (fields.length === 0) recordLine = line;
    let value = '';
    if (src[i] === '"') {
      started = true;
      i += 1;
      for (;;) {
        if (i >= src.length) {
          throw new CsvSyntaxError(fieldLine, column, 'a quoted field is not closed');
        }
        const ch = src[i] as string;
        if (ch === '"') {
          if (src[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line += 1;
        value += ch;
        i += 1;
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(line, column, 'there is text after the closing quote of a field');
      }
    } else {
      const start = i;
      while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') i += 1;
      value = src.slice(start, i);
      if (value !== '') started = true;
    }
    fields.push({ value, line: fieldLine, column });
    const sep = src[i];
    if (sep === ',') {
      started = true;
      i += 1;
      continue;
    }
    endRecord();
    if (sep === undefined) break;
    i += sep === '\r' && src[i + 1] === '\n' ? 2 : 1;
    line += 1;
    if (i === src.length) break;
  }
  return records;
}

// Characters a spreadsheet takes as the start of a formula (tab and CR too, which some of them skip
// before looking).
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;
// A plain decimal number is never a formula, so a negative amount is written as it is.
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The cell's text made safe to open in a spreadsheet: one that could start a formula (= + - @, tab,
 * CR, possibly after apostrophes) gets a leading apostrophe, which spreadsheets show as text. A plain
 * number (−5, +1.5) is left as it is. `unguardFormula` undoes it exactly, for any text.
 */
export function guardFormula(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The text `guardFormula` was given. */
export function unguardFormula(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return GUARDED.test(value) ? value.slice(1) : value;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as CSV: guarded against formulas, and quoted (quotes doubled) when it must be. */
export function csvField(value: string): string {
  const safe = guardFormula(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A cell to write: text, a number (empty when not finite), or nothing. */
export type CsvCell = string | number | null;

function cellText(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return cell;
}

/** Records as CSV text, each ended by CRLF as RFC 4180 has it. */
export function formatCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${row.map((cell) => csvField(cellText(cell))).join(',')}\r\n`).join('');
}
