// Annualized funding by asset and UTC day, the top rows of the current sort: a table shaded like a
// heat map, each cell's figure printed on it and described in words to a screen reader.
import { Group, NativeSelect, Table, Text } from '@mantine/core';
import { formatPercent } from '../../../core/format';
import type { ScannerRow } from '../../../shared/scanner';
import { dayHeading, heatColor, heatLabel, HEAT_TEXT } from './heat';
import { WideTable } from '../ui/WideTable';

export const HEATMAP_SIZES = [10, 20, 50, 100] as const;

export interface CarryHeatmapProps {
  rows: readonly ScannerRow[];
  days: readonly number[];
  size: number;
  onSize: (size: number) => void;
  sortedBy: string;
}

export function CarryHeatmap({ rows, days, size, onSize, sortedBy }: CarryHeatmapProps) {
  const shown = rows.slice(0, size);
  return (
    <div>
      <Group justify="space-between" align="end" mb="xs">
        <Text size="sm" c="dimmed">
          Each day’s settlements annualized: warm where longs paid shorts, cool where shorts paid
          longs. The first {shown.length} by {sortedBy}.
        </Text>
        <NativeSelect
          label="Assets in the heat map"
          data={HEATMAP_SIZES.map((n) => ({ value: String(n), label: `Top ${n}` }))}
          value={String(size)}
          onChange={(e) => onSize(Number(e.currentTarget.value))}
          w={160}
        />
      </Group>
      <WideTable minWidth={120 + days.length * 64} label="Funding heat map">
        <Table
          verticalSpacing={4}
          horizontalSpacing={4}
          captionSide="top"
          withRowBorders={false}
          aria-label="Funding heat map"
        >
          <Table.Caption style={{ textAlign: 'left' }}>
            Annualized funding by asset and UTC day, today last (partial)
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Asset</Table.Th>
              {days.map((day) => (
                <Table.Th key={day} scope="col" style={{ textAlign: 'center', fontSize: 12 }}>
                  {dayHeading(day)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={row.asset}>
                <Table.Th scope="row">{row.asset}</Table.Th>
                {days.map((day, i) => {
                  const value = row.daily[i] ?? null;
                  const label = heatLabel(row.asset, day, value);
                  return (
                    <Table.Td
                      key={day}
                      aria-label={label}
                      title={label}
                      style={{
                        background: heatColor(value),
                        color: HEAT_TEXT,
                        textAlign: 'center',
                        fontSize: 12,
                        whiteSpace: 'nowrap',
                      }}
                    >
                      {value === null ? '·' : formatPercent(value, 0)}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    </div>
  );
}
