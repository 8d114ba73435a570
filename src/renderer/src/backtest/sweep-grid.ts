// A sweep's answer as two heat maps the page draws as tables: CAGR and max drawdown for every pair
// of values, shaded from the grid's worst to its best, with the user's own setting marked.
import { formatPercent, MISSING } from '../../../core/format';
import type {
  BacktestSweepResult,
  SweepAxis,
  SweepMetrics,
  SweepParameter,
} from '../../../shared/backtest-sweep';
import { SWEEP_PARAMETER_LABELS, SWEEP_PARAMETER_UNITS } from '../../../shared/backtest-sweep';
import { sweepValueText } from './sweep-form';

export type SweepMetric = 'cagr' | 'maxDrawdown';

export const SWEEP_METRIC_LABELS: Record<SweepMetric, string> = {
  cagr: 'CAGR',
  maxDrawdown: 'Max drawdown',
};

export interface SweepGridCell {
  text: string;
  /** 0 for the grid's worst figure, 1 for its best; null for a cell that did not run. */
  shade: number | null;
  /** Whether this is the pair of values the backtest above uses. */
  current: boolean;
  /** Said on hover and to screen readers: the figure with its pair of values, or why it did not run. */
  description: string;
}

export interface SweepGrid {
  metric: SweepMetric;
  rowLabel: string;
  columnLabel: string;
  rowHeads: string[];
  columnHeads: string[];
  cells: SweepGridCell[][];
}

/** A parameter's value as a heading: "8%", "1.5σ", "14 d". */
export function sweepValueHead(parameter: SweepParameter, value: number): string {
  const text = sweepValueText(parameter, value).replace('-', '\u2212');
  switch (SWEEP_PARAMETER_UNITS[parameter]) {
    case 'rate':
      return `${text}%`;
    case 'multiple':
      return `${text}σ`;
    case 'days':
      return `${text} d`;
  }
}

const sameValue = (a: number, b: number | null) => b !== null && Math.abs(a - b) < 1e-12;

/** Both metrics are better when higher: a drawdown of −10% beats one of −40%. */
function shades(values: readonly (number | null)[]): (number | null)[] {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    return high > low ? (v - low) / (high - low) : 0.5;
  });
}

function axisHeads(axis: SweepAxis): string[] {
  return axis.values.map((v) => sweepValueHead(axis.parameter, v));
}

/** The grid of one metric, with `current` the values of the two parameters the backtest uses. */
export function sweepGrid(
  result: BacktestSweepResult,
  metric: SweepMetric,
  current: { row: number | null; column: number | null },
): SweepGrid {
  const { rows, columns } = result;
  const rowHeads = axisHeads(rows);
  const columnHeads = axisHeads(columns);
  const flat = result.cells.flat();
  const figure = (m: SweepMetrics) => m[metric];
  const shade = shades(flat.map((c) => (c.ok ? figure(c.metrics) : null)));
  const width = columns.values.length;
  const cells = result.cells.map((row, r) =>
    row.map((cell, c): SweepGridCell => {
      const at = `${SWEEP_PARAMETER_LABELS[rows.parameter]} ${rowHeads[r]}, ${SWEEP_PARAMETER_LABELS[columns.parameter]} ${columnHeads[c]}`;
      const isCurrent =
        sameValue(rows.values[r] as number, current.row) &&
        sameValue(columns.values[c] as number, current.column);
      const mine = isCurrent ? ' (your setting)' : '';
      if (!cell.ok) {
        return {
          text: MISSING,
          shade: null,
          current: isCurrent,
          description: `${at}${mine}: not run, ${cell.problem}`,
        };
      }
      const text = formatPercent(figure(cell.metrics), 1);
      return {
        text,
        shade: shade[r * width + c] ?? null,
        current: isCurrent,
        description: `${at}${mine}: ${SWEEP_METRIC_LABELS[metric]} ${text}`,
      };
    }),
  );
  return {
    metric,
    rowLabel: SWEEP_PARAMETER_LABELS[rows.parameter],
    columnLabel: SWEEP_PARAMETER_LABELS[columns.parameter],
    rowHeads,
    columnHeads,
    cells,
  };
}

/**
 * A shade as a background: red through the page's own colour to green, translucent so the text
 * keeps its contrast in either theme.
 */
export function shadeBackground(shade: number | null): string | undefined {
  if (shade === null) return undefined;
  const strength = Math.abs(shade - 0.5) * 2;
  const alpha = (0.08 + 0.34 * strength).toFixed(2);
  return shade >= 0.5 ? `rgba(47, 158, 68, ${alpha})` : `rgba(224, 49, 49, ${alpha})`;
}

/** One line on how the grid reads: the best cell and the spread, so the map is not the only cue. */
export function sweepSummary(result: BacktestSweepResult): string {
  let best: { cagr: number; r: number; c: number } | null = null;
  let ran = 0;
  for (const [r, row] of result.cells.entries()) {
    for (const [c, cell] of row.entries()) {
      if (!cell.ok) continue;
      ran += 1;
      if (best === null || cell.metrics.cagr > best.cagr) best = { cagr: cell.metrics.cagr, r, c };
    }
  }
  const total = result.rows.values.length * result.columns.values.length;
  if (best === null) return `None of the ${total} pairs of values is a usable policy.`;
  const { r, c, cagr } = best;
  const { rows, columns } = result;
  const skipped = total - ran;
  return `${ran} of ${total} pairs ran${skipped ? ` (${skipped} not a usable policy)` : ''}, ${result.window.from} to ${result.window.to}. Best CAGR ${formatPercent(cagr, 1)} at ${SWEEP_PARAMETER_LABELS[rows.parameter].toLowerCase()} ${sweepValueHead(rows.parameter, rows.values[r] as number)} and ${SWEEP_PARAMETER_LABELS[columns.parameter].toLowerCase()} ${sweepValueHead(columns.parameter, columns.values[c] as number)}.`;
}
