// A CSV file written from rows of cells (RFC 4180): fields quoted when they hold a comma, a quote or a
// line break, lines ended with CRLF. A text cell a spreadsheet would run as a formula (=, +, -, @ at
// its start) is written with a leading apostrophe, so an exported label can never run as one.
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
