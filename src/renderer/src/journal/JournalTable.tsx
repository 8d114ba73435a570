// The journal's entries as a table: one row per order or transfer in its latest state, the status in a
// word beside its colour.
import { Badge, Stack, Table, Text } from '@mantine/core';
import type { JournalRow } from './journal-rows';
import { WideTable } from '../ui/WideTable';

const NUMERIC = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

const HEAD = [
  ['Time', false],
  ['Plan', false],
  ['Account', false],
  ['Venue', false],
  ['Symbol or transfer', false],
  ['Side', false],
  ['Amount', true],
  ['Filled', true],
  ['Average price', true],
  ['Fee', true],
  ['Status', false],
  ['Reason', false],
] as const;

export function JournalTable({ rows }: { rows: JournalRow[] }) {
  return (
    <Stack gap={4}>
      <WideTable minWidth={1300} label="Journal entries">
        <Table aria-label="Journal entries" verticalSpacing="xs" horizontalSpacing={8}>
          <Table.Thead>
            <Table.Tr>
              {HEAD.map(([name, numeric]) => (
                <Table.Th key={name} scope="col" style={numeric ? NUMERIC : undefined}>
                  {name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key} data-testid={`entry-${row.key}`} data-status={row.status}>
                <Table.Td>{row.time}</Table.Td>
                <Table.Td ff="monospace">{row.plan}</Table.Td>
                <Table.Td>{row.account}</Table.Td>
                <Table.Td>{row.venue}</Table.Td>
                <Table.Td>{row.what}</Table.Td>
                <Table.Td>{row.side}</Table.Td>
                <Table.Td style={NUMERIC}>{row.amount}</Table.Td>
                <Table.Td style={NUMERIC}>{row.filled}</Table.Td>
                <Table.Td style={NUMERIC}>{row.price}</Table.Td>
                <Table.Td style={NUMERIC}>{row.fee}</Table.Td>
                <Table.Td>
                  <Badge color={row.statusColor} variant="light" tt="none">
                    {row.statusLabel}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{row.reason}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    </Stack>
  );
}
