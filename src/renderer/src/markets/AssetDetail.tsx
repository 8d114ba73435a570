// The detail of one asset: its term structure now, and its history of price, premium and funding.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, type Ref } from 'react';
import type { AssetSnapshot } from '../../../shared/market';
import type { Thresholds } from '../../../shared/strategy';
import { SingleActions } from '../rebalance/SingleActions';
import { AssetHistoryCharts } from './AssetHistoryCharts';
import { NotCurrentBadge } from './NotCurrentBadge';
import { TermStructureChart } from './TermStructureChart';

export interface AssetDetailProps {
  asset: string;
  snapshot: AssetSnapshot | null;
  snapshotAt: number | null;
  thresholds: Thresholds | null;
  /** Why what is shown may no longer be the host's, or null while it is. */
  notCurrent: string | null;
  onClose: () => void;
  headingRef?: Ref<HTMLHeadingElement>;
}

export function AssetDetail({
  asset,
  snapshot,
  snapshotAt,
  thresholds,
  notCurrent,
  onClose,
  headingRef,
}: AssetDetailProps) {
  const id = useId();
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md" radius="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          {/* Focused only by script when the detail opens, so it needs no focus ring. */}
          <Title
            order={2}
            size="h3"
            id={id}
            ref={headingRef}
            tabIndex={-1}
            style={{ outline: 'none' }}
          >
            {asset} in detail
          </Title>
          {notCurrent !== null && <NotCurrentBadge reason={notCurrent} />}
          <Button variant="default" size="xs" onClick={onClose}>
            Close {asset} details
          </Button>
        </Group>
        <SingleActions asset={asset} />
        <Stack gap={4}>
          <Title order={3} size="h4">
            Term structure
          </Title>
          <Text size="xs" c="dimmed">
            Annualized premium against days to expiry: the perpetual&apos;s funding at day 0, each
            dated future at its expiry. Hollow points are too near expiry to feed the signal.
          </Text>
          {snapshot ? (
            <TermStructureChart asset={snapshot} />
          ) : (
            <Text size="sm" c="dimmed">
              No market data for {asset} yet.
            </Text>
          )}
        </Stack>
        <AssetHistoryCharts
          asset={asset}
          snapshot={snapshot}
          snapshotAt={snapshotAt}
          thresholds={thresholds}
        />
      </Stack>
    </Paper>
  );
}
