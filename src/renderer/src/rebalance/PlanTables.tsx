// A plan's checks, notes and tables: the steps in execution order, the carry of each hedged pair, the
// shorts with their liquidation risk, and the costs.
import { Group, List, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import { MISSING } from '../../../core/format';
import type { PlanNote, RebalancePlan } from '../../../shared/plan';
import { carryRows, costRows, shortRows, stepRows } from './plan-rows';
import { checkRows } from './plan-view';
import { WideTable } from '../ui/WideTable';

const NUMERIC = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function PlanChecks({ plan }: { plan: RebalancePlan }) {
  const rows = checkRows(plan.checks);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No checks were run.
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Checks">
      {rows.map((row) => (
        <Group component="li" key={row.key} gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon
            color={row.ok ? 'teal' : 'red'}
            variant="light"
            size="sm"
            radius="xl"
            aria-hidden
          >
            <Text size="xs" fw={700} c="inherit">
              {row.ok ? '✓' : '✕'}
            </Text>
          </ThemeIcon>
          <Text size="sm">
            <Text component="span" fw={600} size="sm">
              {row.status}:
            </Text>{' '}
            {row.message}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function PlanNotes({ notes }: { notes: readonly PlanNote[] }) {
  if (notes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing was left out.
      </Text>
    );
  }
  return (
    <List size="sm" spacing={4} aria-label="Notes">
      {notes.map((note, index) => (
        <List.Item key={`${note.code}-${index}`}>
          {note.asset !== null && <strong>{note.asset}: </strong>}
          {note.message}
        </List.Item>
      ))}
    </List>
  );
}

function PlanTable({
  label,
  minWidth,
  head,
  children,
}: {
  label: string;
  minWidth: number;
  head: readonly (readonly [string, boolean])[];
  children: ReactNode;
}) {
  return (
    <WideTable minWidth={minWidth} label={label}>
      <Table aria-label={label} verticalSpacing="xs" horizontalSpacing={8}>
        <Table.Thead>
          <Table.Tr>
            {head.map(([name, numeric]) => (
              <Table.Th key={name} scope="col" style={numeric ? NUMERIC : undefined}>
                {name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </WideTable>
  );
}

const STEP_HEAD = [
  ['#', true],
  ['What', false],
  ['Market', false],
  ['Symbol', false],
  ['Side', false],
  ['Amount', true],
  ['Contracts', true],
  ['Expected price', true],
  ['Limit price', true],
  ['Notional', true],
  ['Fee', true],
  ['Slippage', true],
  ['Reduce-only', false],
  ['Account', false],
  ['Pair', false],
] as const;

export function PlanSteps({
  plan,
  accountLabel,
}: {
  plan: RebalancePlan;
  accountLabel: (id: string) => string;
}) {
  const rows = stepRows(plan, accountLabel);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="no-steps">
        Nothing to do: the plan has no steps.
      </Text>
    );
  }
  return (
    <PlanTable label="Steps" minWidth={1400} head={STEP_HEAD}>
      {rows.map((row) => {
        const o = row.order;
        return (
          <Table.Tr key={row.key} data-testid={row.key}>
            <Table.Td style={NUMERIC}>{row.number}</Table.Td>
            <Table.Td>
              <Text size="sm">{row.what}</Text>
              {row.reason !== null && (
                <Text size="xs" c="dimmed">
                  {row.reason}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{o?.market ?? MISSING}</Table.Td>
            <Table.Td>{o?.symbol ?? MISSING}</Table.Td>
            <Table.Td>{o?.side ?? MISSING}</Table.Td>
            <Table.Td style={NUMERIC}>{o?.amount ?? MISSING}</Table.Td>
            <Table.Td style={NUMERIC}>{o?.contracts ?? MISSING}</Table.Td>
            <Table.Td style={NUMERIC}>{o?.price ?? MISSING}</Table.Td>
            <Table.Td style={NUMERIC}>{o?.limitPrice ?? MISSING}</Table.Td>
            <Table.Td style={NUMERIC}>{o?.notional ?? MISSING}</Table.Td>
            <Table.Td style={NUMERIC}>{o?.fee ?? MISSING}</Table.Td>
            <Table.Td style={NUMERIC}>{o?.slippage ?? MISSING}</Table.Td>
            <Table.Td>{o?.reduceOnly ?? MISSING}</Table.Td>
            <Table.Td>{row.account}</Table.Td>
            <Table.Td>{row.pair}</Table.Td>
          </Table.Tr>
        );
      })}
    </PlanTable>
  );
}

const CARRY_HEAD = [
  ['Pair', false],
  ['Short', false],
  ['Counted', false],
  ['Notional', true],
  ['Gross', true],
  ['Fees', true],
  ['Net', true],
  ['Net annualized', true],
  ['Breakeven', true],
  ['Return on capital', true],
] as const;

export function PlanCarryTable({ plan }: { plan: RebalancePlan }) {
  const rows = carryRows(plan.carry);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The plan opens no hedge, so it earns no carry.
      </Text>
    );
  }
  return (
    <PlanTable label="Carry" minWidth={1000} head={CARRY_HEAD}>
      {rows.map((row) => (
        <Table.Tr key={row.key}>
          <Table.Td>{row.pair}</Table.Td>
          <Table.Td>{row.symbol}</Table.Td>
          <Table.Td>{row.kind}</Table.Td>
          <Table.Td style={NUMERIC}>{row.notional}</Table.Td>
          <Table.Td style={NUMERIC}>{row.gross}</Table.Td>
          <Table.Td style={NUMERIC}>{row.fees}</Table.Td>
          <Table.Td style={NUMERIC}>{row.net}</Table.Td>
          <Table.Td style={NUMERIC}>{row.netAnnualized}</Table.Td>
          <Table.Td style={NUMERIC}>{row.breakeven}</Table.Td>
          <Table.Td style={NUMERIC}>{row.returnOnCapital}</Table.Td>
        </Table.Tr>
      ))}
    </PlanTable>
  );
}

const SHORT_HEAD = [
  ['Symbol', false],
  ['Account', false],
  ['Margin mode', false],
  ['Margin', true],
  ['Leverage', true],
  ['Liquidation price', true],
  ['Distance to liquidation', true],
] as const;

export function PlanShorts({
  plan,
  accountLabel,
}: {
  plan: RebalancePlan;
  accountLabel: (id: string) => string;
}) {
  const rows = shortRows(plan.shorts, accountLabel);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The plan opens or adds to no short.
      </Text>
    );
  }
  return (
    <PlanTable label="Shorts" minWidth={760} head={SHORT_HEAD}>
      {rows.map((row) => (
        <Table.Tr key={row.key}>
          <Table.Td>{row.symbol}</Table.Td>
          <Table.Td>{row.account}</Table.Td>
          <Table.Td>{row.marginMode}</Table.Td>
          <Table.Td style={NUMERIC}>{row.margin}</Table.Td>
          <Table.Td style={NUMERIC}>{row.leverage}</Table.Td>
          <Table.Td style={NUMERIC}>{row.liquidationPrice}</Table.Td>
          <Table.Td style={NUMERIC}>{row.distance}</Table.Td>
        </Table.Tr>
      ))}
    </PlanTable>
  );
}

export function PlanCosts({ plan }: { plan: RebalancePlan }) {
  const costs = costRows(plan.costs);
  return (
    <Table aria-label="Costs" verticalSpacing="xs" maw={420}>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th scope="row">Fees</Table.Th>
          <Table.Td style={NUMERIC} data-testid="cost-fees">
            {costs.fees}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">Slippage</Table.Th>
          <Table.Td style={NUMERIC} data-testid="cost-slippage">
            {costs.slippage}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">Total</Table.Th>
          <Table.Td style={NUMERIC} fw={700} data-testid="cost-total">
            {costs.total}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
