// One history chart of an asset: fetched once, drawn for the view's window (thinned to the chart's
// width), then extended by every snapshot without fetching again. Its caption says what is on screen.
import { Alert, Box, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useId, useMemo, useState } from 'react';
import type { AssetSnapshot, HistorySeries } from '../../../shared/market';
import type { Thresholds } from '../../../shared/strategy';
import { thresholdLines, toLineData, valueLabelFor } from '../charts/chart-data';
import type { TimeWindow } from '../charts/chart-range';
import type { ChartSync } from '../charts/chart-sync';
import { HistoryChart } from '../charts/HistoryChart';
import { ThresholdLegend } from '../charts/ThresholdLegend';
import { useReconnects } from '../api/use-connection';
import { useClient } from '../client-context';
import { shownError } from '../ui/shown-error';
import {
  chartSummary,
  fundingChartable,
  HISTORY_MAX_POINTS,
  livePoint,
  plottedValues,
  type HistoryChartSpec,
} from './history-charts';
import { formatDate } from './time-text';
import { useHistoryReads } from './use-market-data';

type Loaded = { asset: string; series: HistorySeries } | { asset: string; error: string };

export interface AssetHistoryChartProps {
  spec: HistoryChartSpec;
  asset: string;
  snapshot: AssetSnapshot | null;
  snapshotAt: number | null;
  /** Drawn as horizontal lines (the premium chart). */
  thresholds?: Thresholds | null;
  /** The view's window of time; null shows everything. */
  window: TimeWindow | null;
  sync: ChartSync;
  /** Tells the view the earliest time this chart holds (null when it holds none), for 'All'. */
  onEarliest: (series: string, first: number | null) => void;
}

/** Stable while the levels are the same numbers, so the lines are not redrawn every snapshot. */
function useStableThresholds(thresholds: Thresholds | null | undefined): Thresholds | null {
  const key = thresholds
    ? `${thresholds.deepBelow}|${thresholds.moderateFrom}|${thresholds.extremeAbove}|${thresholds.extremeExit}`
    : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key holds every number of the set
  return useMemo(() => thresholds ?? null, [key]);
}

export function AssetHistoryChart({
  spec,
  asset,
  snapshot,
  snapshotAt,
  thresholds,
  window,
  sync,
  onEarliest,
}: AssetHistoryChartProps) {
  const client = useClient();
  const titleId = useId();
  const summaryId = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, tryAgain] = useHistoryReads(client, asset);
  const [inView, setInView] = useState<readonly { time: number; value: number }[] | null>(null);
  // History recorded while the host was out of reach arrives only by reading it again.
  const reconnects = useReconnects(client);

  useEffect(() => {
    let current = true;
    client.getHistory({ asset, series: spec.series, maxPoints: HISTORY_MAX_POINTS }).then(
      (series) => {
        if (current) setLoaded({ asset, series });
      },
      (e: unknown) => {
        if (current) setLoaded({ asset, error: shownError(e).message });
      },
    );
    return () => {
      current = false;
    };
  }, [client, asset, spec.series, attempt, reconnects]);

  // A result for the asset shown before is not this asset's history.
  const result = loaded?.asset === asset ? loaded : null;
  const history = result && 'series' in result ? result.series : null;
  const error = result && 'error' in result ? result.error : null;

  const intervalHours = snapshot?.perp?.fundingIntervalHours ?? null;
  const values = useMemo(
    () => (history ? plottedValues(history, intervalHours) : null),
    [history, intervalHours],
  );
  const data = useMemo(
    () => (history && values ? toLineData(history.t, values) : null),
    [history, values],
  );
  const first = data?.[0]?.time;
  useEffect(() => {
    onEarliest(spec.series, first === undefined ? null : first * 1000);
  }, [onEarliest, spec.series, first]);

  // No perpetual to annualize with: said at once, unless the history brings intervals of its own.
  const nothingToChart = history ? values === null : !fundingChartable(spec.series, intervalHours);

  const point = livePoint(spec.series, snapshot, snapshotAt);
  const liveT = point?.t ?? null;
  const liveV = point?.v ?? null;
  const live = useMemo(
    () => (liveT === null || liveV === null ? null : { t: liveT, v: liveV }),
    [liveT, liveV],
  );

  const stable = useStableThresholds(thresholds);
  const lines = useMemo(() => (stable ? thresholdLines(stable) : undefined), [stable]);

  const format = valueLabelFor(spec.kind);
  const summary =
    error !== null
      ? `History could not be loaded: ${error}`
      : chartSummary(format, data === null ? null : (inView ?? []), live, (ms) => formatDate(ms));

  return (
    <Box component="figure" m={0} aria-labelledby={titleId} aria-describedby={summaryId}>
      <Stack gap={4}>
        <Title order={3} size="h5" id={titleId}>
          {spec.title}
        </Title>
        <Text size="xs" c="dimmed">
          {spec.about}
          {spec.series === 'premium' && !stable && ' No thresholds are known for this asset yet.'}
        </Text>
        {nothingToChart ? (
          <Text size="sm" c="dimmed" id={summaryId}>
            No perpetual is listed for {asset}, so there is no funding to chart.
          </Text>
        ) : (
          <>
            {error !== null ? (
              <Alert color="red" title="History unavailable" id={summaryId}>
                <Group justify="space-between">
                  <Text size="sm">{error}</Text>
                  <Button size="xs" variant="light" color="red" onClick={tryAgain}>
                    Try again
                  </Button>
                </Group>
              </Alert>
            ) : (
              <Text size="sm" id={summaryId}>
                {summary}
              </Text>
            )}
            <HistoryChart
              key={spec.kind}
              kind={spec.kind}
              data={data}
              live={live}
              lines={lines}
              regimes={spec.series === 'premium' ? stable : null}
              window={window}
              sync={sync}
              onView={setInView}
            />
            {lines && stable && <ThresholdLegend lines={lines} />}
          </>
        )}
      </Stack>
    </Box>
  );
}
