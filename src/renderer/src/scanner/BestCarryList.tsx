// The assets whose hedge earns most net of fees, best first, each with one-click Track: what the
// rebalance plan would count for a hedge of it, said in words.
import { Button, Card, Group, SimpleGrid, Text } from '@mantine/core';
import { formatPercent } from '../../../core/format';
import type { ScannerRow } from '../../../shared/scanner';

const days = (n: number) => `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })} days`;

export interface BestCarryListProps {
  rows: readonly ScannerRow[];
  onTrack: (asset: string) => void;
  busy: boolean;
}

export function BestCarryList({ rows, onTrack, busy }: BestCarryListProps) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No perpetual earns a carry net of fees at the moment.
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" component="ol" p={0} m={0}>
      {rows.map((row) => {
        const carry = row.carry!;
        const hedge =
          carry.kind === 'perp'
            ? `short the perpetual for ${days(carry.days)}`
            : `short ${carry.symbol} to its expiry in ${days(carry.days)}`;
        return (
          <Card
            key={row.asset}
            withBorder
            component="li"
            aria-label={`${row.asset} carry`}
            style={{ listStyle: 'none' }}
          >
            <Group justify="space-between" wrap="nowrap">
              <Text fw={700}>{row.asset}</Text>
              <Text fw={700}>{formatPercent(carry.netAnnualized)} a year</Text>
            </Group>
            <Text size="sm" c="dimmed">
              Spot bought and {hedge}, net of {formatPercent(carry.feeShare)} fees in and out
              {carry.breakevenDays !== null
                ? `; fees paid back in ${days(carry.breakevenDays)}`
                : ''}
              .
            </Text>
            <Group justify="end" mt="xs">
              {row.tracked ? (
                <Text size="sm" c="dimmed">
                  Tracked
                </Text>
              ) : (
                <Button
                  size="xs"
                  onClick={() => onTrack(row.asset)}
                  disabled={busy}
                  aria-label={`Track ${row.asset}`}
                >
                  Track
                </Button>
              )}
            </Group>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
