// Every perpetual the venue lists, one row each, sortable by any column (a real button in each
// heading, its order told by aria-sort), with a Track button for the assets not tracked yet. Wide: it
// scrolls sideways inside its own focusable box on a narrow window.
import { Button, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { ScannerSort, ScannerSortKey } from '../../../core/scanner-view';
import { formatPercent, MISSING } from '../../../core/format';
import type { ScannerRow } from '../../../shared/scanner';
import { RegimeBadge } from '../ui/RegimeBadge';
import { regimeText } from './heat';
import { WideTable } from '../ui/WideTable';

const COLUMNS: { key: ScannerSortKey; head: string; numeric: boolean }[] = [
  { key: 'asset', head: 'Asset', numeric: false },
  { key: 'fundingNow', head: 'Funding now', numeric: true },
  { key: 'avg7', head: '7-day avg', numeric: true },
  { key: 'avg14', head: '14-day avg', numeric: true },
  { key: 'avg30', head: '30-day avg', numeric: true },
  { key: 'basis', head: 'Nearest basis', numeric: true },
  { key: 'regime', head: 'Regime', numeric: false },
  { key: 'carry', head: 'Best carry, net', numeric: true },
];

const NUMERIC = { textAlign: 'right', whiteSpace: 'nowrap' } as const;
const percent = (value: number | null) => (value === null ? MISSING : formatPercent(value));

export interface ScannerTableProps {
  rows: readonly ScannerRow[];
  sort: ScannerSort;
  onSort: (key: ScannerSortKey) => void;
  onTrack: (asset: string) => void;
  busy: boolean;
}

function cell(row: ScannerRow, key: ScannerSortKey) {
  switch (key) {
    case 'asset':
      return null;
    case 'basis':
      return row.basis ? (
        <>
          {formatPercent(row.basis.annualized)}
          <Text component="div" size="xs" c="dimmed">
            {row.basis.symbol.split('-').pop()}
          </Text>
        </>
      ) : (
        <span title="No dated future trades">{MISSING}</span>
      );
    case 'regime':
      return row.regime ? (
        <span title={regimeText(row.regime, row.regimeFrom)}>
          <RegimeBadge regime={row.regime} size="sm" />
          <VisuallyHidden>
            {row.regimeFrom === 'funding-7d' ? ' (by 7-day funding)' : ''}
          </VisuallyHidden>
        </span>
      ) : (
        <span title={regimeText(null, null)}>{MISSING}</span>
      );
    case 'carry':
      return row.carry ? (
        <>
          {formatPercent(row.carry.netAnnualized)}
          <Text component="div" size="xs" c="dimmed">
            {row.carry.kind === 'perp' ? 'perpetual' : 'dated'}
          </Text>
        </>
      ) : (
        MISSING
      );
    case 'avg7':
    case 'avg14':
    case 'avg30':
      return <span title={`${row.settlements30} settlements in 30 days`}>{percent(row[key])}</span>;
    default:
      return percent(row[key]);
  }
}

export function ScannerTable({ rows, sort, onSort, onTrack, busy }: ScannerTableProps) {
  return (
    <WideTable minWidth={960} label="Perpetuals">
      <Table verticalSpacing="xs" horizontalSpacing={8} captionSide="top" striped>
        <Table.Caption style={{ textAlign: 'left' }}>
          Perpetuals: funding annualized, averages of what settled, carry net of fees in and out
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((c) => {
              const current = sort.key === c.key;
              return (
                <Table.Th
                  key={c.key}
                  scope="col"
                  style={c.numeric ? NUMERIC : undefined}
                  aria-sort={current ? sort.direction : 'none'}
                >
                  <UnstyledButton
                    onClick={() => onSort(c.key)}
                    fw={700}
                    fz="sm"
                    aria-label={`Sort by ${c.head.toLowerCase()}${current ? `, now ${sort.direction}` : ''}`}
                  >
                    {c.head}
                    {current ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </UnstyledButton>
                </Table.Th>
              );
            })}
            <Table.Th scope="col">
              <VisuallyHidden>Track</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.asset} data-asset={row.asset}>
              <Table.Th scope="row">{row.asset}</Table.Th>
              {COLUMNS.slice(1).map((c) => (
                <Table.Td key={c.key} style={c.numeric ? NUMERIC : undefined}>
                  {cell(row, c.key)}
                </Table.Td>
              ))}
              <Table.Td>
                {row.tracked ? (
                  <Text size="xs" c="dimmed">
                    Tracked
                  </Text>
                ) : (
                  <Button
                    size="compact-xs"
                    variant="light"
                    disabled={busy}
                    onClick={() => onTrack(row.asset)}
                    aria-label={`Track ${row.asset}`}
                  >
                    Track
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
