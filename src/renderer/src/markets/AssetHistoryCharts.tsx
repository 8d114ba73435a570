// An asset's history charts as one view: one range control for all of them, the same window of
// time on each, moving together when one is dragged, the crosshair shared.
import { Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import type { AssetSnapshot } from '../../../shared/market';
import type { Thresholds } from '../../../shared/strategy';
import { rangeWindow, type ChartRange } from '../charts/chart-range';
import { ChartSync } from '../charts/chart-sync';
import { RangeControl } from '../charts/RangeControl';
import { AssetHistoryChart } from './AssetHistoryChart';
import { HISTORY_CHARTS } from './history-charts';

export interface AssetHistoryChartsProps {
  asset: string;
  snapshot: AssetSnapshot | null;
  snapshotAt: number | null;
  thresholds: Thresholds | null;
}

const DEFAULT_RANGE: ChartRange = '3M';

export function AssetHistoryCharts({
  asset,
  snapshot,
  snapshotAt,
  thresholds,
}: AssetHistoryChartsProps) {
  const sync = useMemo(() => new ChartSync(), []);
  const [range, setRange] = useState<ChartRange>(DEFAULT_RANGE);
  // The window ends where it was when chosen: a new snapshot every few seconds must not pull a
  // chart the user has dragged back to the present.
  const [end, setEnd] = useState<number | null>(null);
  const [earliest, setEarliest] = useState<Record<string, number>>({});
  // Set during render (not in an effect) so the first snapshot's window is drawn at once.
  if (end === null && snapshotAt !== null) setEnd(snapshotAt);

  const choose = (next: ChartRange) => {
    setRange(next);
    setEnd(snapshotAt ?? end);
  };
  const noteEarliest = useCallback((series: string, first: number | null) => {
    setEarliest((old) => {
      if (first === null) {
        if (!(series in old)) return old;
        const { [series]: _gone, ...rest } = old;
        return rest;
      }
      return old[series] === first ? old : { ...old, [series]: first };
    });
  }, []);

  const firsts = Object.values(earliest);
  const first = firsts.length > 0 ? Math.min(...firsts) : null;
  const window = useMemo(
    () => (end === null ? null : rangeWindow(range, end, first)),
    [range, end, first],
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center" wrap="wrap" gap="xs">
        <Title order={3} size="h4">
          History
        </Title>
        <RangeControl value={range} onChange={choose} label={`${asset} history range`} />
      </Group>
      <Text size="xs" c="dimmed">
        The charts below show the same dates and move together: drag one to look back, and the
        crosshair marks the same moment on each. Each caption describes what is on screen.
      </Text>
      {HISTORY_CHARTS.map((spec) => (
        <AssetHistoryChart
          key={`${asset}-${spec.series}`}
          spec={spec}
          asset={asset}
          snapshot={snapshot}
          snapshotAt={snapshotAt}
          thresholds={spec.series === 'premium' ? thresholds : null}
          window={window}
          sync={sync}
          onEarliest={noteEarliest}
        />
      ))}
    </Stack>
  );
}
