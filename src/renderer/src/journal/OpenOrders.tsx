// The orders open on every account's venue, each with its own named Cancel button, and what the last
// cancel did.
import { Alert, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { openOrderRows } from './journal-rows';
import type { OpenOrdersState } from './use-open-orders';
import { WideTable } from '../ui/WideTable';

const NUMERIC = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function OpenOrders({
  state,
  accountLabel,
}: {
  state: OpenOrdersState;
  accountLabel: (id: string) => string;
}) {
  const rows = state.orders === null ? [] : openOrderRows(state.orders, accountLabel);
  return (
    <Stack gap="sm">
      <Group>
        <Button size="xs" variant="light" onClick={state.retry} loading={state.loading}>
          Refresh open orders
        </Button>
      </Group>
      {state.error !== null && (
        <LoadErrorAlert
          title="Open orders could not be loaded"
          message={state.error}
          onRetry={state.retry}
        />
      )}
      {state.outcome !== null && (
        <Alert
          color={state.outcome.ok ? 'teal' : 'red'}
          role={state.outcome.ok ? 'status' : 'alert'}
          data-testid="cancel-outcome"
        >
          {state.outcome.message}
        </Alert>
      )}
      {state.orders !== null && rows.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="no-open-orders">
          No order is open on any account.
        </Text>
      )}
      {rows.length > 0 && (
        <WideTable minWidth={900} label="Open orders">
          <Table aria-label="Open orders" verticalSpacing="xs" horizontalSpacing={8}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Account</Table.Th>
                <Table.Th scope="col">Venue</Table.Th>
                <Table.Th scope="col">Market</Table.Th>
                <Table.Th scope="col">Symbol</Table.Th>
                <Table.Th scope="col">Side</Table.Th>
                <Table.Th scope="col" style={NUMERIC}>
                  Amount
                </Table.Th>
                <Table.Th scope="col" style={NUMERIC}>
                  Filled
                </Table.Th>
                <Table.Th scope="col" style={NUMERIC}>
                  Price
                </Table.Th>
                <Table.Th scope="col">Plan</Table.Th>
                <Table.Th scope="col">Placed</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Cancel</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td>{row.account}</Table.Td>
                  <Table.Td>{row.venue}</Table.Td>
                  <Table.Td>{row.market}</Table.Td>
                  <Table.Td>{row.symbol}</Table.Td>
                  <Table.Td>{row.side}</Table.Td>
                  <Table.Td style={NUMERIC}>{row.amount}</Table.Td>
                  <Table.Td style={NUMERIC}>{row.filled}</Table.Td>
                  <Table.Td style={NUMERIC}>{row.price}</Table.Td>
                  <Table.Td ff="monospace">{row.plan}</Table.Td>
                  <Table.Td>{row.placedAt}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      aria-label={row.cancelLabel}
                      loading={state.canceling === row.cancel.orderId}
                      disabled={state.canceling !== null && state.canceling !== row.cancel.orderId}
                      onClick={() => state.cancel(row.cancel, row.what)}
                    >
                      Cancel
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
    </Stack>
  );
}
