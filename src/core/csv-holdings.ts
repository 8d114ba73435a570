// Manual holdings as a CSV file (`asset,amount,where,note`): read all or nothing, every row checked
// with the same schema as a holding typed in, and a bad one named by line, column and field.
import { issueText } from '../shared/issue-text';
import type { ManualHolding, ManualHoldingInput } from '../shared/portfolio';
import { MANUAL_HOLDINGS_CSV_HEADER, manualHoldingInputSchema } from '../shared/portfolio';
import type { CsvField } from './csv';
import { CsvSyntaxError, formatCsv, parseCsv, unguardFormula } from './csv';

export type ParsedManualHolding = Required<
  Pick<ManualHoldingInput, 'asset' | 'amount' | 'where' | 'note'>
>;

/** Why a file of manual holdings was refused, in words that say where to look. */
export class ManualHoldingsCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManualHoldingsCsvError';
  }
}

const HEADER_TEXT = MANUAL_HOLDINGS_CSV_HEADER.join(',');
// Decimal notation only: Number() would also take "0x10", "Infinity" or an empty cell as 0.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function amountOf(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
}

function where(field: CsvField | undefined, line: number, name: string): string {
  const column = field?.column ?? MANUAL_HOLDINGS_CSV_HEADER.indexOf(name as never) + 1;
  return `line ${field?.line ?? line}, column ${column} (${name})`;
}

/**
 * The holdings in a CSV file whose first line is exactly `asset,amount,where,note`. Any problem (not
 * CSV, another header, a row with too few or too many fields, a value the schema refuses, no rows at
 * all) is a ManualHoldingsCsvError naming the first one, e.g. `line 4, column 2 (amount): must be
 * above 0`, and no holding of the file is returned. Amounts are above 0, so a leading minus sign
 * never needs the formula guard undone; text fields have it undone (see `guardFormula`).
 */
export function parseManualHoldingsCsv(text: string): ParsedManualHolding[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ManualHoldingsCsvError(error.message);
    throw error;
  }
  const [header, ...rows] = records;
  const found = header?.fields.map((f) => f.value.trim()).join(',');
  if (header === undefined || found !== HEADER_TEXT) {
    throw new ManualHoldingsCsvError(
      `line ${header?.line ?? 1}: the first line must be exactly ${HEADER_TEXT}` +
        (found ? ` (it is ${found})` : ' (the file is empty)'),
    );
  }
  if (rows.length === 0) {
    throw new ManualHoldingsCsvError('the file lists no holdings below its header line');
  }
  return rows.map((row) => {
    if (row.fields.length !== MANUAL_HOLDINGS_CSV_HEADER.length) {
      throw new ManualHoldingsCsvError(
        `line ${row.line}: a row has ${MANUAL_HOLDINGS_CSV_HEADER.length} fields ` +
          `(${HEADER_TEXT}); this one has ${row.fields.length}`,
      );
    }
    const [asset, amount, place, note] = row.fields.map((f) => f.value);
    const parsed = manualHoldingInputSchema.safeParse({
      asset: unguardFormula(asset ?? ''),
      amount: amountOf(amount ?? ''),
      where: unguardFormula(place ?? ''),
      note: unguardFormula(note ?? ''),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const name = String(issue?.path[0] ?? 'asset');
      const field = row.fields[MANUAL_HOLDINGS_CSV_HEADER.indexOf(name as never)];
      throw new ManualHoldingsCsvError(
        `${where(field, row.line, name)}: ${issue ? issueText(issue) : 'is not valid'}`,
      );
    }
    return parsed.data;
  });
}

/** The holdings as a CSV file with the header line, safe to open in a spreadsheet. */
export function formatManualHoldingsCsv(holdings: readonly ManualHolding[]): string {
  return formatCsv([
    [...MANUAL_HOLDINGS_CSV_HEADER],
    ...holdings.map((h) => [h.asset, String(h.amount), h.where, h.note]),
  ]);
}
