// Every holding in one table, grouped by where it is held or by asset, filtered and sorted by the
// user. Column headers are buttons that sort, and say how the table is sorted.
import { Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { Fragment } from 'react';
import { formatPrice, MISSING } from '../../../core/format';
import { formatQuantity } from '../portfolio/value-text';
import {
  ariaSort,
  HOLDING_COLUMNS,
  HOLDING_KIND_LABELS,
  type HoldingColumn,
  type HoldingGroup,
  type SortState,
} from './holdings-rows';
import { WideTable } from '../ui/WideTable';

const NUMERIC = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function HoldingsTable({
  groups,
  sort,
  onSort,
}: {
  groups: HoldingGroup[];
  sort: SortState;
  onSort: (column: HoldingColumn) => void;
}) {
  return (
    <WideTable minWidth={640} label="Holdings">
      <Table aria-label="Holdings" data-testid="holdings-table" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {HOLDING_COLUMNS.map((c) => {
              const state = ariaSort(sort, c.id);
              return (
                <Table.Th
                  key={c.id}
                  scope="col"
                  aria-sort={state}
                  style={c.numeric ? NUMERIC : undefined}
                >
                  <UnstyledButton onClick={() => onSort(c.id)} fw={700} fz="sm">
                    {c.label}
                    <span aria-hidden>
                      {state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ''}
                    </span>
                    <VisuallyHidden>, sort</VisuallyHidden>
                  </UnstyledButton>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Fragment key={group.key}>
              <Table.Tr data-testid="holdings-group">
                <Table.Th scope="colgroup" colSpan={5}>
                  <Text fw={700}>{group.title}</Text>
                </Table.Th>
                <Table.Td style={NUMERIC} fw={700}>
                  {group.value === null ? MISSING : formatPrice(group.value, 2)}
                </Table.Td>
              </Table.Tr>
              {group.rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw={600}>
                    {row.asset}
                  </Table.Th>
                  <Table.Td>{row.source}</Table.Td>
                  <Table.Td>{HOLDING_KIND_LABELS[row.kind]}</Table.Td>
                  <Table.Td style={NUMERIC}>{formatQuantity(row.quantity)}</Table.Td>
                  <Table.Td style={NUMERIC}>
                    {row.price === null ? 'no price' : formatPrice(row.price)}
                  </Table.Td>
                  <Table.Td style={NUMERIC}>
                    {row.value === null ? MISSING : formatPrice(row.value, 2)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
