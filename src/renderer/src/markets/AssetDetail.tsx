// The detail of one asset: its term structure now, and its history of price, premium and funding.
import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useId, type KeyboardEvent, type Ref } from 'react';
import type { AssetSnapshot } from '../../../shared/market';
import type { Thresholds } from '../../../shared/strategy';
import { SingleActions } from '../rebalance/SingleActions';
import { AssetHistoryCharts } from './AssetHistoryCharts';
import { FundingPanel } from './FundingPanel';
import { NotCurrentBadge } from './NotCurrentBadge';
import { TermStructure } from './TermStructure';

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
    <Paper
      component="section"
      aria-labelledby={id}
      withBorder
      p="md"
      radius="md"
      // Escape closes the detail from anywhere inside it, unless a control used the key itself.
      onKeyDown={(event: KeyboardEvent<HTMLElement>) => {
        if (event.key === 'Escape' && !event.defaultPrevented) onClose();
      }}
    >
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
        <TermStructure asset={asset} snapshot={snapshot} thresholds={thresholds} />
        <FundingPanel asset={asset} snapshot={snapshot} snapshotAt={snapshotAt} />
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
