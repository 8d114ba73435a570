// The confirmation before a plan is executed: the whole plan once more — every transfer, every order
// with its protected limit, expected price, fee and slippage, each short's margin, leverage and
// liquidation price, the buckets after — and the two named buttons. Focus stays inside while it is open.
import { Alert, Badge, Button, Group, List, Modal, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { RebalancePlan } from '../../../shared/plan';
import { StackedBucketBar } from '../calculator/BucketChart';
import { planConfirmation } from './confirm-view';
import { WideTable } from '../ui/WideTable';

const NUMERIC = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export interface ExecuteDialogProps {
  plan: RebalancePlan;
  opened: boolean;
  accountLabel: (id: string) => string;
  /** Why the plan may no longer be executed (it expired while the dialog was open); empty when it may. */
  blockers: string[];
  onConfirm: () => void;
  onClose: () => void;
}

export function ExecuteDialog({
  plan,
  opened,
  accountLabel,
  blockers,
  onConfirm,
  onClose,
}: ExecuteDialogProps) {
  const c = planConfirmation(plan, accountLabel);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Execute this plan?"
      size="xl"
      trapFocus
      returnFocus
      closeButtonProps={{ 'aria-label': 'Close without executing' }}
    >
      <Stack gap="md">
        <Group gap="xs" justify="space-between">
          <Text fw={600}>{c.title}</Text>
          {c.demo && (
            <Badge color="grape" variant="filled" tt="none">
              Demo account
            </Badge>
          )}
        </Group>
        <Text size="sm">
          Every order is immediate-or-cancel at its protected limit price: it fills at that price or
          better, or not at all. The plan&apos;s checks are judged again on fresh prices, balances
          and order books before anything is sent.
        </Text>
        <Part title="Transfers">
          {c.transfers.length === 0 ? (
            <Text size="sm" c="dimmed">
              No transfer.
            </Text>
          ) : (
            <List size="sm" aria-label="Transfers">
              {c.transfers.map((t) => (
                <List.Item key={t.key}>
                  {t.what} ({t.account})
                </List.Item>
              ))}
            </List>
          )}
        </Part>
        <Part title="Orders">
          {c.orders.length === 0 ? (
            <Text size="sm" c="dimmed">
              No order.
            </Text>
          ) : (
            <WideTable minWidth={720} label="Orders to execute">
              <Table aria-label="Orders to execute" verticalSpacing={4} horizontalSpacing={8}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Side</Table.Th>
                    <Table.Th scope="col">Symbol</Table.Th>
                    <Table.Th scope="col" style={NUMERIC}>
                      Amount
                    </Table.Th>
                    <Table.Th scope="col" style={NUMERIC}>
                      Limit price
                    </Table.Th>
                    <Table.Th scope="col" style={NUMERIC}>
                      Expected price
                    </Table.Th>
                    <Table.Th scope="col" style={NUMERIC}>
                      Fee
                    </Table.Th>
                    <Table.Th scope="col" style={NUMERIC}>
                      Slippage
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.orders.map(({ key, order }) => (
                    <Table.Tr key={key} data-testid={`confirm-${key}`}>
                      <Table.Td>{order.side}</Table.Td>
                      <Table.Td>{order.symbol}</Table.Td>
                      <Table.Td style={NUMERIC}>{order.amount}</Table.Td>
                      <Table.Td style={NUMERIC}>{order.limitPrice}</Table.Td>
                      <Table.Td style={NUMERIC}>{order.price}</Table.Td>
                      <Table.Td style={NUMERIC}>{order.fee}</Table.Td>
                      <Table.Td style={NUMERIC}>{order.slippage}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </WideTable>
          )}
          <Text size="sm" data-testid="confirm-costs">
            Expected costs: fees {c.costs.fees}, slippage {c.costs.slippage}, total {c.costs.total}.
          </Text>
        </Part>
        {c.shorts.length > 0 && (
          <Part title="Shorts">
            <List size="sm" aria-label="Shorts opened or added to">
              {c.shorts.map((s) => (
                <List.Item key={s.key}>
                  {s.symbol}: margin {s.margin}, leverage {s.leverage}, liquidation at{' '}
                  {s.liquidationPrice}
                </List.Item>
              ))}
            </List>
          </Part>
        )}
        <Part title="Weights after">
          <StackedBucketBar
            segments={c.after.segments}
            description={c.after.description}
            height={28}
            radius="sm"
            textSize="xs"
          />
        </Part>
        {blockers.length > 0 && (
          <Alert color="red" title="This plan can no longer be executed" role="alert">
            <List size="sm">
              {blockers.map((b) => (
                <List.Item key={b}>{b}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Text size="sm" fw={600} ta="right">
          {c.question}
        </Text>
        <Group justify="flex-end" gap="sm">
          {/* The safe choice takes focus first, so Enter never sends orders by accident. */}
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm} disabled={blockers.length > 0}>
            Execute now
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
