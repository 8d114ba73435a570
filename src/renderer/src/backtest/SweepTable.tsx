// One metric of a sweep as a heat map that is also a real table: headed rows and columns, each cell
// shaded from the grid's worst to its best and described in words, the user's own setting outlined.
import { Table, VisuallyHidden } from '@mantine/core';
import type { CSSProperties } from 'react';
import { shadeBackground, SWEEP_METRIC_LABELS, type SweepGrid } from './sweep-grid';
import { WideTable } from '../ui/WideTable';

const CELL: CSSProperties = { textAlign: 'right', whiteSpace: 'nowrap' };
const CURRENT: CSSProperties = {
  outline: '2px solid var(--mantine-color-text)',
  outlineOffset: -2,
  fontWeight: 700,
};

export function SweepTable({ grid }: { grid: SweepGrid }) {
  const label = SWEEP_METRIC_LABELS[grid.metric];
  return (
    <WideTable
      minWidth={120 + grid.columnHeads.length * 72}
      label={`${label} by ${grid.rowLabel.toLowerCase()} and ${grid.columnLabel.toLowerCase()}`}
    >
      <Table
        captionSide="top"
        horizontalSpacing={6}
        verticalSpacing={4}
        withTableBorder
        data-testid={`sweep-${grid.metric}`}
      >
        <Table.Caption style={{ textAlign: 'left' }}>
          {label} of the regime policy: rows {grid.rowLabel.toLowerCase()}, columns{' '}
          {grid.columnLabel.toLowerCase()}. Greener is better; your setting is outlined.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <VisuallyHidden>
                {grid.rowLabel} down, {grid.columnLabel} across
              </VisuallyHidden>
            </Table.Th>
            {grid.columnHeads.map((head) => (
              <Table.Th key={head} scope="col" style={CELL}>
                {head}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.cells.map((row, r) => (
            <Table.Tr key={grid.rowHeads[r]}>
              <Table.Th scope="row" style={CELL}>
                {grid.rowHeads[r]}
              </Table.Th>
              {row.map((cell, c) => (
                <Table.Td
                  key={grid.columnHeads[c]}
                  title={cell.description}
                  aria-label={cell.description}
                  data-current={cell.current || undefined}
                  style={{
                    ...CELL,
                    background: shadeBackground(cell.shade),
                    ...(cell.current ? CURRENT : {}),
                  }}
                >
                  {cell.text}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
