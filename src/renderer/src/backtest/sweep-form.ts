// The sweep's form: which two parameters, and the values of each as typed (percents for levels),
// read into a sweep request on top of the backtest the page would run, or the reasons it cannot be.
import type { BacktestRequestInput } from '../../../shared/backtest';
import {
  backtestSweepRequestSchema,
  SWEEP_PARAMETER_UNITS,
  type BacktestSweepRequestInput,
  type SweepParameter,
} from '../../../shared/backtest-sweep';
import { decimalToPercentText, numberToText, readNumberText } from '../ui/number-text';

export interface SweepDraft {
  rows: SweepParameter;
  rowValues: string;
  columns: SweepParameter;
  columnValues: string;
}

export type SweepDraftField = keyof SweepDraft;
export type SweepProblems = Partial<Record<SweepDraftField, string>>;
export type SweepReading =
  { ok: true; request: BacktestSweepRequestInput } | { ok: false; problems: SweepProblems };

/** Values worth trying for each parameter, in the units the form shows. */
const SPREADS: Record<SweepParameter, readonly number[]> = {
  moderateFrom: [2, 4, 6, 8, 10, 12],
  extremeAbove: [15, 20, 25, 30, 40, 50],
  deepBelow: [-20, -15, -10, -5, 0],
  extremeExit: [2, 4, 6, 8, 10],
  kModerate: [0.25, 0.5, 0.75, 1],
  kExtreme: [1, 1.5, 2, 2.5, 3],
  averagingWindowDays: [1, 3, 7, 14, 30],
};

/** A value of the parameter as the form writes it: 0.05 of a level is "5". */
export function sweepValueText(parameter: SweepParameter, value: number): string {
  return SWEEP_PARAMETER_UNITS[parameter] === 'rate'
    ? decimalToPercentText(value)
    : numberToText(value);
}

/** The value the backtest would use for the parameter, so the grid can mark "your setting". */
export function currentSweepValue(
  request: BacktestRequestInput,
  parameter: SweepParameter,
): number | null {
  const thresholds = request.policy?.thresholds;
  switch (parameter) {
    case 'kModerate':
      return thresholds?.historyK?.moderate ?? null;
    case 'kExtreme':
      return thresholds?.historyK?.extreme ?? null;
    case 'averagingWindowDays':
      return request.policy?.averagingWindowDays ?? null;
    default:
      return thresholds?.fixed?.[parameter] ?? null;
  }
}

/** The values offered for a parameter: a useful spread, with the current value among them. */
export function defaultSweepValues(
  parameter: SweepParameter,
  request: BacktestRequestInput | null,
): string {
  const shown = [...SPREADS[parameter]];
  const current = request ? currentSweepValue(request, parameter) : null;
  if (current !== null) {
    const text = sweepValueText(parameter, current);
    if (!shown.some((v) => numberToText(v) === text)) shown.push(Number(text));
  }
  return shown
    .sort((a, b) => a - b)
    .map(numberToText)
    .join(', ');
}

/** The sweep the page starts with: the two thresholds of the mode the backtest uses. */
export function initialSweepDraft(request: BacktestRequestInput | null): SweepDraft {
  const history = request?.policy?.thresholds?.mode === 'history';
  const rows: SweepParameter = history ? 'kModerate' : 'moderateFrom';
  const columns: SweepParameter = history ? 'kExtreme' : 'extremeAbove';
  return {
    rows,
    rowValues: defaultSweepValues(rows, request),
    columns,
    columnValues: defaultSweepValues(columns, request),
  };
}

function readValues(
  text: string,
  parameter: SweepParameter,
): { ok: true; values: number[] } | { ok: false; problem: string } {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, problem: 'Enter at least one value' };
  const scale = SWEEP_PARAMETER_UNITS[parameter] === 'rate' ? 0.01 : 1;
  const values: number[] = [];
  for (const part of parts) {
    const reading = readNumberText(part);
    if (!reading.ok) return { ok: false, problem: `“${part}”: ${reading.problem.toLowerCase()}` };
    // Rounded so 7 % is exactly the 0.07 a threshold field would save.
    values.push(Number((reading.value * scale).toPrecision(12)));
  }
  return { ok: true, values };
}

const FIELD_OF_PATH: Record<string, SweepDraftField> = {
  rows: 'rowValues',
  columns: 'columnValues',
  'columns.parameter': 'columns',
};

/** The sweep request for the draft over the backtest `request`, or what stands in its way. */
export function readSweepDraft(draft: SweepDraft, request: BacktestRequestInput): SweepReading {
  const problems: SweepProblems = {};
  const rows = readValues(draft.rowValues, draft.rows);
  const columns = readValues(draft.columnValues, draft.columns);
  if (!rows.ok) problems.rowValues = rows.problem;
  if (!columns.ok) problems.columnValues = columns.problem;
  if (!rows.ok || !columns.ok) return { ok: false, problems };
  const sweep: BacktestSweepRequestInput = {
    request,
    rows: { parameter: draft.rows, values: rows.values },
    columns: { parameter: draft.columns, values: columns.values },
  };
  const checked = backtestSweepRequestSchema.safeParse(sweep);
  if (checked.success) return { ok: true, request: sweep };
  for (const issue of checked.error.issues) {
    const [axis, key, index] = issue.path;
    const field =
      FIELD_OF_PATH[`${String(axis)}.${String(key)}`] ?? FIELD_OF_PATH[String(axis)] ?? null;
    if (field === null) continue;
    const which = typeof index === 'number' ? `Value ${index + 1}: ` : '';
    const words = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
    problems[field] ??= which ? `${which}${issue.message}` : words;
  }
  if (Object.keys(problems).length === 0) {
    problems.rowValues = 'Check the backtest settings above first';
  }
  return { ok: false, problems };
}
