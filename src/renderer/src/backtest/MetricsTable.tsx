// The four strategies measured the same way, one row each; wide, so it scrolls inside its own box
// on a narrow window rather than widening the page.
import { Table, Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import type { MetricRow } from './backtest-results';
import { WideTable } from '../ui/WideTable';

const NUMERIC: CSSProperties = { textAlign: 'right', whiteSpace: 'nowrap' };
const REGIMES_COLUMN: CSSProperties = { minWidth: 240 };

const COLUMNS: {
  key: keyof Omit<MetricRow, 'name' | 'label' | 'maxDrawdownDates'>;
  head: string;
}[] = [
  { key: 'cagr', head: 'CAGR' },
  { key: 'volatility', head: 'Volatility' },
  { key: 'sharpe', head: 'Sharpe' },
  { key: 'maxDrawdown', head: 'Max drawdown' },
  { key: 'finalMultiple', head: 'Final multiple' },
  { key: 'rebalances', head: 'Rebalances' },
  { key: 'fees', head: 'Fees' },
  { key: 'funding', head: 'Funding' },
  { key: 'timeInRegime', head: 'Time in regime' },
];

export function MetricsTable({ rows, caption }: { rows: readonly MetricRow[]; caption: string }) {
  return (
    <WideTable minWidth={1240} label="Metrics">
      <Table verticalSpacing="xs" horizontalSpacing={8} captionSide="top">
        <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Strategy</Table.Th>
            {COLUMNS.map((c) => (
              <Table.Th
                key={c.key}
                scope="col"
                style={c.key === 'timeInRegime' ? REGIMES_COLUMN : NUMERIC}
              >
                {c.head}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.name}>
              <Table.Th scope="row">{row.label}</Table.Th>
              {COLUMNS.map((c) => (
                <Table.Td key={c.key} style={c.key === 'timeInRegime' ? REGIMES_COLUMN : NUMERIC}>
                  {row[c.key]}
                  {c.key === 'maxDrawdown' && row.maxDrawdownDates !== '' && (
                    <Text size="xs" c="dimmed">
                      {row.maxDrawdownDates}
                    </Text>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
