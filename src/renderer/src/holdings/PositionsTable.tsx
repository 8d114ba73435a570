// Open futures positions of every account.
import { Table, Text } from '@mantine/core';
import type { PositionRow } from './positions';
import { WideTable } from '../ui/WideTable';

const NUMERIC = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;
const COLUMNS = [
  ['Account', false],
  ['Side', false],
  ['Contracts', true],
  ['Quantity', true],
  ['Entry', true],
  ['Mark', true],
  ['Unrealized P&L', true],
  ['Leverage', true],
  ['Margin', false],
  ['Liquidation', true],
] as const;

export function PositionsTable({ rows }: { rows: PositionRow[] }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No open futures positions.
      </Text>
    );
  }
  return (
    <WideTable minWidth={900} label="Futures positions">
      <Table aria-label="Futures positions" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Contract</Table.Th>
            {COLUMNS.map(([label, numeric]) => (
              <Table.Th key={label} scope="col" style={numeric ? NUMERIC : undefined}>
                {label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row">
                <Text fw={600} size="sm">
                  {r.symbol}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.contract}
                </Text>
              </Table.Th>
              <Table.Td>{r.account}</Table.Td>
              <Table.Td c={r.side === 'long' ? 'teal' : 'red'}>{r.sideText}</Table.Td>
              <Table.Td style={NUMERIC}>{r.contracts}</Table.Td>
              <Table.Td style={NUMERIC}>{r.quantity}</Table.Td>
              <Table.Td style={NUMERIC}>{r.entry}</Table.Td>
              <Table.Td style={NUMERIC}>{r.mark}</Table.Td>
              <Table.Td
                style={NUMERIC}
                c={r.pnlSign > 0 ? 'teal' : r.pnlSign < 0 ? 'red' : undefined}
              >
                {r.unrealizedPnl}
              </Table.Td>
              <Table.Td style={NUMERIC}>{r.leverage}</Table.Td>
              <Table.Td>{r.marginMode}</Table.Td>
              <Table.Td style={NUMERIC}>{r.liquidation}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
